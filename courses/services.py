"""Writes of learner state: enrolment, lesson completion, certificates, answers, reflections.

Every function is idempotent and safe when two requests of the same learner race (a double
click, two tabs, a retry on a bad connection): unique constraints decide, `get_or_create`
recovers from the IntegrityError of the loser, and conditional updates never undo a later
write.
"""

import calendar
import datetime
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from library.completion import Requirement, block_requirements
from library.events import learner_records_changed
from library.learner_state import requirement_statuses_for

from .completion_selectors import course_is_assessed, lessons_requiring
from .models import (
    Certificate,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    Reflection,
    StatementAnswer,
)
from .selectors import (
    completed_lesson_ids,
    course_for_lesson,
    record_page,
    required_lesson_counts,
    session_completed_ids,
)
from .session_progress import (
    session_lesson_complete,
    session_progress_pop,
    session_statement_answer,
)

# 24 random bytes: 192 bits, far beyond guessing, and short enough for a QR code.
CERTIFICATE_CODE_BYTES = 24


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` later, or the last day of that month when it is shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _get_or_create(model, *, defaults=None, **lookup):
    """`get_or_create` that also recovers when a concurrent request inserted the row first."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(defaults=defaults, **lookup)
    except IntegrityError:
        return model.objects.get(**lookup), False


def enrolment_start(*, user, course: CoursePage) -> Enrolment:
    enrolment, _created = _get_or_create(Enrolment, user=user, course=record_page(course))
    return enrolment


@dataclass(frozen=True)
class LessonCompletion:
    """The outcome of marking a lesson done."""

    lesson: LessonPage
    missing: list[Requirement] = field(default_factory=list)
    enrolment: Enrolment | None = None
    certificate: Certificate | None = None

    @property
    def is_completed(self) -> bool:
        return not self.missing


def lesson_requirements_missing(*, user, lesson: LessonPage, session=None) -> list[Requirement]:
    # Checked on every view of a lesson that is not yet complete: one read per kind of
    # block (`library.learner_state`), however many quizzes or scenarios the lesson holds.
    statuses = requirement_statuses_for(lesson.body, page=lesson, user=user, session=session)
    return [status.requirement for status in statuses if not status.is_met]


def lesson_complete(*, user, lesson: LessonPage, course: CoursePage | None = None):
    """Mark a lesson done for a learner, if every requirement of its blocks is met.

    Completing the last required lesson completes the module and issues its certificate.
    """
    missing = lesson_requirements_missing(user=user, lesson=lesson)
    if missing:
        return LessonCompletion(lesson=lesson, missing=missing)
    course = course or course_for_lesson(lesson)
    with transaction.atomic():
        enrolment = enrolment_start(user=user, course=course)
        now = timezone.now()
        progress, created = _get_or_create(
            LessonProgress,
            enrolment=enrolment,
            lesson=record_page(lesson),
            defaults={"completed_at": now},
        )
        if not created and progress.completed_at is None:
            LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
                completed_at=now, updated_at=now
            )
        certificate = enrolment_complete_if_done(enrolment=enrolment)
    return LessonCompletion(lesson=lesson, enrolment=enrolment, certificate=certificate)


def enrolment_complete_if_done(*, enrolment: Enrolment) -> Certificate | None:
    """Complete the enrolment when every required lesson is done, and issue the certificate.

    A certificate vouches for an assessment: a module without an assessed activity (a quiz
    that must be passed, a scenario whose ending must be reached) in a required lesson
    issues none. Such a module with a validity is not complete either, so that the
    learner's certificate follows once a trainer adds the assessment; one without a
    validity gives no certificate and is complete when its lessons are.

    Returns the certificate of the current round, if the module is complete.
    """
    with transaction.atomic():
        # Lock the enrolment so that two last lessons completed at once are counted once.
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        required = required_lesson_counts([enrolment.course_id]).get(enrolment.course_id, 0)
        done = LessonProgress.objects.filter(
            enrolment=enrolment,
            completed_at__isnull=False,
            lesson__is_required=True,
            lesson__live=True,
        ).count()
        if required == 0 or done < required:
            return None
        assessed = course_is_assessed(enrolment.course)
        if not assessed and enrolment.course.certificate_validity_months:
            return None
        if enrolment.completed_at is None:
            enrolment.completed_at = timezone.now()
            enrolment.save(update_fields=["completed_at"])
        return certificate_issue(enrolment=enrolment) if assessed else None


def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    """The certificate for the current round of a completed enrolment, issued once."""
    course = enrolment.course
    issued_at = enrolment.completed_at or timezone.now()
    months = course.certificate_validity_months
    certificate, _created = _get_or_create(
        Certificate,
        enrolment=enrolment,
        cycle=enrolment.cycle,
        defaults={
            "user_id": enrolment.user_id,
            "course": course,
            "code": secrets.token_urlsafe(CERTIFICATE_CODE_BYTES),
            "learner_name": enrolment.user.get_full_name(),
            "issued_at": issued_at,
            "expires_at": add_months(issued_at, months) if months else None,
        },
    )
    return certificate


def certificate_revoke(*, certificate: Certificate) -> Certificate:
    Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    learner_records_changed.send(sender=Certificate, user_ids=[certificate.user_id])
    certificate.refresh_from_db(fields=["revoked_at"])
    return certificate


def enrolment_restart(*, user, course: CoursePage) -> Enrolment | None:
    """Start a completed module again once its certificate has expired or was revoked.

    The round goes up and lesson progress starts afresh, so the next completion issues a
    new certificate. Returns None when there is nothing to restart.
    """
    enrolment = Enrolment.objects.filter(user=user, course=record_page(course)).first()
    if enrolment is None or enrolment.completed_at is None:
        return None
    current = Certificate.objects.filter(enrolment=enrolment, cycle=enrolment.cycle).first()
    if current is not None and current.is_valid:
        return None
    with transaction.atomic():
        # Conditional on the round we read: a concurrent restart changes nothing twice.
        restarted = Enrolment.objects.filter(
            pk=enrolment.pk, cycle=enrolment.cycle, completed_at__isnull=False
        ).update(cycle=F("cycle") + 1, completed_at=None, started_at=timezone.now())
        if restarted:
            LessonProgress.objects.filter(enrolment=enrolment).update(
                completed_at=None, updated_at=timezone.now()
            )
            learner_records_changed.send(sender=Enrolment, user_ids=[user.pk])
    enrolment.refresh_from_db()
    return enrolment


def statement_answer(*, user, lesson: LessonPage, block_id: str, agrees: bool):
    """Record or change a learner's answer to a statement; there is one per learner."""
    answer, created = _get_or_create(
        StatementAnswer,
        user=user,
        lesson=record_page(lesson),
        block_id=block_id,
        defaults={"agrees": agrees},
    )
    if not created and answer.agrees != agrees:
        answer.agrees = agrees
        answer.save(update_fields=["agrees", "answered_at"])
    return answer


def reflection_save(*, user, lesson: LessonPage, block_id: str, text: str) -> Reflection:
    reflection, created = _get_or_create(
        Reflection,
        user=user,
        lesson=record_page(lesson),
        block_id=block_id,
        defaults={"text": text},
    )
    if not created and reflection.text != text:
        reflection.text = text
        reflection.save(update_fields=["text", "updated_at"])
    return reflection


def anonymous_lesson_complete(*, session, lesson: LessonPage, course: CoursePage):
    """Mark a lesson of a public module done for a visitor without an account."""
    missing = lesson_requirements_missing(user=None, session=session, lesson=lesson)
    if missing:
        return LessonCompletion(lesson=lesson, missing=missing)
    session_lesson_complete(
        session, course_id=record_page(course).pk, lesson_id=record_page(lesson).pk
    )
    return LessonCompletion(lesson=lesson)


def lessons_complete_for_activity(*, instance, user=None, session=None) -> list[LessonCompletion]:
    """Complete the lessons whose requirements on `instance` a learner may just have met.

    For a learner with an account, in every live module; for a visitor, in the modules open
    to visitors, in their session. A lesson with another requirement still open stays as
    it is; one already complete is left alone.
    """
    completions = []
    for lesson in lessons_requiring(instance=instance):
        course = course_for_lesson(lesson)
        if user is not None and user.is_authenticated:
            completions.append(lesson_complete(user=user, lesson=lesson, course=course))
        elif session is not None and course.is_public:
            completions.append(
                anonymous_lesson_complete(session=session, lesson=lesson, course=course)
            )
    return completions


def lesson_complete_if_met(*, user, session, lesson: LessonPage, course: CoursePage) -> bool:
    """Complete a lesson with requirements that are all met but that is not yet complete.

    Meeting the requirements completes a lesson at once (`lessons_complete_for_activity`);
    this catches the learner up when they were met otherwise: before the trainer added the
    requirement, or by an attempt that closed when its time ran out. Returns whether the
    lesson was completed now.
    """
    if not block_requirements(lesson.body):
        return False
    if user.is_authenticated:
        if lesson.pk in completed_lesson_ids(user=user, course=course):
            return False
        return lesson_complete(user=user, lesson=lesson, course=course).is_completed
    if not course.is_public or lesson.pk in session_completed_ids(session, course=course):
        return False
    return anonymous_lesson_complete(session=session, lesson=lesson, course=course).is_completed


def anonymous_statement_answer(*, session, lesson: LessonPage, block_id: str, agrees: bool):
    session_statement_answer(
        session, lesson_id=record_page(lesson).pk, block_id=block_id, agrees=agrees
    )


def session_progress_claim(*, user, session) -> int:
    """Move a visitor's session progress into their account; returns the lessons moved.

    Only lessons of modules that are still public count, and each goes through
    `lesson_complete`, so requirements are checked again for the account.
    """
    lessons_by_course, statements = session_progress_pop(session)
    lesson_ids = [lesson_id for ids in lessons_by_course.values() for lesson_id in ids]
    moved = 0
    lessons = LessonPage.objects.live().in_bulk(
        lesson_ids + [int(lesson_id) for lesson_id in statements if lesson_id.isdigit()]
    )
    courses = CoursePage.objects.filter(is_public=True).in_bulk(
        [int(course_id) for course_id in lessons_by_course if course_id.isdigit()]
    )
    for course_id, ids in lessons_by_course.items():
        course = courses.get(int(course_id)) if course_id.isdigit() else None
        if course is None:
            continue
        for lesson_id in ids:
            lesson = lessons.get(lesson_id)
            if lesson is None or not lesson.path.startswith(course.path):
                continue
            if lesson_complete(user=user, lesson=lesson, course=course).is_completed:
                moved += 1
    for lesson_id, answers in statements.items():
        lesson = lessons.get(int(lesson_id)) if lesson_id.isdigit() else None
        if lesson is None:
            continue
        for block_id, agrees in answers.items():
            statement_answer(user=user, lesson=lesson, block_id=block_id, agrees=bool(agrees))
    return moved


def certificates_keep_anonymous(user) -> set:
    """When a person erases their account: their certificates stay valid, because an employer
    or inspector may still verify one, but lose the name; the enrolments they belong to stay
    without their progress. Returns the models whose rows stay, none without certificates."""
    certificates = Certificate.objects.filter(user=user)
    if not certificates.exists():
        return set()
    certificates.update(learner_name="")
    LessonProgress.objects.filter(enrolment__user=user).delete()
    Enrolment.objects.filter(user=user, certificates__isnull=True).delete()
    return {Certificate, Enrolment}
