"""The trainer's side: start a session, present it, move through it, keep its summary.

Only people with the `live.run_session` permission (the Trainers group, or a facilitator
group an admin gives it) start sessions, and only the trainer who started one (or a
superuser) presents, moves or reads it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from courses.models import CoursePage
from courses.pdf import qr_data_uri
from scenarios.models import ScenarioPage
from scenarios.selectors import default_region
from website.selectors import region_with_contacts

from . import exports, scenario_services, services
from .forms import StartForm
from .models import LiveItem, LiveSession, StatementSet
from .selectors import (
    course_statements,
    group_vs_learners,
    live_scenarios,
    live_state,
    modules_with_statements,
    session_summary,
    sessions_for_trainer,
    statement_set_statements,
    statement_sets,
    trainer_session,
)
from .views import see_other

RUN_PERMISSION = "live.run_session"
SOURCE_GONE = _("That source is no longer published. Choose another one.")

# The kinds of source a session starts from: (form label, the sources to choose from).
SOURCE_KINDS = {
    "module": (_("Statements from a module"), modules_with_statements),
    "set": (_("A set of statements"), statement_sets),
    "scenario": (_("A case scenario, voted through by the group"), live_scenarios),
}

MOVES = {
    "start": services.session_open,
    "close": services.voting_close,
    "reopen": services.voting_reopen,
    "expert": services.expert_show,
    "next": services.item_next,
    "back": services.item_back,
    "end": services.session_end,
}


def trainer_required(view):
    return login_required(permission_required(RUN_PERMISSION, raise_exception=True)(view))


def _own_session(request, pk: int) -> LiveSession:
    session = trainer_session(user=request.user, pk=pk)
    if session is None:
        raise Http404
    return session


def _start_forms(*, data=None, bound: str = "") -> dict[str, StartForm]:
    return {
        kind: StartForm(
            data if kind == bound else None, prefix=kind, sources=sources(), source_label=label
        )
        for kind, (label, sources) in SOURCE_KINDS.items()
    }


def _index(request, forms, *, status=200):
    sessions = list(sessions_for_trainer(request.user)[:50])
    context = {
        "forms": forms,
        "running": [session for session in sessions if session.is_running],
        "past": [session for session in sessions if not session.is_running],
    }
    return render(request, "live/trainer/index.html", context, status=status)


@trainer_required
@require_GET
def index(request):
    return _index(request, _start_forms())


def _session_start(*, user, kind: str, data: dict) -> LiveSession:
    common = {
        "region": data["region"],
        "show_tally_while_open": data["show_tally_while_open"],
    }
    if kind == "scenario":
        scenario = ScenarioPage.objects.live().filter(pk=data["source"]).first()
        if scenario is None:
            raise services.LiveRefused(SOURCE_GONE)
        return scenario_services.session_start_scenario(
            user=user, scenario=scenario, title=data["title"], **common
        )
    if kind == "module":
        course = CoursePage.objects.live().filter(pk=data["source"]).first()
        if course is None:
            raise services.LiveRefused(SOURCE_GONE)
        statements, common["course"], title = course_statements(course), course, course.title
    else:
        statement_set = StatementSet.objects.filter(pk=data["source"]).first()
        if statement_set is None:
            raise services.LiveRefused(SOURCE_GONE)
        statements = statement_set_statements(statement_set)
        common["statement_set"], title = statement_set, statement_set.title
    return services.session_start_statements(
        user=user, title=data["title"] or title, statements=statements, **common
    )


@trainer_required
@require_POST
def start(request, kind: str):
    if kind not in SOURCE_KINDS:
        raise Http404
    forms = _start_forms(data=request.POST, bound=kind)
    form = forms[kind]
    if form.is_valid():
        try:
            session = _session_start(user=request.user, kind=kind, data=form.cleaned_data)
        except services.LiveRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("live:present", pk=session.pk)
    return _index(request, forms, status=400)


def _join_addresses(request, session: LiveSession) -> dict:
    join_url = request.build_absolute_uri(reverse("live:room", kwargs={"code": session.code}))
    return {
        "join_url": join_url,
        "join_short": request.get_host() + reverse("live:join"),
        "qr_code": qr_data_uri(join_url),
    }


def _route_region(session: LiveSession):
    """The region whose reporting route an ending shows: the session's, else the site's."""
    region = session.region or default_region()
    return region_with_contacts(pk=region.pk) if region is not None else None


@trainer_required
@require_GET
def present(request, pk: int):
    """The presenter view: full screen on the projector, with the trainer's buttons."""
    session = _own_session(request, pk)
    if not session.is_running:
        services.session_end_if_expired(session)
        return redirect("live:summary", pk=session.pk)
    state = live_state(session)
    at_ending = state.item is not None and state.item.kind == LiveItem.Kind.ENDING
    context = {
        "state": state,
        "session": session,
        "item_count": session.items.count(),
        "comparison": group_vs_learners(session) if at_ending else None,
        "region": _route_region(session) if at_ending else None,
        **_join_addresses(request, session),
    }
    return render(request, "live/trainer/present.html", context)


@trainer_required
@require_POST
def move(request, pk: int, action: str):
    session = _own_session(request, pk)
    try:
        if action == "follow":
            scenario_services.scenario_follow(
                session_id=session.pk, value=request.POST.get("value") or None
            )
        elif action in MOVES:
            MOVES[action](session_id=session.pk)
        else:
            raise Http404
    except services.LiveRefused as refusal:
        messages.warning(request, refusal.message)
    if action == "end":
        return redirect("live:summary", pk=session.pk)
    return see_other(reverse("live:present", kwargs={"pk": session.pk}))


@trainer_required
@require_GET
def tally(request, pk: int):
    """The presenter's poll, twice a second: 204 while the tally is unchanged; a full reload
    when the session moved elsewhere (another window of the trainer's)."""
    session = _own_session(request, pk)
    if request.GET.get("v") != str(session.version):
        return HttpResponseClientRefresh()
    state = live_state(session)
    if request.GET.get("h") == state.fingerprint:
        return HttpResponse(status=204)
    return render(request, "live/includes/tally.html", {"state": state, "session": session})


@trainer_required
@require_GET
def summary(request, pk: int):
    session = _own_session(request, pk)
    if services.session_end_if_expired(session):
        session.refresh_from_db()  # the counts are kept on the items now
    context = {
        "summary": session_summary(session),
        "comparison": group_vs_learners(session),
        "session": session,
    }
    return render(request, "live/trainer/summary.html", context)


@trainer_required
@require_GET
def summary_csv(request, pk: int):
    return exports.summary_csv_response(session_summary(_own_session(request, pk)))


@trainer_required
@require_GET
def summary_pdf(request, pk: int):
    return exports.summary_pdf_response(session_summary(_own_session(request, pk)))
