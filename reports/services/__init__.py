"""Writes and workflows of reports and summaries: the admin, the demo loader, the Celery tasks
and the tests all go through these (each module re-exported here)."""
