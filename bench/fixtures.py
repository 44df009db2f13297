"""What the load needs in the database: sessions to log in with, and posts to send.

Made in this process with the benchmark settings, through the same services the site uses.
"""

import itertools
import os

from bench.common import DATA

# Learners outside the large organisation who post during the run, each with a new answer
# or choice to store. A quiz attempt has about fourteen questions, so each quiz learner
# gives that many posts; a scenario learner gives one. Enough for about 500 posts a second.
QUIZ_POST_USERS = 1_000
SCENARIO_POST_USERS = 6_000


def fixtures_prepare(env: dict, *, with_posts: bool = True) -> dict:
    """Sessions, quiz attempts and scenario runs for the load, made through the services.

    The attempts and runs take a minute; a run that measures no POSTs goes without them.
    """
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection

    from bench.scale import EMAIL_DOMAIN, ORGANISATION_PREFIX
    from courses.models import Enrolment, LessonPage
    from organisations.models import Membership
    from quizzes.models import Attempt, Quiz
    from quizzes.services import Taker, attempt_start
    from scenarios.models import Choice, ScenarioPage, ScenarioRun
    from scenarios.services import run_start

    cache.clear()

    large = f"{ORGANISATION_PREFIX}groot"
    enrolment = (
        Enrolment.objects.filter(
            user__memberships__organisation__slug=large,
            completed_at__isnull=True,
            course__is_public=True,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    lesson = LessonPage.objects.live().child_of(enrolment.course).order_by("path")[1]
    learner_cookie, _token = session_cookie(enrolment.user)
    manager = Membership.objects.get(organisation__slug=large, role=Membership.Role.MANAGER).user
    manager_cookie, _token = session_cookie(manager)

    fixtures = {
        "lesson": lesson.url,
        "learner_cookie": learner_cookie,
        "manager_cookie": manager_cookie,
        "dashboard": f"/organisatie/{large}/",
        "export_csv": f"/organisatie/{large}/export.csv",
        "export_xlsx": f"/organisatie/{large}/export.xlsx",
    }
    if not with_posts:
        connection.close()
        return fixtures

    posters = list(
        Membership.objects.filter(
            role=Membership.Role.LEARNER, user__email__endswith=f"@{EMAIL_DOMAIN}"
        )
        .exclude(organisation__slug=large)
        .select_related("user")
        .order_by("pk")[: QUIZ_POST_USERS + SCENARIO_POST_USERS]
    )
    quiz_users = [m.user for m in posters[:QUIZ_POST_USERS]]
    scenario_users = [m.user for m in posters[QUIZ_POST_USERS:]]

    # A run of the benchmark with --reuse starts its posts afresh, as learners who have not
    # answered or chosen anything yet.
    Attempt.objects.filter(user__in=quiz_users).delete()
    ScenarioRun.objects.filter(user__in=scenario_users).delete()

    quiz = max(Quiz.objects.filter(pk__in=_quizzes_in_lessons()), key=lambda q: q.pk)
    per_learner = []
    for user in quiz_users:
        cookie, token = session_cookie(user)
        attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
        per_learner.append(
            [
                "\t".join([cookie, f"/quiz/{quiz.pk}/take/", _answer_body(question_id, token)])
                for question_id in attempt.question_ids
            ]
        )
    # Every learner's first answer, then every learner's second, and so on: a learner answers
    # one question after another, so two posts at the same moment are two learners'.
    quiz_lines = [line for round_ in itertools.zip_longest(*per_learner) for line in round_ if line]

    page = ScenarioPage.objects.live().order_by("pk").first()
    first_choice = Choice.objects.filter(scene__page=page, scene__key=page.start_scene).first()
    scenario_lines = []
    for user in scenario_users:
        cookie, token = session_cookie(user)
        run = run_start(page=page, user=user)
        body = (
            f"csrfmiddlewaretoken={token}&action=choose&choice_id={first_choice.pk}"
            f"&attempt={run.attempt}&position={run.position}"
        )
        scenario_lines.append("\t".join([cookie, page.url, body]))

    (DATA / "quiz-posts.tsv").write_text("\n".join(quiz_lines) + "\n")
    (DATA / "scenario-posts.tsv").write_text("\n".join(scenario_lines) + "\n")
    connection.close()
    return fixtures | {
        "quiz_posts": DATA / "quiz-posts.tsv",
        "scenario_posts": DATA / "scenario-posts.tsv",
    }


def session_cookie(user) -> tuple[str, str]:
    """A Cookie header logged in as `user` (with a CSRF cookie), and its CSRF token."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils.crypto import get_random_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    token = get_random_string(32)
    return f"sessionid={session.session_key}; csrftoken={token}", token


def _quizzes_in_lessons() -> list[int]:
    from courses.models import LessonPage

    ids = []
    for lesson in LessonPage.objects.live():
        ids += [block.value["quiz"].pk for block in lesson.body if block.block_type == "quiz"]
    return ids


def _answer_body(question_id: int, token: str) -> str:
    from quizzes.models import Question

    question = Question.objects.prefetch_related("options").get(pk=question_id)
    fields = [f"csrfmiddlewaretoken={token}", f"question={question_id}"]
    if question.kind == Question.Kind.ESSAY:
        fields.append("text=Ik+zou+het+bespreken+met+de+aandachtsfunctionaris.")
    else:
        fields.append(f"options={question.options.all()[0].pk}")
    return "&".join(fields)


def rows_written(model_label: str) -> int:
    from django.apps import apps
    from django.db import connection

    count = apps.get_model(model_label).objects.count()
    connection.close()
    return count
