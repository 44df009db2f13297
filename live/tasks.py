"""Background work of live sessions."""

from django_tasks import task

from .services import sessions_expire


@task()
def end_expired_sessions() -> int:
    """End the sessions past their twelve hours, keeping counts and erasing nicknames."""
    return sessions_expire()
