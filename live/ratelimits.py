"""Rate limits on joining and voting, counted by allauth's rate limiter in the shared cache
(so they hold across servers), with the rates in `ACCOUNT_RATE_LIMITS`.

Joining is counted per address, as a keyed hash: enough to count a phone's attempts for a
few minutes, and the address itself is never stored. A whole classroom may share one
address, so the join limit is generous; failed codes have a tight limit of their own, which
is what makes guessing a live code hopeless. Votes are counted per participant.

A code can be tried by opening its address too, so failed codes count on GET requests as
well; allauth's public `consume` counts only POSTs, hence its implementation's, whose
`limit_get` does (pinned with allauth below 66 in pyproject.toml).
"""

from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit
from django.utils.crypto import salted_hmac

JOIN = "live_join"
JOIN_FAILED = "live_join_failed"
VOTE = "live_vote"


def _consume(request, action: str, key: str, *, dry_run: bool = False) -> bool:
    usage = ratelimit.consume(
        request, app="allauth.account", action=action, key=key, dry_run=dry_run, limit_get=True
    )
    return usage is not None


def _address_key(request) -> str:
    address = get_adapter(request).get_client_ip(request)
    return salted_hmac("live.ratelimit.address", address).hexdigest()


def join_allowed(request) -> bool:
    """Count a join from this address; False once it joined too often in a short time."""
    return _consume(request, JOIN, _address_key(request))


def code_guessing_blocked(request) -> bool:
    """Whether this address typed too many unknown codes lately (counts nothing)."""
    return not _consume(request, JOIN_FAILED, _address_key(request), dry_run=True)


def code_failed(request) -> None:
    _consume(request, JOIN_FAILED, _address_key(request))


def vote_allowed(request, *, token: str) -> bool:
    return _consume(request, VOTE, token)
