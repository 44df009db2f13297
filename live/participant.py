"""The participant's cookie: which session a phone joined and the token that proves it.

Signed, so a token cannot be typed in by hand, and HTTP-only; it holds nothing about the
person. It lasts as long as a session can, and joining another session replaces it.
"""

from django.conf import settings

from .models import SESSION_LIFETIME, Participant

COOKIE_NAME = "signaal_live"
COOKIE_SALT = "live.participant"


def participant_cookie(request) -> tuple[int, str] | None:
    """(session id, token) from the request's cookie, or None when absent or forged."""
    value = request.get_signed_cookie(
        COOKIE_NAME, default=None, salt=COOKIE_SALT, max_age=SESSION_LIFETIME
    )
    if not value:
        return None
    session_id, _sep, token = value.partition(":")
    if not session_id.isdigit() or not token:
        return None
    return int(session_id), token


def token_for(request, session_id: int) -> str:
    """The token of this phone in this session; empty when it joined no session or another."""
    cookie = participant_cookie(request)
    if cookie is None or cookie[0] != session_id:
        return ""
    return cookie[1]


def participant_cookie_set(response, participant: Participant) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        f"{participant.session_id}:{participant.token}",
        salt=COOKIE_SALT,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
