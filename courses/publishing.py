"""Publishing in the admin: a module that issues a certificate holds an assessed activity.

A certificate says the learner passed something: a quiz that must be passed, or a case
whose ending must be reached, in a required lesson. Publishing a module with a certificate
without one is refused, and so is publishing a lesson change that would take away the
module's last one. A module still in draft can be built lesson by lesson.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .completion_selectors import lessons_are_assessed, rules_for_lessons
from .models import CoursePage, LessonPage

NO_ASSESSMENT = _(
    "A module with a certificate needs at least one assessed activity in a required "
    "lesson: a quiz that must be passed, or a case whose ending must be reached. The module "
    "'%(title)s' has none, so it was not published."
)
LAST_ASSESSMENT = _(
    "The lesson '%(lesson)s' was not published: the module '%(title)s' gives a certificate, "
    "and without this lesson's quiz or case it would have no assessed activity left (a quiz "
    "that must be passed, or a case whose ending must be reached, in a required lesson)."
)
KEPT_AS_DRAFT = _("%(problem)s Your changes are saved as a draft.")


def assessment_problem(
    *, course: CoursePage, course_published: bool, lessons: Iterable[LessonPage] = ()
) -> str | None:
    """Why publishing would leave a module with a certificate without an assessed activity.

    `course` is the module as it will be; `course_published` says whether it is published
    now too; `lessons` are its lessons being published, as they will be.
    """
    if not course.certificate_validity_months or not (course_published or course.live):
        return None
    current = {lesson.pk: lesson for lesson in LessonPage.objects.child_of(course).live()}
    after = {**current, **{lesson.pk: lesson for lesson in lessons}}
    if lessons_are_assessed(rules_for_lessons(after.values()).values()):
        return None
    if course_published:
        return NO_ASSESSMENT % {"title": course.title}
    if not lessons_are_assessed(rules_for_lessons(current.values()).values()):
        # The module had no assessment before either; this change takes nothing away.
        return None
    titles = ", ".join(lesson.title for lesson in lessons)
    return LAST_ASSESSMENT % {"lesson": titles, "title": course.title}


def refuse_publishing_without_assessment(request, page):
    """The `before_publish_page` hook: keep the page as a draft and say why."""
    if isinstance(page, CoursePage):
        problem = assessment_problem(course=page, course_published=True)
    elif isinstance(page, LessonPage):
        course = page.get_parent().specific
        problem = assessment_problem(course=course, course_published=False, lessons=[page])
    else:
        return None
    if problem is None:
        return None
    match = getattr(request, "resolver_match", None)
    if page.live and match is not None and match.view_name == "wagtailadmin_pages:add":
        # Wagtail's create view adds a page as live before asking this hook; the new page
        # must stay a draft.
        page.live = False
        page.has_unpublished_changes = True
        page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
    messages.error(request, KEPT_AS_DRAFT % {"problem": problem})
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_bulk_publishing_without_assessment(request, action_type, objects, action):
    """The `before_bulk_action` hook: the same check when pages are published from the
    page listing, with their draft subpages if the editor asked for those too."""
    if action_type != "publish":
        return None
    form = getattr(action, "cleaned_form", None)
    with_descendants = bool(form and form.cleaned_data.get("include_descendants"))
    pending = {}
    for page in objects:
        pending[page.pk] = page.specific.get_latest_revision_as_object()
        if with_descendants:
            for descendant in page.get_descendants().not_live().specific():
                pending[descendant.pk] = descendant.get_latest_revision_as_object()
    courses = {}
    lessons = defaultdict(list)
    for item in pending.values():
        if isinstance(item, CoursePage):
            courses[item.pk] = item
        elif isinstance(item, LessonPage):
            parent = item.get_parent().specific
            courses.setdefault(parent.pk, pending.get(parent.pk, parent))
            lessons[parent.pk].append(item)
    for pk, course in courses.items():
        problem = assessment_problem(
            course=course, course_published=pk in pending, lessons=lessons[pk]
        )
        if problem is not None:
            messages.error(request, problem)
            return redirect(action.next_url)
    return None
