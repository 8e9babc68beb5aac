"""Settings for the BCĐ35 portal, driven by the environment.

Every variable is documented in `.env.example`. With no variable set at all the
portal runs as the embedded demo: SQLite, eager Celery, local-memory cache, DEBUG on.
A bad value stops start-up with ImproperlyConfigured naming the variable.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)
# With DEBUG on, Django's technical 404 and 500 pages instead of the site's (portal.middleware).
DEBUG_PAGES = env_bool("DEBUG_PAGES", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-embedded-demo-key-never-use-in-production"  # noqa: S105
elif not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for origin in CSRF_TRUSTED_ORIGINS:
    if urlparse(origin).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries must start with http:// or https://; got {origin!r}."
        )

INSTALLED_APPS = [
    # Django's admin with the portal's site: two-step sign-in, 2FA enrolment (portal/accounts/).
    "portal.accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django_filters",
    # CKEditor 5 for article bodies: its static files and widget template (portal/news/forms.py).
    "django_ckeditor_5",
    "import_export",
    # The audit trail of every record (portal/history.py): who, when and what changed.
    "simple_history",
    "portal.accounts.apps.AxesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    # After django_otp's plugins: its admin module replaces theirs.
    "portal.accounts",
    # Below every domain app: any record cites its sources (portal/sources/).
    "portal.sources",
    # Spreadsheet import and export of the admin lists (portal/exchange/), below every domain app too.
    "portal.exchange",
    "committees",
    "events",
    "agreements",
    "portal.news",
    "reports",
]

# The history pages and restore are the portal's (portal/audit_admin.py), through the services;
# simple-history's own revert view would write a record around them.
SIMPLE_HISTORY_REVERT_DISABLED = True

MIDDLEWARE = [
    "portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.QueryStringGuardMiddleware",
    # ETag and 304 answers to conditional GETs, on the final content.
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The signed-in user of a request, for the history of what the request changes.
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.accounts.middleware.SessionIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # With DEBUG on, the site's own 404 and 500 pages instead of Django's debug pages.
    "portal.middleware.SitePagesInDebugMiddleware",
    # Inside every other middleware, so a page from the cache still passes them on its way out.
    "portal.cache.PublicPageCacheMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    if _database["ENGINE"] not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…) or SQLite.")
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # Django's own connection pool (psycopg 3); it requires CONN_MAX_AGE = 0.
        _database["CONN_MAX_AGE"] = 0
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10),
        }
    _database.setdefault("TEST", {})
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite with PostgreSQL's integer limits (portal/db/backends/sqlite3/base.py).
    _database["ENGINE"] = "portal.db.backends.sqlite3"
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery ----------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL and urlparse(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
    raise ImproperlyConfigured(
        f"REDIS_URL must start with redis://, rediss:// or unix://; got {REDIS_URL!r}."
    )

# The embedded demo with its jobs (`make run`, portal/management/commands/run.py): without Redis,
# the web process and the Celery worker it starts share this directory — kombu's filesystem
# transport as the broker, a file-based cache (the pages' versions, counters and health figures
# must be the same for both) and beat's schedule file. Unset and without REDIS_URL (tests, a bare
# `manage.py runserver`, one-off commands): tasks run eagerly where they are sent, local-memory cache.
EMBEDDED_JOBS_DIR = Path(env_str("EMBEDDED_JOBS_DIR")).resolve() if env_str("EMBEDDED_JOBS_DIR") else None
if REDIS_URL and EMBEDDED_JOBS_DIR:
    raise ImproperlyConfigured("Set REDIS_URL or EMBEDDED_JOBS_DIR, not both: the jobs use one broker.")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "bcd35",
        }
    }
elif EMBEDDED_JOBS_DIR:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(EMBEDDED_JOBS_DIR / "cache"),
            "KEY_PREFIX": "bcd35",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages for anonymous readers (portal/cache.py): how long the proxy and browsers may
# keep one, and how long the shared cache keeps one that nothing has made stale meanwhile.
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 60)
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 24 * 60 * 60)
# ... and how long the reverse proxy keeps one (it cannot be told of a change): a few seconds.
PROXY_PAGE_CACHE_SECONDS = env_int("PROXY_PAGE_CACHE_SECONDS", 10)

# The longest job (an annual summary with its spreadsheets) must finish well inside
# the hard time limit, and Redis must not hand an unacknowledged task to a second
# worker before that limit: visibility_timeout > task_time_limit.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 2}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
elif EMBEDDED_JOBS_DIR:
    # One folder is both ends of the queue: the web process writes a message file, the worker
    # takes it (and deletes it once done). No result backend: nobody waits on a result.
    CELERY_BROKER_URL = "filesystem://"
    # kombu's filesystem transport, with each message renamed into the folder once written
    # (portal/folder_broker.py): kombu's own can hand a worker a half-written file.
    CELERY_BROKER_TRANSPORT = "portal.folder_broker:Transport"
    CELERY_TASK_ALWAYS_EAGER = False
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(EMBEDDED_JOBS_DIR / "broker" / "queue"),
        "data_folder_out": str(EMBEDDED_JOBS_DIR / "broker" / "queue"),
        "control_folder": str(EMBEDDED_JOBS_DIR / "broker" / "control"),
        "store_processed": False,
    }
    CELERY_BEAT_SCHEDULE_FILENAME = str(EMBEDDED_JOBS_DIR / "celerybeat-schedule")
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
# Fire-and-forget unless a task says otherwise: a result backend that is down would
# otherwise hold every caller (the web request queueing a rendition) for its retries.
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Every periodic job, in one place.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "agreements-daily": {"task": "agreements.run_daily", "schedule": crontab(hour=6, minute=0)},
    # Work that could not be queued while the broker was down (portal/jobs.py).
    "events-missing-renditions": {
        "task": "events.make_missing_renditions",
        "schedule": crontab(minute="*/10"),
    },
    "news-missing-renditions": {"task": "news.make_missing_renditions", "schedule": crontab(minute="*/10")},
    # Spreadsheet exports past their keeping time deleted; export jobs that never reached a worker sent again.
    "exchange-sweep-exports": {"task": "exchange.sweep_exports", "schedule": crontab(minute="*/10")},
    # Scheduled articles whose time has come (pages never show them earlier, nor wait for it).
    "news-publish-due": {"task": "news.publish_due", "schedule": crontab(minute="*")},
    # Search entries whose rebuild could not be queued when their records changed (broker down).
    "news-search-refresh-stale": {"task": "news.search_refresh_stale", "schedule": crontab(minute="*/10")},
    # Views and visitors counted in the cache, moved to the database (portal/news/counters.py).
    "news-flush-counters": {"task": "news.flush_counters", "schedule": crontab(minute="*")},
    "portal-expired-sessions": {
        "task": "portal.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=0),
    },
    # The half-year just ended on 1 July; the second half and the whole year on 1 January.
    "reports-period-summaries": {
        "task": "reports.assemble_period_summaries",
        "schedule": crontab(hour=1, minute=0, day_of_month=1, month_of_year="1,7"),
    },
    # Summary jobs whose worker died (or that could not be queued), started again.
    "reports-resume-stalled-summaries": {
        "task": "reports.resume_stalled_summaries",
        "schedule": crontab(minute="*/5"),
    },
}
# Summaries (reports/summaries/): how many records are read and written at a time, and how
# long a running job may go without progress before the sweep hands it to another worker.
REPORTS_SUMMARY_CHUNK_SIZE = env_int("REPORTS_SUMMARY_CHUNK_SIZE", 1000)
REPORTS_SUMMARY_STALE_SECONDS = env_int("REPORTS_SUMMARY_STALE_SECONDS", 5 * 60)

# --- Authentication -------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in while the username is locked out from that address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "admin:login"
# Django's default (/accounts/profile/) does not exist here.
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "admin:login"

# Trusted reverse proxies in front of gunicorn (1 behind the nginx of deploy/). Each appends
# the address it received from to X-Forwarded-For, so the client is the PROXY_COUNT-th
# entry from the right; anything further left was written by the client and is ignored.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or a positive number of proxies; got {PROXY_COUNT}.")

# Sign-in lockout (django-axes): 5 failures for one username from one address lock that
# pair for 15 minutes from the last failure; another address, or another username, is
# not affected. Attempts during the lockout do not extend it, so the time the lockout
# page announces holds. A successful sign-in clears the pair's failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "portal.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout.lockout_response"
# The code typed at the second step is masked in the attempt records like the password.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# portal/accounts/admin.py registers read-only, translated versions of axes' tables.
AXES_ENABLE_ADMIN = False
# No "AXES: BEGIN version …" line on every start (management commands print it to stderr).
AXES_VERBOSE = False

# Two-step verification (django-otp): TOTP apps with single-use backup codes; optional
# for staff, required for superusers (portal/accounts/). A TOTP code is accepted 30 s
# either side of its step, once; wrong codes slow verification down exponentially.
OTP_TOTP_ISSUER = "BCD35"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Staff sessions end after a working day without activity: the expiry slides forward at
# most every SESSION_REFRESH_SECONDS (portal.accounts.middleware), not on every request.
# Readers of the public pages get no session at all.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_REFRESH_SECONDS = 5 * 60
# Sessions live in the database, which every web machine shares, so a staff member signed in
# through one gunicorn is signed in on all (the two-step verification is in the session too).
# Not in the cache: Redis is run as a cache and a queue, whose keys may go (a restart, memory
# pressure) and a lost session signs staff out in the middle of a form; sessions are few (staff
# only) and written at most every SESSION_REFRESH_SECONDS. `portal.clear_expired_sessions`
# deletes the expired ones every night.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Language, formats, time ----------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's `vi` locale has no input formats, so "05/06/2025" would be read month-first:
# portal/formats/vi/formats.py makes every date day-first.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# MEDIA_URL may be a path of this site or an absolute URL: media on its own domain
# (https://media.bcd35.example.vn/) keeps every uploaded file out of the site's origin.
MEDIA_URL = env_str("MEDIA_URL", "/media/")
_media_url_ok = MEDIA_URL.startswith("/") or urlparse(MEDIA_URL).scheme in {"http", "https"}
if not (MEDIA_URL.endswith("/") and _media_url_ok):
    raise ImproperlyConfigured(
        f"MEDIA_URL must be a path or an http(s) URL ending with '/'; got {MEDIA_URL!r}."
    )
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Where uploads are kept: "local" (MEDIA_ROOT, the default: one machine, or web replicas
# sharing one volume) or "s3" (a bucket of S3-compatible object storage, for web machines
# that share no disk). With s3, MEDIA_URL is where the proxy or CDN in front of the bucket
# answers; it adds the headers of portal/media.py that an object cannot carry (README).
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local").lower()
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3; got {MEDIA_STORAGE!r}.")
# Django serves uploads itself only in the embedded demo; in production the reverse proxy
# does (deploy/nginx/), with the same safe headers (portal/media.py).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG and MEDIA_STORAGE == "local")
if SERVE_MEDIA and MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(
        "SERVE_MEDIA must be off with MEDIA_STORAGE=s3: Django serves only MEDIA_ROOT."
    )
if MEDIA_STORAGE == "s3":
    _media = urlparse(MEDIA_URL)
    if _media.scheme not in {"http", "https"}:
        raise ImproperlyConfigured(
            "MEDIA_URL must be the absolute URL where the bucket's files are served (the media "
            f"proxy or CDN, e.g. https://media.bcd35.example.vn/) with MEDIA_STORAGE=s3; got {MEDIA_URL!r}."
        )
    _bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not _bucket:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME must name the media bucket with MEDIA_STORAGE=s3."
        )
    _endpoint = env_str("AWS_S3_ENDPOINT_URL")
    if _endpoint and (urlparse(_endpoint).scheme not in {"http", "https"} or not urlparse(_endpoint).netloc):
        raise ImproperlyConfigured(f"AWS_S3_ENDPOINT_URL must be an http(s) URL; got {_endpoint!r}.")
    _access_key = env_str("AWS_ACCESS_KEY_ID")
    _secret_key = env_str("AWS_SECRET_ACCESS_KEY")
    if bool(_access_key) != bool(_secret_key):
        _missing = "AWS_SECRET_ACCESS_KEY" if _access_key else "AWS_ACCESS_KEY_ID"
        raise ImproperlyConfigured(
            f"{_missing} must be set too: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together "
            "(leave both unset to use the machine's role)."
        )
    _media_storage = {
        "BACKEND": "portal.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": _endpoint or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": _access_key or None,
            "secret_key": _secret_key or None,
            # Public URLs are MEDIA_URL + the stored name, made without asking the bucket.
            "custom_domain": (_media.netloc + _media.path).rstrip("/"),
            "url_protocol": f"{_media.scheme}:",
            "querystring_auth": False,
            # Names are random (portal.files.RandomName): no lookup before each write.
            "file_overwrite": True,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Spreadsheets (portal/exchange/) --------------------------------------------------
# Import and export each need their own permission (`<app>.import_<model>`, `<app>.export_<model>`).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# The formats (Excel workbooks and CSV only) are set on the admin mixin: portal/exchange/admin.py.
# An uploaded file waits for its confirmation in the cache, which every web process shares
# (Redis in production, the file cache of `make run`), not in one machine's temporary folder.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
# Exports of more rows than this run as a background job with a progress bar.
EXPORT_ASYNC_THRESHOLD = env_int("EXPORT_ASYNC_THRESHOLD", 5000)

# Spreadsheet exports written by a worker (portal/exchange/): kept out of the public media, handed
# out by the admin's download view only. Web processes and workers must share this folder.
EXPORTS_ROOT = Path(env_str("EXPORTS_ROOT") or BASE_DIR / "var" / "exports").resolve()
if EXPORTS_ROOT.is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured(
        f"EXPORTS_ROOT must not be inside MEDIA_ROOT (it is served); got {EXPORTS_ROOT}."
    )
# Days an export file is kept before the periodic clean-up deletes it.
EXPORT_FILES_KEEP_DAYS = env_int("EXPORT_FILES_KEEP_DAYS", 7)

# --- News -----------------------------------------------------------------------------

# A second pair of eyes: whoever submitted an article may not approve it, unless a one-person
# office relaxes the rule.
NEWS_ALLOW_SELF_APPROVAL = env_bool("NEWS_ALLOW_SELF_APPROVAL", False)
# The same rule for review reports (reports.services.report_approve).
REPORTS_ALLOW_SELF_APPROVAL = env_bool("REPORTS_ALLOW_SELF_APPROVAL", False)
# How long a preview link of an unpublished article works (portal/news/preview.py).
NEWS_PREVIEW_DAYS = env_int("NEWS_PREVIEW_DAYS", 7)
if NEWS_PREVIEW_DAYS < 1:
    raise ImproperlyConfigured(f"NEWS_PREVIEW_DAYS must be at least 1; got {NEWS_PREVIEW_DAYS}.")
# Committee membership pages give today's date while their latest dated fact (a start, a report)
# is at most this many days old; older, they say "as of" that fact's date (committees.selectors).
COMMITTEES_FACTS_FRESH_DAYS = env_int("COMMITTEES_FACTS_FRESH_DAYS", 180)
if COMMITTEES_FACTS_FRESH_DAYS < 0:
    raise ImproperlyConfigured(
        f"COMMITTEES_FACTS_FRESH_DAYS must be 0 or more; got {COMMITTEES_FACTS_FRESH_DAYS}."
    )

# The article editor (CKEditor 5 through django-ckeditor-5). The package bundles every plugin;
# those whose output the server's allow-list would drop anyway (styles, fonts, colours, embeds,
# raw HTML, Markdown, which would store Markdown instead of HTML) are removed, so editors see
# only what the page will show. Images are uploaded to the portal's own view
# (ArticleAdmin.image_upload_view), checked like every other upload (portal/files.py).
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "removePlugins": [
            "Markdown",
            "FullPage",
            "HtmlEmbed",
            "Style",
            "GeneralHtmlSupport",
            "SourceEditing",
            "Font",
            "Highlight",
            "Alignment",
            "ImageResize",
            "TableProperties",
            "TableCellProperties",
            "MediaEmbed",
            "Mention",
            "Autosave",
            "TodoList",
            "ListProperties",
            "PageBreak",
            "IndentBlock",
            "CodeBlock",
            "CKFinderUploadAdapter",
        ],
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "insertTable",
                "uploadImage",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": _("Paragraph"), "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": _("Heading 2"), "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": _("Heading 3"), "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": _("Heading 4"), "class": "ck-heading_heading4"},
            ]
        },
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"]},
        "link": {"defaultProtocol": "https://"},
    }
}
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "admin:news_article_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp", "gif"]

# A scheduled article still unpublished this long after its time is late (news-publish-due runs
# every minute; one more for its run): the admin and /healthz warn of it.
NEWS_SCHEDULE_LATE_AFTER = timedelta(minutes=2)

# --- E-mail ---------------------------------------------------------------------------

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "BCĐ35 <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy on every page, the admin included (django-csp): nothing is
# allowed unless named; scripts only from this site, inline ones only with the nonce of
# the response; no plugins, no <base>, no framing, forms post only here. Uploaded files
# are served with a policy of their own (`sandbox`, portal/media.py).
_media_origin = (
    "{0.scheme}://{0.netloc}".format(urlparse(MEDIA_URL)) if not MEDIA_URL.startswith("/") else None
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [_media_origin])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "upgrade-insecure-requests": not DEBUG,
    }
}
# Browser features no page of the portal uses, switched off for the site and anything embedded.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=()"
)
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# --- Logging --------------------------------------------------------------------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL; got {LOG_LEVEL!r}."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
