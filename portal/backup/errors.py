class BackupError(Exception):
    """A backup or restore that cannot go on. The message is for the operator, already translated."""
