"""The participant's side: join with a code, see the current item, vote, and follow along.

Everything works as plain forms and redirects, with a page that refreshes itself, for a
cheap phone without JavaScript; with htmx the phone polls a small fragment every two
seconds, which answers 204 No Content while the session's version is unchanged.
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import ratelimits
from .forms import JoinForm, NicknameForm
from .models import LiveSession
from .participant import participant_cookie, participant_cookie_set, token_for
from .selectors import (
    latest_session_for_code,
    participant_for,
    room_state,
    running_session_for_code,
)
from .services import LiveRefused, participant_join, session_end_if_expired, vote_cast

UNKNOWN_CODE = _(
    "No session is running with this code. Check the code on the trainer's screen and try again."
)
TOO_MANY_CODES = _("You tried too many codes. Wait ten minutes and try again.")
TOO_MANY_JOINS = _("Too many people joined from here at once. Wait a minute and try again.")
TOO_MANY_VOTES = _("You changed your vote very often. Wait a minute and try again.")
# How often a phone without JavaScript reloads the page (with htmx it polls every 2 s).
REFRESH_SECONDS = 5


def see_other(url: str) -> HttpResponseRedirect:
    """The answer to a form post: the browser follows it with a GET (303 See Other)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _past(moment) -> bool:
    return moment <= timezone.now()


def _no_change() -> HttpResponse:
    return HttpResponse(status=204)


def _running(session: LiveSession | None) -> LiveSession | None:
    """The session if it still runs; one past its expiry is ended on the spot."""
    if session is None or session.ended_at is not None or session_end_if_expired(session):
        return None
    return session


def _refused(request, message, *, status: int, form=None):
    return render(
        request, "live/join.html", {"form": form or JoinForm(), "refusal": message}, status=status
    )


def _join(request, session: LiveSession, nickname: str):
    if not ratelimits.join_allowed(request):
        return _refused(request, TOO_MANY_JOINS, status=429)
    try:
        participant = participant_join(session=session, nickname=nickname)
    except LiveRefused as refusal:
        return _refused(request, refusal.message, status=409)
    response = redirect("live:room", code=session.code)
    participant_cookie_set(response, participant)
    return response


@require_http_methods(["GET", "POST"])
def join(request):
    """`/doe-mee/`: type the code from the screen, and optionally a nickname."""
    if request.method == "GET":
        form = JoinForm(initial={"code": request.GET.get("code", "")[:20]})
        return render(request, "live/join.html", {"form": form})
    if ratelimits.code_guessing_blocked(request):
        return _refused(request, TOO_MANY_CODES, status=429)
    form = JoinForm(request.POST)
    if not form.is_valid():
        return render(request, "live/join.html", {"form": form}, status=400)
    session = _running(running_session_for_code(form.cleaned_data["code"]))
    if session is None:
        ratelimits.code_failed(request)
        form.add_error("code", UNKNOWN_CODE)
        return render(request, "live/join.html", {"form": form}, status=400)
    return _join(request, session, form.cleaned_data["nickname"])


@never_cache
@require_http_methods(["GET", "POST"])
def room(request, code: str):
    """`/doe-mee/<code>/`, where the QR code leads: join with one tap, then follow along."""
    found = latest_session_for_code(code)
    token = token_for(request, found.pk) if found is not None else ""
    # Opening an address is a way to try a code too; a phone already in the session is not.
    if not token and ratelimits.code_guessing_blocked(request):
        return _refused(request, TOO_MANY_CODES, status=429)
    if found is None:
        ratelimits.code_failed(request)
        return render(request, "live/unknown_code.html", {"form": JoinForm()}, status=404)
    session = _running(found)
    if session is None:
        return render(request, "live/ended.html", {"session": found}, status=410)
    participant = participant_for(session=session, token=token)
    if participant is None:
        form = NicknameForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return _join(request, session, form.cleaned_data["nickname"])
        status = 400 if request.method == "POST" else 200
        context = {"session": session, "form": form}
        return render(request, "live/join_code.html", context, status=status)
    if request.method == "POST":
        return redirect("live:room", code=session.code)
    return _room(request, session, participant)


def _room(request, session, participant, *, refusal="", status=200):
    context = {
        "state": room_state(session=session, participant=participant),
        "participant": participant,
        "refusal": refusal,
        "refresh_seconds": REFRESH_SECONDS,
    }
    template = "live/includes/room_state.html" if request.htmx else "live/room.html"
    return render(request, template, context, status=status)


@require_POST
def vote(request, code: str):
    session = _running(running_session_for_code(code))
    if session is None:
        return redirect("live:room", code=code)
    token = token_for(request, session.pk)
    if not token:
        return redirect("live:room", code=session.code)
    participant = participant_for(session=session, token=token)
    if not ratelimits.vote_allowed(request, token=token):
        return _room(request, session, participant, refusal=TOO_MANY_VOTES, status=429)
    try:
        vote_cast(session_id=session.pk, token=token, value=request.POST.get("value", "")[:40])
    except LiveRefused as refusal:
        session.refresh_from_db()
        return _room(request, session, participant, refusal=refusal.message, status=409)
    if request.htmx:
        return _room(request, session, participant)
    return see_other(reverse("live:room", kwargs={"code": session.code}))


@never_cache
@require_GET
def room_poll(request, code: str):
    """The phone's poll: 204 while nothing changed, else the current item as a fragment."""
    cookie = participant_cookie(request)
    if cookie is None:
        return render(request, "live/includes/room_gone.html", status=200)
    row = (
        LiveSession.objects.filter(pk=cookie[0], code=code)
        .values_list("version", "ended_at", "expires_at")
        .first()
    )
    if row is None:
        return render(request, "live/includes/room_gone.html", status=200)
    version, ended_at, expires_at = row
    if request.GET.get("v") == str(version) and ended_at is None and not _past(expires_at):
        return _no_change()
    session = LiveSession.objects.select_related("current_item").get(pk=cookie[0])
    if _running(session) is None:
        return render(request, "live/includes/room_gone.html", {"session": session})
    participant = participant_for(session=session, token=cookie[1])
    if participant is None:
        return render(request, "live/includes/room_gone.html", {"session": session})
    return _room(request, session, participant)
