"""allauth's account adapter: after logging in, each role lands on its own start page."""

from allauth.account.adapter import DefaultAccountAdapter

from .landing import landing_url


class AccountAdapter(DefaultAccountAdapter):
    """A learner lands on 'Mijn leren' (LOGIN_REDIRECT_URL), a manager on their
    organisation's dashboard, a trainer in the admin. A safe `?next=` still wins: allauth
    asks the adapter only when the request names no page of its own."""

    def get_login_redirect_url(self, request) -> str:
        return landing_url(request.user) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request) -> str:
        if not request.user.is_authenticated:
            return super().get_signup_redirect_url(request)
        return landing_url(request.user) or super().get_signup_redirect_url(request)
