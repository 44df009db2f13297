"""Reads for a sector page: the path a professional of one sector follows from the home page."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest

from scenarios.models import ScenarioPage
from website.models import HelpPage, Region
from website.selectors import RegionChoice, region_choice_for_request, regions_for_picker

from .models import CoursePage, SectorPage
from .selectors import enrolment_status_map, required_lesson_counts, signal_library_url
from .session_progress import session_completed_lesson_ids


@dataclass(frozen=True)
class ModuleCard:
    """A module on a sector page with how far the learner or visitor got."""

    course: CoursePage
    url: str
    is_for_sector: bool
    percentage: int
    is_completed: bool

    @property
    def has_started(self) -> bool:
        return self.percentage > 0 or self.is_completed


@dataclass(frozen=True)
class SectorPath:
    modules: list[ModuleCard]
    scenarios: list
    pocket_card_url: str
    region_choice: RegionChoice
    regions: list[Region]


def _module_cards(*, page: SectorPage, request: HttpRequest) -> list[ModuleCard]:
    """The sector's own modules first (those open to visitors before the rest), then the
    modules written for every sector."""
    courses = list(
        CoursePage.objects.live()
        .filter(Q(sectors=page.sector_id) | Q(sectors__isnull=True))
        .distinct()
        .prefetch_related("sectors")
        .order_by("path")
    )
    user = request.user
    statuses = enrolment_status_map(users=[user], courses=courses) if user.is_authenticated else {}
    required = {} if user.is_authenticated else required_lesson_counts([c.pk for c in courses])
    cards = []
    for course in courses:
        is_for_sector = any(sector.pk == page.sector_id for sector in course.sectors.all())
        status = statuses.get((user.pk, course.pk))
        if status is not None:
            percentage, is_completed = status.percentage, status.is_completed
        elif not user.is_authenticated and course.is_public:
            done = len(session_completed_lesson_ids(request.session, course_id=course.pk))
            total = required.get(course.pk, 0)
            percentage = min(100, round(100 * done / total)) if total else 0
            is_completed = False
        else:
            percentage, is_completed = 0, False
        cards.append(
            ModuleCard(
                course=course,
                url=course.get_url(request),
                is_for_sector=is_for_sector,
                percentage=percentage,
                is_completed=is_completed,
            )
        )
    cards.sort(key=lambda card: (not card.is_for_sector, not card.course.is_public))
    return cards


def _default_region() -> Region | None:
    help_page = HelpPage.objects.live().select_related("default_region").first()
    return help_page.default_region if help_page is not None else None


def sector_path(*, page: SectorPage, request: HttpRequest) -> SectorPath:
    library_url = signal_library_url(request=request)
    return SectorPath(
        modules=_module_cards(page=page, request=request),
        scenarios=list(ScenarioPage.objects.child_of(page).live().order_by("path")),
        pocket_card_url=(f"{library_url}zakkaart/{page.sector.slug}/" if library_url else ""),
        region_choice=region_choice_for_request(request, default=_default_region()),
        regions=list(regions_for_picker()),
    )
