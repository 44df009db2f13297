from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_GET

from website.selectors import region_choice_for_request, regions_for_picker

from . import preview, selectors, services
from .editing import PREVIEW_AS_LEARNER, PREVIEW_OVERVIEW, scenes_hold
from .forms import BackForm, ChoiceForm, RestartForm
from .models import Outcome, ScenarioPage

TEMPLATE = "scenarios/scenario_page.html"
PUBLISH_REFUSED = ngettext_lazy(
    "The scenario was saved as a draft but not published. %(problem)s"
    " (%(count)d problem in all; see the list above the graph.)",
    "The scenario was saved as a draft but not published. %(problem)s"
    " (%(count)d problems in all; see the list above the graph.)",
    "count",
)
BULK_PUBLISH_REFUSED = _(
    "Nothing was published: the scenario '%(title)s' has a problem. %(problem)s"
)
SCENE_GONE = _(
    "The scene you were in has been removed from this scenario since you started. "
    "Start again to play the current version."
)
BAD_REQUEST = _("That request could not be handled. Nothing has been changed.")


def _visitor(request) -> dict:
    if request.user.is_authenticated:
        return {"user": request.user}
    return {"session_key": request.session.session_key or ""}


def scenario_serve(request, page: ScenarioPage):
    """One scenario page: the introduction, the current scene, or the debrief at an ending."""
    if request.method == "POST":
        if request.POST.get("action") == "choose":
            return _choose(request, page)
        return _act(request, page, selectors.run_for_visitor(page=page, **_visitor(request)))
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return _render_state(request, page, selectors.run_for_visitor(page=page, **_visitor(request)))


def _choose(request, page):
    """A choice in the current scene: the most frequent form, so the service finds the
    visitor's run with the same read that locks it."""
    visitor = _visitor(request)
    form = ChoiceForm(request.POST)
    if not form.is_valid() or not (visitor.get("user") or visitor.get("session_key")):
        run = selectors.run_for_visitor(page=page, **visitor)
        return _render_state(request, page, run, error=BAD_REQUEST, status=400)
    # A visitor's session goes along, so that an ending can complete the lesson there.
    session = None if request.user.is_authenticated else request.session
    try:
        services.run_choose_for_visitor(page=page, **visitor, session=session, **form.cleaned_data)
    except services.MoveRefused as refused:
        run = selectors.run_for_visitor(page=page, **visitor)
        return _render_state(request, page, run, error=refused.message, status=400)
    return redirect(request.path)


def _context(request, page, **extra) -> dict:
    context = page.get_context(request)
    context.update(extra)
    return context


def _render_state(request, page, run, *, error="", status=200):
    if run is None:
        return TemplateResponse(
            request, TEMPLATE, _context(request, page, state="intro", error=error), status=status
        )
    if run.is_finished:
        return _render_debrief(request, page, run, error=error, status=status)
    scene = selectors.scene_for_play(page=page, key=run.current_scene)
    if scene is None:
        return TemplateResponse(
            request,
            TEMPLATE,
            _context(request, page, state="gone", run=run, error=error or SCENE_GONE),
            status=status,
        )
    return TemplateResponse(
        request,
        TEMPLATE,
        _context(
            request,
            page,
            state="scene",
            run=run,
            scene=scene,
            choices=selectors.available_choices(scene=scene, flags=run.flags, score=run.score),
            error=error,
        ),
        status=status,
    )


def _render_debrief(request, page, run, *, error="", status=200):
    region_choice = region_choice_for_request(request, default=selectors.default_region())
    return TemplateResponse(
        request,
        TEMPLATE,
        _context(
            request,
            page,
            state="debrief",
            run=run,
            debrief=selectors.debrief_for_run(run=run),
            lessons=selectors.lessons_holding(page=page, request=request),
            region_choice=region_choice,
            regions=regions_for_picker(),
            error=error,
        ),
        status=status,
    )


def _act(request, page, run):
    """Carry out one form from the scenario page, then show the new state (post/redirect/get)."""
    action = request.POST.get("action", "")
    try:
        if action == "start":
            if run is None:
                if not request.user.is_authenticated and not request.session.session_key:
                    request.session.save()
                run = services.run_start(page=page, **_visitor(request))
                if not request.user.is_authenticated:
                    services.session_run_remember(session=request.session, run=run)
            return redirect(request.path)
        if run is None:
            return _render_state(request, page, run, error=BAD_REQUEST, status=400)
        if action == "back":
            form = BackForm(request.POST)
            if not form.is_valid():
                return _render_state(request, page, run, error=BAD_REQUEST, status=400)
            services.run_back(run=run, **form.cleaned_data)
        elif action == "restart":
            form = RestartForm(request.POST)
            if not form.is_valid():
                return _render_state(request, page, run, error=BAD_REQUEST, status=400)
            services.run_restart(run=run, **form.cleaned_data)
        else:
            return _render_state(request, page, run, error=BAD_REQUEST, status=400)
    except services.MoveRefused as refused:
        run.refresh_from_db()
        return _render_state(request, page, run, error=refused.message, status=400)
    return redirect(request.path)


def scenario_preview(request, page: ScenarioPage, mode_name: str = PREVIEW_AS_LEARNER):
    """The editor's preview of the version being edited: played as a learner plays it, or
    in the overview mode every scene one after the other, each choice linking to its target.

    Playing a preview records nothing (`scenarios.preview` says how it keeps its place).
    """
    if mode_name == PREVIEW_OVERVIEW:
        return TemplateResponse(
            request, TEMPLATE, _context(request, page, state="preview", scenes=page.scenes.all())
        )
    play = preview.preview_play(page, preview.preview_path(request))
    preview.preview_remember(request, play)
    extra = {}
    if play.is_ending:
        noticed, missed = play.noticed_and_missed
        extra = {
            "noticed": noticed,
            "missed": missed,
            "region": selectors.default_region(),
            "outcome_label": Outcome(play.scene.outcome).label,
        }
    return TemplateResponse(
        request,
        TEMPLATE,
        _context(
            request,
            page,
            state="preview_play",
            play=play,
            links=preview.preview_links(request, play),
            **extra,
        ),
    )


def hold_scenes_for_editing(request, page):
    """Before the edit view builds its form: the scenes in memory (`editing.scenes_hold`)."""
    if isinstance(page, ScenarioPage):
        scenes_hold(page)


def refuse_publishing_with_problems(request, page):
    """Keep a scenario with problems as a draft, naming the first problem to the author."""
    if not isinstance(page, ScenarioPage):
        return None
    problems = selectors.scenario_problems(page)
    if not problems:
        return None
    if page.live and page.first_published_at is None:
        # Wagtail's create view adds a page as live before asking this hook; a scenario
        # that was never published must stay a draft.
        page.live = False
        page.has_unpublished_changes = True
        page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
    messages.error(
        request, PUBLISH_REFUSED % {"problem": problems[0].message, "count": len(problems)}
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_bulk_publishing_with_problems(request, action_type, objects, action):
    """The same check when scenarios are published from the page listing, several at once."""
    if action_type != "publish":
        return None
    for page in objects:
        if page.specific_class is not ScenarioPage:
            continue
        draft = page.specific.get_latest_revision_as_object()
        problems = selectors.scenario_problems(draft)
        if problems:
            messages.error(
                request,
                BULK_PUBLISH_REFUSED % {"title": draft.title, "problem": problems[0].message},
            )
            return redirect(action.next_url)
    return None


@require_GET
def scenario_index(request):
    """For trainers: the scenarios they edit, each with its choice counts."""
    return TemplateResponse(
        request,
        "scenarios/admin/index.html",
        {"scenarios": selectors.scenarios_for_trainer(request.user)},
    )
