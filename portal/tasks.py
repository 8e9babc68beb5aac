from celery import shared_task
from django.core.management import call_command


@shared_task(name="portal.ping", ignore_result=False)
def ping() -> str:
    """Answer "pong": proves that a worker consumes from the broker and returns results."""
    return "pong"


@shared_task(name="portal.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Delete the sessions past their expiry: Django keeps them in the shared table until asked."""
    call_command("clearsessions")
