"""What the module pages show: the overview, a sector's path, a module, a lesson, the library.

The page models in `courses.models.pages` hold fields, panels and rules; the reads and
writes a page needs to be shown live here, above the selectors and services, and reach the
models through `website.page_view_registry` (its docstring says why). CoursesConfig.ready()
imports this module.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from library.learner_state import CONTEXT_KEY as LEARNER_STATES
from library.selectors import signal_for_detail, signal_library_listing
from website.page_view_registry import page_view

from .completion_selectors import course_checklist
from .forms import SignalFilterForm
from .lesson_state import lesson_access, lesson_state
from .models import CourseIndexPage, CoursePage, LessonPage, SectorPage, SignalLibraryPage
from .pdf import pocket_card_response
from .sector_selectors import sector_path
from .selectors import course_cards_for_index, course_overview
from .services import lesson_complete_if_met


@page_view(CourseIndexPage, "context")
def course_index_context(page: CourseIndexPage, request) -> dict:
    return course_cards_for_index(index_page=page, request=request)


@page_view(SectorPage, "context")
def sector_context(page: SectorPage, request) -> dict:
    return {"path": sector_path(page=page, request=request)}


@page_view(CoursePage, "context")
def course_context(page: CoursePage, request) -> dict:
    overview = course_overview(course=page, request=request)
    return {"overview": overview, "checklist": course_checklist(overview=overview, request=request)}


@page_view(LessonPage, "serve")
def lesson_serve(page: LessonPage, request, *args, **kwargs):
    """Send a visitor of a closed module to the login; otherwise viewing the lesson
    completes it when nothing else is asked of the learner, and Wagtail shows it."""
    access = lesson_access(lesson=page, request=request)
    if access.login_required:
        return redirect_to_login(request.get_full_path())
    lesson_complete_if_met(
        user=request.user, session=request.session, lesson=page, course=access.course
    )
    return None


@page_view(LessonPage, "context")
def lesson_context(page: LessonPage, request) -> dict:
    state = lesson_state(lesson=page, request=request)
    # The blocks find their own state under LEARNER_STATES (`library.learner_state`).
    return {"state": state, LEARNER_STATES: state.learner_states}


@page_view(SignalLibraryPage, "library")
def signal_library(page: SignalLibraryPage, request):
    form = SignalFilterForm(request.GET or None)
    listing = signal_library_listing(form=form)
    return page.render(
        request,
        context_overrides={"filter_form": form, "listing": listing},
        template="courses/signal_library_page.html",
    )


@page_view(SignalLibraryPage, "pocket_card")
def pocket_card(page: SignalLibraryPage, request, sector_slug: str):
    return pocket_card_response(request=request, library=page, sector_slug=sector_slug)


@page_view(SignalLibraryPage, "signal_detail")
def signal_detail(page: SignalLibraryPage, request, slug: str):
    signal = signal_for_detail(slug=slug)
    if signal is None:
        raise Http404
    return page.render(
        request,
        context_overrides={"signal": signal},
        template="courses/signal_detail.html",
    )
