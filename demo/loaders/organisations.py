"""Demo organisations with staff at varied progress, made through the apps' services.

Progress goes through the courses, quizzes and scenarios services, so the dashboard shows
real enrolments, lesson progress and certificates. Due dates are set relative to the day
the demo is loaded, so some staff are always overdue. Loading again changes nothing but
the dates.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from courses.models import CoursePage, LessonPage
from courses.services import enrolment_start, lesson_complete
from organisations.models import Assignment, Membership, Organisation, Team
from quizzes.models import Answer, Question, Quiz
from quizzes.selectors import quiz_passed_by
from quizzes.services import Taker, answer_mark, answer_submit, attempt_start
from scenarios.models import ScenarioPage, ScenarioRun
from scenarios.services import run_choose, run_start

from .people import account_upsert, staff_email


def quiz_pass(user, quiz: Quiz, marker, essay_answer: str) -> None:
    """Take the quiz with the right answers; the trainer marks the open answers correct."""
    if quiz_passed_by(quiz_id=quiz.pk, user=user):
        return
    attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
    if not attempt.is_open:
        return
    questions = Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("options")
    for question in questions:
        answer_submit(
            attempt=attempt,
            question_id=question.pk,
            option_ids=[option.pk for option in question.options.all() if option.is_correct],
            text=essay_answer if question.kind == Question.Kind.ESSAY else "",
        )
    for answer in Answer.objects.filter(attempt=attempt, question__kind=Question.Kind.ESSAY):
        answer_mark(answer=answer, mark=Answer.Mark.CORRECT, marker=marker)


def scenario_finish(user, page: ScenarioPage) -> None:
    """Play the scenario to an ending, each time taking the best-scoring choice on offer."""
    run = run_start(page=page, user=user)
    if run.best_outcome:
        return
    scenes = {scene.key: scene for scene in page.scenes.prefetch_related("choices")}
    for _step in range(len(scenes) + 1):
        if run.status == ScenarioRun.Status.FINISHED:
            return
        offered = [
            choice
            for choice in scenes[run.current_scene].choices.all()
            if choice.is_available(run.flags, run.score)
        ]
        best = max(offered, key=lambda choice: choice.score)
        run_choose(run=run, choice_id=best.pk, attempt=run.attempt, position=run.position)
        run.refresh_from_db()


def activities_complete(user, lesson: LessonPage, marker, essay_answer: str) -> None:
    """Meet what the lesson's quiz and scenario blocks require, as a learner would."""
    for block in lesson.body:
        if block.block_type == "quiz" and block.value.get("must_pass") and block.value["quiz"]:
            quiz_pass(user, block.value["quiz"], marker, essay_answer)
        elif block.block_type == "scenario" and block.value.get("scenario"):
            scenario_finish(user, block.value["scenario"].specific)


def progress_make(user, course: CoursePage, lessons: list, done, marker, essay_answer) -> None:
    if done is None:
        return
    enrolment_start(user=user, course=course)
    count = len(lessons) if done == -1 else min(done, len(lessons))
    for lesson in lessons[:count]:
        activities_complete(user, lesson, marker, essay_answer)
        lesson_complete(user=user, lesson=lesson, course=course)


def organisations_load(
    data: dict, *, users: dict[str, User], marker: User | None, regions: dict, courses: dict
) -> None:
    lessons = {
        course.pk: list(LessonPage.objects.child_of(course).live().order_by("path"))
        for course in courses.values()
    }
    today = timezone.localdate()
    pattern = data["progress_pattern"]
    step = 0
    for spec in data["organisations"]:
        organisation, _created = Organisation.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "region": regions.get(spec["region"]),
                "join_code": spec["join_code"],
            },
        )
        teams = {
            name: Team.objects.update_or_create(
                organisation=organisation, name=name, defaults={"sort_order": index}
            )[0]
            for index, name in enumerate(spec["teams"])
        }
        manager = spec["manager"]
        manager_user = users[manager] if isinstance(manager, str) else account_upsert(manager)
        Membership.objects.update_or_create(
            user=manager_user,
            organisation=organisation,
            defaults={"role": Membership.Role.MANAGER, "team": None},
        )
        assignments = [
            Assignment.objects.update_or_create(
                organisation=organisation,
                team=teams.get(assignment["team"]),
                course=courses[assignment["module"]],
                defaults={"due_date": today + datetime.timedelta(days=assignment["due_in_days"])},
            )[0]
            for assignment in spec["assignments"]
        ]
        team_list = list(teams.values())
        for index, person in enumerate(spec["staff"]):
            user = account_upsert(
                {
                    "email": staff_email(person, spec["email_domain"]),
                    "password": data["staff_password"],
                    **person,
                }
            )
            team = team_list[index % len(team_list)]
            Membership.objects.update_or_create(
                user=user,
                organisation=organisation,
                defaults={"role": Membership.Role.LEARNER, "team": team},
            )
            for assignment in assignments:
                if assignment.team_id not in (None, team.pk):
                    continue
                done = pattern[step % len(pattern)]
                step += 1
                course = assignment.course
                progress_make(user, course, lessons[course.pk], done, marker, data["essay_answer"])
        # Demo accounts that work here, such as the demo learner at the school, whose
        # dashboard then shows its assignments and the reporting route of its region.
        for member in spec["members"]:
            Membership.objects.update_or_create(
                user=users[member["account"]],
                organisation=organisation,
                defaults={"role": Membership.Role.LEARNER, "team": teams.get(member["team"])},
            )
