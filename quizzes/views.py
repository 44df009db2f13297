"""Taking quizzes, results, the learner's progress, and the trainers' pages.

The attempt being answered is never named by the client: it is the open attempt of the
logged-in learner, or of the visitor key kept in an anonymous visitor's session.
"""

import secrets

from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from . import listing_selectors, result_selectors, selectors
from .forms import AnswerForm, MarkForm, ResultsFilterForm
from .models import Attempt, Quiz
from .preview import quiz_preview_questions
from .services import (
    QUESTION_NOT_IN_ATTEMPT,
    NoAttempt,
    QuizError,
    Taker,
    answer_mark,
    answer_submit_for_taker,
    attempt_expire_if_due,
    attempt_finish,
    attempt_start,
)

VIEW_ALL_RESULTS = "quizzes.view_all_results"
MARK_ANSWERS = "quizzes.mark_answers"


def _taker(request, *, create: bool) -> Taker | None:
    taker = selectors.taker_of(request)
    if taker is None and create:
        # A random key, not the session key: Django renews the session key at log-in, and
        # the visitor's attempts should not depend on it.
        key = secrets.token_urlsafe(24)
        request.session[selectors.VISITOR_SESSION_KEY] = key
        taker = Taker(visitor_key=key, session=request.session)
    return taker


def _refuse(request, error: QuizError, *, quiz=None, attempt=None):
    context = {"message": error.message, "quiz": quiz, "attempt": attempt}
    return render(request, "quizzes/refused.html", context, status=error.status)


def _quiz_or_404(pk):
    quiz = selectors.quiz_live(pk=pk)
    if quiz is None:
        raise Http404
    return quiz


def quiz_list(request):
    context = {
        "quizzes": listing_selectors.quizzes_listed(),
        "categories": listing_selectors.CATEGORIES,
        "category": None,
    }
    return render(request, "quizzes/quiz_list.html", context)


def quiz_category(request, slug):
    category = listing_selectors.category_for_slug(slug)
    if category is None:
        raise Http404
    context = {
        "quizzes": listing_selectors.quizzes_listed(category=category),
        "categories": listing_selectors.CATEGORIES,
        "category": category,
    }
    return render(request, "quizzes/quiz_list.html", context)


def quiz_preview(request, quiz: Quiz, *, show_answers: bool):
    """The trainer's preview of a quiz, draft or not, as a learner gets it; stores nothing."""
    questions = [
        (
            item,
            AnswerForm(
                prefix=f"preview-{item.position}", question=item.question, options=item.options
            ),
        )
        for item in quiz_preview_questions(quiz=quiz)
    ]
    context = {"quiz": quiz, "questions": questions, "show_answers": show_answers}
    return render(request, "quizzes/quiz_preview.html", context)


def quiz_detail(request, pk):
    quiz = _quiz_or_404(pk)
    taker = _taker(request, create=False)
    attempts = selectors.attempts_of(quiz=quiz, taker=taker) if taker else []
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt is not None:
        open_attempt = attempt_expire_if_due(attempt=open_attempt)
        if not open_attempt.is_open:
            open_attempt = None
    used_up = bool(quiz.max_attempts and len(attempts) >= quiz.max_attempts)
    context = {
        "quiz": quiz,
        "attempts": attempts,
        "open_attempt": open_attempt,
        "counting": selectors.attempt_counting(quiz=quiz, attempts=attempts),
        "may_start": not used_up or open_attempt is not None,
        "needs_login": not quiz.is_public and not request.user.is_authenticated,
        "used_in": result_selectors.lessons_holding(quiz=quiz, request=request),
    }
    return render(request, "quizzes/quiz_detail.html", context)


@require_POST
def quiz_start(request, pk):
    quiz = _quiz_or_404(pk)
    if not quiz.is_public and not request.user.is_authenticated:
        return redirect_to_login(quiz.get_absolute_url())
    try:
        attempt_start(quiz=quiz, taker=_taker(request, create=True))
    except QuizError as error:
        return _refuse(request, error, quiz=quiz)
    return redirect("quizzes:take", pk=quiz.pk)


def _after_answer_url(attempt, question_id):
    if attempt.quiz.feedback_mode == attempt.quiz.FeedbackMode.AFTER_EACH:
        return reverse("quizzes:feedback", kwargs={"pk": attempt.pk, "question": question_id})
    if attempt.is_open:
        return reverse("quizzes:take", kwargs={"pk": attempt.quiz_id})
    return attempt.get_absolute_url()


@require_http_methods(["GET", "POST"])
def quiz_take(request, pk):
    quiz = _quiz_or_404(pk)
    if not quiz.is_public and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    taker = _taker(request, create=False)
    if taker is None:
        return redirect(quiz.get_absolute_url())
    if request.method == "POST":
        return _answer(request, quiz, taker)
    attempt = selectors.current_attempt(quiz=quiz, taker=taker)
    if attempt is None:
        return redirect(quiz.get_absolute_url())
    attempt = attempt_expire_if_due(attempt=attempt)
    if not attempt.is_open:
        return redirect(attempt.get_absolute_url())
    question, position = selectors.attempt_next_question(attempt=attempt)
    if question is None:
        attempt = attempt_finish(attempt=attempt)
        return redirect(attempt.get_absolute_url())
    form = AnswerForm(
        initial={"question": question.pk}, question=question, options=question.options.all()
    )
    return _render_question(request, attempt, question, position, form)


def _render_question(request, attempt, question, position, form, status=200):
    context = {
        "quiz": attempt.quiz,
        "attempt": attempt,
        "question": question,
        "position": position,
        "total": len(attempt.question_ids),
        "form": form,
    }
    return render(request, "quizzes/quiz_take.html", context, status=status)


def _answer(request, quiz, taker):
    try:
        question_id = int(request.POST.get("question", ""))
    except ValueError:
        question_id = None
    question = selectors.question_for_answering(pk=question_id) if question_id else None
    if question is None:
        return _refuse(request, QuizError(QUESTION_NOT_IN_ATTEMPT), quiz=quiz)
    form = AnswerForm(request.POST, question=question, options=question.options.all())
    if not form.is_valid():
        attempt = selectors.current_attempt(quiz=quiz, taker=taker)
        if attempt is None:
            return redirect(quiz.get_absolute_url())
        if question_id not in attempt.question_ids:
            return _refuse(request, QuizError(QUESTION_NOT_IN_ATTEMPT), quiz=quiz)
        position = attempt.question_ids.index(question_id) + 1
        return _render_question(request, attempt, question, position, form, status=400)
    try:
        # The service finds the taker's attempt with the same read that locks it.
        submission = answer_submit_for_taker(
            quiz=quiz,
            taker=taker,
            question_id=question_id,
            option_ids=form.option_ids(),
            text=form.cleaned_data.get("text", ""),
        )
    except NoAttempt:
        return redirect(quiz.get_absolute_url())
    except QuizError as error:
        return _refuse(request, error, quiz=quiz, attempt=error.attempt)
    return redirect(_after_answer_url(submission.attempt, question_id))


def _attempt_visible(request, pk) -> Attempt:
    """The attempt if it is the visitor's own or they may see others' results; else 404."""
    taker = _taker(request, create=False)
    attempt = selectors.attempt_for_taker(pk=pk, taker=taker) if taker else None
    if attempt is None and request.user.has_perm(VIEW_ALL_RESULTS):
        attempt = selectors.attempt_with_quiz(pk=pk)
    if attempt is None:
        raise Http404
    return attempt


def attempt_feedback(request, pk, question):
    attempt = _attempt_visible(request, pk)
    reviews = selectors.attempt_review(attempt=attempt, question_ids=[question])
    # Feedback per question exists only in quizzes that give it, and only once answered.
    if (
        attempt.quiz.feedback_mode != attempt.quiz.FeedbackMode.AFTER_EACH
        or not reviews
        or reviews[0].answer is None
    ):
        raise Http404
    context = {
        "quiz": attempt.quiz,
        "attempt": attempt,
        "review": reviews[0],
        "total": len(attempt.question_ids),
    }
    return render(request, "quizzes/quiz_feedback.html", context)


def attempt_results(request, pk):
    attempt = _attempt_visible(request, pk)
    attempt = attempt_expire_if_due(attempt=attempt)
    is_own = attempt.user_id == request.user.pk if attempt.user_id else True
    if attempt.is_open:
        # No results before the end; a trainer has nothing to see yet either.
        if is_own:
            return redirect("quizzes:take", pk=attempt.quiz_id)
        raise Http404
    reviews = selectors.attempt_review(attempt=attempt)
    context = {
        "quiz": attempt.quiz,
        "attempt": attempt,
        "reviews": reviews,
        "score": result_selectors.attempt_score(attempt=attempt, reviews=reviews),
        "lessons": (
            result_selectors.lessons_holding(quiz=attempt.quiz, request=request) if is_own else []
        ),
        "is_own": is_own,
    }
    return render(request, "quizzes/attempt_results.html", context)


@login_required
def progress(request):
    context = {"category_progress": selectors.category_progress(user=request.user)}
    return render(request, "quizzes/progress.html", context)


TRAINER_PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, TRAINER_PAGE_SIZE).get_page(request.GET.get("page"))


def _filter_query(request) -> str:
    """The current filter as a query string, for page links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filter_form(request):
    form = ResultsFilterForm(request.GET or None, quizzes=selectors.quizzes_for_filter())
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["quiz"], form.cleaned_data["learner"]
    return form, None, ""


@login_required
@permission_required(MARK_ANSWERS, raise_exception=True)
def marking_list(request):
    form, quiz_id, learner = _filter_form(request)
    show_marked = request.GET.get("marked") == "1"
    answers = selectors.essays_to_mark(quiz_id=quiz_id, learner=learner, include_marked=show_marked)
    context = {
        "form": form,
        "answers": _page(request, answers),
        "show_marked": show_marked,
        "filter_query": _filter_query(request),
    }
    return render(request, "quizzes/trainer/marking_list.html", context)


@login_required
@permission_required(MARK_ANSWERS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def marking_answer(request, pk):
    answer = selectors.answer_for_marking(pk=pk)
    if answer is None:
        raise Http404
    initial = {"mark": answer.mark, "comment": answer.marker_comment}
    form = MarkForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            answer_mark(
                answer=answer,
                mark=form.cleaned_data["mark"],
                comment=form.cleaned_data["comment"],
                marker=request.user,
            )
            return redirect(f"{reverse('quizzes:marking')}?quiz={answer.attempt.quiz_id}")
        status = 400
    else:
        status = 200
    context = {"answer": answer, "form": form}
    return render(request, "quizzes/trainer/marking_answer.html", context, status=status)


@login_required
@permission_required(VIEW_ALL_RESULTS, raise_exception=True)
def trainer_results(request):
    form, quiz_id, learner = _filter_form(request)
    attempts = selectors.results_for_trainers(quiz_id=quiz_id, learner=learner)
    context = {
        "form": form,
        "attempts": _page(request, attempts),
        "filter_query": _filter_query(request),
    }
    return render(request, "quizzes/trainer/results.html", context)


@login_required
@permission_required(VIEW_ALL_RESULTS, raise_exception=True)
def statistics(request, pk):
    quiz = selectors.quiz_with_pk(pk=pk)
    if quiz is None:
        raise Http404
    context = {"quiz": quiz, "items": selectors.item_statistics(quiz=quiz)}
    return render(request, "quizzes/trainer/statistics.html", context)
