from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import ReflectionForm, StatementAnswerForm
from .models import CoursePage, LessonPage
from .pdf import certificate_pdf_response
from .selectors import (
    certificate_for_code,
    course_for_lesson,
)

# Kept as constants so that tests can assert on them.
INVALID_ANSWER = gettext_noop("Choose agree or disagree.")
UNKNOWN_BLOCK = gettext_noop("This lesson has no such question.")


def _bad_request(request, *, message: str, back: str):
    return render(
        request,
        "courses/bad_request.html",
        {"message": message, "back_url": back},
        status=400,
    )


def _lesson_block(lesson: LessonPage, *, block_id: str, block_type: str) -> bool:
    return any(
        raw.get("id") == block_id and raw.get("type") == block_type for raw in lesson.body.raw_data
    )


def _live_lesson(lesson_id: int) -> LessonPage:
    return get_object_or_404(LessonPage.objects.live(), pk=lesson_id)


@require_POST
def course_start(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if request.user.is_authenticated:
        services.enrolment_start(user=request.user, course=course)
    elif not course.is_public:
        return redirect_to_login(course.get_url(request))
    first = course.get_children().live().type(LessonPage).first()
    return redirect(first.get_url(request) if first else course.get_url(request))


@require_POST
@login_required
def course_restart(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if services.enrolment_restart(user=request.user, course=course) is None:
        messages.info(request, _("You can take this module again once your certificate expires."))
    else:
        messages.success(request, _("You started the module again. Good luck!"))
    return redirect(course.get_url(request))


@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = _live_lesson(lesson_id)
    course = course_for_lesson(lesson)
    if request.user.is_authenticated:
        result = services.lesson_complete(user=request.user, lesson=lesson, course=course)
    elif course.is_public:
        result = services.anonymous_lesson_complete(
            session=request.session, lesson=lesson, course=course
        )
    else:
        return redirect_to_login(lesson.get_url(request))

    if not result.is_completed:
        for requirement in result.missing:
            messages.warning(
                request,
                _("Not done yet: %(requirement)s") % {"requirement": requirement.label},
            )
        return redirect(lesson.get_url(request) + "#lesson-done")
    if result.certificate is not None:
        messages.success(request, _("You completed the module. Your certificate is ready."))
        return redirect(course.get_url(request))
    messages.success(request, _("Lesson completed."))
    following = lesson.get_next_siblings().live().type(LessonPage).first()
    return redirect((following or course).get_url(request))


@require_POST
def statement_answer(request, lesson_id: int, block_id: str):
    lesson = _live_lesson(lesson_id)
    back = lesson.get_url(request) + f"#statement-{block_id}"
    if not _lesson_block(lesson, block_id=block_id, block_type="statement"):
        return _bad_request(request, message=_(UNKNOWN_BLOCK), back=lesson.get_url(request))
    form = StatementAnswerForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, message=_(INVALID_ANSWER), back=back)
    if request.user.is_authenticated:
        services.statement_answer(
            user=request.user, lesson=lesson, block_id=block_id, agrees=form.agrees
        )
    elif course_for_lesson(lesson).is_public:
        services.anonymous_statement_answer(
            session=request.session, lesson=lesson, block_id=block_id, agrees=form.agrees
        )
    else:
        return redirect_to_login(lesson.get_url(request))
    return redirect(back)


@require_POST
@login_required
def reflection_save(request, lesson_id: int, block_id: str):
    lesson = _live_lesson(lesson_id)
    back = lesson.get_url(request) + f"#reflection-{block_id}"
    if not _lesson_block(lesson, block_id=block_id, block_type="reflection"):
        return _bad_request(request, message=_(UNKNOWN_BLOCK), back=lesson.get_url(request))
    form = ReflectionForm(request.POST)
    if not form.is_valid():
        errors = " ".join(str(error) for error in form.errors.get("text", []))
        return _bad_request(request, message=errors, back=back)
    services.reflection_save(
        user=request.user, lesson=lesson, block_id=block_id, text=form.cleaned_data["text"]
    )
    messages.success(request, _("Your reflection is saved. Only you can read it."))
    return redirect(back)


@require_GET
def certificate_verify(request, code: str):
    certificate = certificate_for_code(code=code)
    if certificate is None:
        raise Http404
    return render(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "status": certificate.status()},
    )


@require_GET
@login_required
def certificate_pdf(request, code: str) -> HttpResponse:
    certificate = certificate_for_code(code=code)
    if certificate is None or certificate.user_id != request.user.pk:
        raise Http404
    verify_url = request.build_absolute_uri(
        reverse("courses:certificate_verify", args=[certificate.code])
    )
    return certificate_pdf_response(certificate=certificate, verify_url=verify_url)
