"""The roles staff hold: Django groups with permissions, made from the one table `ROLES`.

A user may hold several roles; what they may do is the union of their groups' permissions,
always within their organisations (portal/scoping.py) unless they are system administrators.
A migration (committees 0008) makes the groups; after every `migrate`, `roles_sync` adds to
them the permissions matching their patterns that exist by then (the spreadsheet permissions
are made after the migrations, a new model's when it first migrates). A permission an
administrator took away from a group by hand comes back at the next `migrate` only if it
matches the role's patterns: change the table, not the groups, to change a role.

Patterns are "app_label.codename" with shell wildcards (`events.*`, `*.export_*`).
"""

from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.utils.translation import gettext_lazy as _

DOMAIN_APPS = ("committees", "events", "agreements", "reports", "news", "sources")
ENTERED_BY_SECRETARIAT = (
    "organization",
    "organizationname",
    "steeringcommittee",
    "team",
    "person",
    "position",
    "decision",
)


@dataclass(frozen=True)
class Role:
    key: str
    name: str  # the group's name, in Vietnamese as staff read it in the admin
    label: object  # what the role is, for the README and the user admin
    patterns: tuple[str, ...]


def _each(app: str, actions: tuple[str, ...], models: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{app}.{action}_{model}" for action in actions for model in models)


SYSTEM_ADMINISTRATOR = Role(
    "system_administrator",
    "Quản trị hệ thống",
    _("every permission, every organisation's records, users and groups"),
    ("*.*",),
)
SECRETARIAT = Role(
    "secretariat",
    "Thư ký",
    _(
        "enters committees, people, decisions, events, agreements and reports of their "
        "organisations, and imports"
    ),
    (
        *_each("committees", ("view", "add", "change", "delete"), ENTERED_BY_SECRETARIAT),
        "committees.view_region",
        "committees.view_province",
        "committees.view_organizationchange",
        "committees.view_legaldocument",
        "committees.add_legaldocument",
        "events.*",
        "agreements.*",
        *_each("reports", ("view", "add", "change", "delete"), ("report", "reportitem", "reportattachment")),
        "sources.*",
        "news.view_article",
        "news.view_category",
        "news.view_tag",
        "committees.import_*",
        "events.import_*",
        "agreements.import_*",
        "committees.export_*",
        "events.export_*",
        "agreements.export_*",
        "reports.export_*",
    ),
)
EDITOR = Role(
    "editor",
    "Biên tập viên",
    _("writes articles and submits them for review"),
    (
        "news.add_article",
        "news.change_article",
        "news.view_article",
        "news.submit_article",
        "news.view_category",
        "news.view_tag",
        "news.add_tag",
        "news.view_articleimage",
        "news.add_articleimage",
        "sources.view_source",
        "sources.add_source",
        "sources.view_citation",
        # What an article links to.
        "committees.view_organization",
        "committees.view_person",
        "committees.view_decision",
        "events.view_event",
        "agreements.view_agreement",
    ),
)
CHIEF_EDITOR = Role(
    "chief_editor",
    "Tổng biên tập",
    _("reviews, publishes and unpublishes articles, and moderates readers' feedback"),
    (
        *EDITOR.patterns,
        "news.approve_article",
        "news.publish_article",
        "news.unpublish_article",
        "news.add_category",
        "news.change_category",
        "news.change_tag",
        "news.view_articlefeedback",
        "news.change_articlefeedback",
        "news.moderate_feedback",
        "news.export_*",
    ),
)
LEADER = Role(
    "leader",
    "Lãnh đạo",
    _("reads every record of their organisations, uses the dashboards, exports and summaries"),
    (
        *(f"{app}.view_*" for app in DOMAIN_APPS),
        "*.export_*",
        "exchange.view_exportjob",
        "reports.add_summary",
        "reports.approve_report",
    ),
)

ROLES = (SYSTEM_ADMINISTRATOR, SECRETARIAT, EDITOR, CHIEF_EDITOR, LEADER)
# Never given by a pattern but `*.*`: who may see everything, and the accounts.
SYSTEM_ONLY = (
    "committees.view_all_organizations",
    "*.*_historical*",
    "auth.*",
    "otp_*.*",
    "axes.*",
    "sessions.*",
)


def role_permissions(role: Role, permissions: list[tuple[int, str, str]]) -> list[int]:
    """The ids among `permissions` ((id, app_label, codename)) that `role` holds."""
    chosen = []
    for pk, app_label, codename in permissions:
        name = f"{app_label}.{codename}"
        if role is not SYSTEM_ADMINISTRATOR and any(fnmatchcase(name, p) for p in SYSTEM_ONLY):
            continue
        if any(fnmatchcase(name, pattern) for pattern in role.patterns):
            chosen.append(pk)
    return chosen


def roles_sync(apps=None, using: str = "default") -> None:
    """Make the role groups if missing and add the permissions their patterns match."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.using(using).values_list("pk", "content_type__app_label", "codename")
    )
    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.name)
        group.permissions.add(*role_permissions(role, permissions))


def roles_sync_after_migrate(app_config, using="default", **kwargs) -> None:
    """post_migrate: once the last app has migrated (its permissions made), sync the roles."""
    from django.apps import apps

    if app_config is not list(apps.get_app_configs())[-1]:
        return
    roles_sync(using=using)
