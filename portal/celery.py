"""The Celery application of the portal.

Configuration comes from Django settings under the CELERY_ namespace
(portal/settings.py): Redis broker and result backend when REDIS_URL is set,
eager execution otherwise. Periodic schedules live in CELERY_BEAT_SCHEDULE only.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
