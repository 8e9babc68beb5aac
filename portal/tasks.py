from celery import shared_task


@shared_task(name="portal.ping", ignore_result=False)
def ping() -> str:
    """Answer "pong": proves that a worker consumes from the broker and returns results."""
    return "pong"
