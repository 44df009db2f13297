"""Demo organisations: a school, a taxi company and a municipality, with staff at varied progress.

Progress is made through the courses services, so the dashboard shows real enrolments,
lesson progress and certificates. Due dates are set relative to the day the demo is
loaded, so some learners are always overdue. Loading again changes nothing but the dates.
"""

import datetime

from django.utils import timezone

from accounts.demo import LEARNER as DEMO_LEARNER
from accounts.demo import MANAGER, TRAINER, DemoAccount
from accounts.models import User
from accounts.services import user_upsert_verified
from courses.models import CoursePage, LessonPage
from courses.services import enrolment_start, lesson_complete
from quizzes.models import Answer, Question, Quiz
from quizzes.selectors import quiz_passed_by
from quizzes.services import Taker, answer_mark, answer_submit, attempt_start
from scenarios.models import ScenarioPage, ScenarioRun
from scenarios.services import run_choose, run_start
from website.models import Region

from .models import Assignment, Membership, Organisation, Team

TAXI_MANAGER = DemoAccount(
    "Manager, taxi company", "planning@taxicentraal.test", "beheer-met-signaal", "Mehmet", "Yilmaz"
)
MUNICIPALITY_MANAGER = DemoAccount(
    "Manager, municipality",
    "opleidingen@gemeente-heuvelrug.test",
    "beheer-met-signaal",
    "Annemiek",
    "Verhoeven",
)

ORGANISATIONS = [
    {
        "slug": "het-baken-college",
        "name": "Het Baken College",
        "kind": Organisation.Kind.SCHOOL,
        "region": "utrecht",
        "join_code": "BAKEN742",
        "teams": ["Onderbouw", "Bovenbouw", "Mentoren", "Zorg en ondersteuning"],
        "manager": MANAGER,
        "domain": "hetbaken.test",
        "learners": [
            ("Sanne", "Bos"),
            ("Daan", "Jansen"),
            ("Fleur", "de Groot"),
            ("Youssef", "Amrani"),
            ("Lotte", "Visser"),
            ("Bram", "Smit"),
            ("Noor", "Meijer"),
            ("Thijs", "de Boer"),
            ("Emma", "Mulder"),
            ("Ruben", "Dekker"),
            ("Iris", "Brouwer"),
            ("Sem", "van Dijk"),
            ("Anouk", "Hendriks"),
            ("Milan", "Kok"),
            ("Julia", "Peters"),
            ("Fatima", "Ouali"),
            ("Jesse", "Vos"),
            ("Lieke", "Willems"),
        ],
        "assignments": [
            # (module slug, team or None for everyone, due in days from today)
            ("basis-mensenhandel-en-loverboys", None, 21),
            ("signalen-op-school", "Mentoren", -7),
            ("signalen-op-school", "Zorg en ondersteuning", 10),
        ],
    },
    {
        "slug": "taxi-centraal-rijnmond",
        "name": "Taxi Centraal Rijnmond",
        "kind": Organisation.Kind.TAXI_COMPANY,
        "region": "rotterdam-rijnmond",
        "join_code": "TAXRDAM5",
        "teams": ["Dagdienst", "Nachtdienst"],
        "manager": TAXI_MANAGER,
        "domain": "taxicentraal.test",
        "learners": [
            ("Ahmed", "Bakkali"),
            ("Kees", "van der Berg"),
            ("Priya", "Ramdin"),
            ("Marco", "Rossi"),
            ("Henk", "Bakker"),
            ("Dewi", "Soekhoe"),
            ("Tomasz", "Nowak"),
            ("Ria", "Koster"),
            ("Said", "El Idrissi"),
            ("Wim", "Schouten"),
            ("Naima", "Bouzid"),
            ("Jan", "Post"),
        ],
        "assignments": [
            ("basis-mensenhandel-en-loverboys", None, -3),
            ("signalen-onderweg", "Nachtdienst", 14),
        ],
    },
    {
        "slug": "gemeente-heuvelrug",
        "name": "Gemeente Heuvelrug",
        "kind": Organisation.Kind.MUNICIPALITY,
        "region": "utrecht",
        "join_code": "HEUVRUG6",
        "teams": ["Wijkteam Noord", "Wijkteam Zuid"],
        "manager": MUNICIPALITY_MANAGER,
        "domain": "gemeente-heuvelrug.test",
        "learners": [
            ("Marloes", "de Wit"),
            ("Hamza", "Chaouch"),
            ("Esther", "Kuipers"),
            ("Jeroen", "Vermeulen"),
            ("Sophie", "Lambert"),
            ("Mustafa", "Aydin"),
            ("Inge", "Prins"),
            ("Koen", "Huisman"),
            ("Yara", "Haddad"),
            ("Pieter", "Blom"),
        ],
        "assignments": [("basis-mensenhandel-en-loverboys", None, 30)],
    },
]

# How far each learner got in each assigned module, cycling through the staff list:
# None is not started, a number is that many lessons done, -1 is the whole module.
PROGRESS_PATTERN = [-1, 2, None, 1, -1, None, 3, -1, None, 1]


def _email(first_name: str, last_name: str, domain: str) -> str:
    local = f"{first_name}.{last_name}".lower().replace(" ", "")
    return f"{local}@{domain}"


ESSAY_ANSWER = (
    "Ik schrijf op wat ik zag, overleg met de aandachtsfunctionaris en vraag Veilig Thuis om "
    "advies voordat ik met de leerling praat."
)


def _quiz_pass(user, quiz: Quiz, marker) -> None:
    """Take the quiz with the right answers; a trainer marks the open answers as correct."""
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
            text=ESSAY_ANSWER if question.kind == Question.Kind.ESSAY else "",
        )
    for answer in Answer.objects.filter(attempt=attempt, question__kind=Question.Kind.ESSAY):
        answer_mark(answer=answer, mark=Answer.Mark.CORRECT, marker=marker)


def _scenario_finish(user, page: ScenarioPage) -> None:
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
            if choice.is_available(run.flags)
        ]
        best = max(offered, key=lambda choice: choice.score)
        run_choose(run=run, choice_id=best.pk, attempt=run.attempt, position=run.position)
        run.refresh_from_db()


def _activities_complete(user, lesson: LessonPage, marker) -> None:
    """Meet what the lesson's quiz and scenario blocks require, as a learner would."""
    for block in lesson.body:
        if block.block_type == "quiz" and block.value.get("must_pass") and block.value["quiz"]:
            _quiz_pass(user, block.value["quiz"], marker)
        elif block.block_type == "scenario" and block.value.get("scenario"):
            _scenario_finish(user, block.value["scenario"].specific)


def _progress(user, course: CoursePage, lessons: list, done, marker) -> None:
    if done is None:
        return
    enrolment_start(user=user, course=course)
    count = len(lessons) if done == -1 else min(done, len(lessons))
    for lesson in lessons[:count]:
        _activities_complete(user, lesson, marker)
        lesson_complete(user=user, lesson=lesson, course=course)


def load() -> None:
    courses = {course.slug: course for course in CoursePage.objects.live()}
    lessons = {
        course.pk: list(LessonPage.objects.child_of(course).live().order_by("path"))
        for course in courses.values()
    }
    regions = {region.slug: region for region in Region.objects.all()}
    today = timezone.localdate()
    marker = User.objects.filter(email=TRAINER.email).first()
    step = 0
    for data in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "kind": data["kind"],
                "region": regions.get(data["region"]),
                "join_code": data["join_code"],
            },
        )
        teams = [
            Team.objects.update_or_create(
                organisation=organisation, name=name, defaults={"sort_order": index}
            )[0]
            for index, name in enumerate(data["teams"])
        ]
        manager = data["manager"]
        manager_user = user_upsert_verified(
            email=manager.email,
            password=manager.password,
            first_name=manager.first_name,
            last_name=manager.last_name,
        )
        Membership.objects.update_or_create(
            user=manager_user,
            organisation=organisation,
            defaults={"role": Membership.Role.MANAGER, "team": None},
        )

        assignments = []
        for slug, team_name, due_in in data["assignments"]:
            course = courses.get(slug)
            if course is None:
                continue
            team = next((team for team in teams if team.name == team_name), None)
            assignment, _created = Assignment.objects.update_or_create(
                organisation=organisation,
                team=team,
                course=course,
                defaults={"due_date": today + datetime.timedelta(days=due_in)},
            )
            assignments.append(assignment)

        for index, (first_name, last_name) in enumerate(data["learners"]):
            user = user_upsert_verified(
                email=_email(first_name, last_name, data["domain"]),
                password=DEMO_LEARNER.password,
                first_name=first_name,
                last_name=last_name,
            )
            team = teams[index % len(teams)]
            Membership.objects.update_or_create(
                user=user,
                organisation=organisation,
                defaults={"role": Membership.Role.LEARNER, "team": team},
            )
            for assignment in assignments:
                if assignment.team_id not in (None, team.pk):
                    continue
                done = PROGRESS_PATTERN[step % len(PROGRESS_PATTERN)]
                step += 1
                _progress(user, assignment.course, lessons[assignment.course_id], done, marker)

    # The demo learner works at the school, so their dashboard shows its assignments and
    # the reporting route of Utrecht.
    school = Organisation.objects.get(slug="het-baken-college")
    Membership.objects.update_or_create(
        user=User.objects.get(email=DEMO_LEARNER.email),
        organisation=school,
        defaults={"role": Membership.Role.LEARNER, "team": school.teams.get(name="Mentoren")},
    )


def demo_accounts() -> list[DemoAccount]:
    first = ORGANISATIONS[0]
    sample = DemoAccount(
        "Learner at the school",
        _email(*first["learners"][0], first["domain"]),
        DEMO_LEARNER.password,
        *first["learners"][0],
    )
    return [TAXI_MANAGER, MUNICIPALITY_MANAGER, sample]
