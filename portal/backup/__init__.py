"""Backup and restore of the portal: one archive with the database and every media file.

`backup_create` and `backup_restore` are the services; `manage.py backup` and
`manage.py restore` call them. See `manifest.py` for what an archive holds.
"""

from portal.backup.errors import BackupError
from portal.backup.services import BackupResult, RestoreResult, backup_create, backup_restore

__all__ = ["BackupError", "BackupResult", "RestoreResult", "backup_create", "backup_restore"]
