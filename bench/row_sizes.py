"""What a learner's year takes in PostgreSQL, table by table (docs/capacity.md).

    . /tmp/signaal-cluster/env && .venv/bin/python -m bench.row_sizes --learners 1000

Makes `--learners` new learners, each with the rows of one year (YEAR below) on the demo
content, with bulk_create in one transaction; copies each table's new rows into a fresh
table with the same indexes and reads its size, prints the bytes per row and per learner,
and rolls the transaction back. PostgreSQL only.
"""

import argparse
import datetime
import secrets
import sys
from dataclasses import dataclass

# Per learner per year: two modules (one assigned, one refresher or second assignment), each
# quiz taken twice (one retake), each scenario played twice. The rest follows from the
# modules in the demo: a progress row per lesson, an answer per question of an attempt, a
# statement answer and a reflection per such block, a reminder per module.
YEAR = {"modules": 2, "quiz_attempts_per_module": 2, "scenario_attempts": 2}
TABLES = [
    ("courses.Enrolment", "enrolments"),
    ("courses.LessonProgress", "lesson progress"),
    ("courses.Certificate", "certificates"),
    ("courses.StatementAnswer", "statement answers"),
    ("courses.Reflection", "reflections"),
    ("quizzes.Attempt", "quiz attempts"),
    ("quizzes.Answer", "quiz answers"),
    ("quizzes.AnswerSelection", "chosen options"),
    ("scenarios.ScenarioRun", "scenario runs"),
    ("scenarios.ScenarioStep", "scenario steps"),
    ("organisations.Reminder", "reminders"),
    ("accounts.User", "the learner"),
]
REFLECTION = "Ik let voortaan op wie haar na school ophaalt, en bespreek het met een collega. " * 3


class Rollback(Exception):
    pass


@dataclass
class Module:
    course: object
    lessons: list
    quiz: object
    questions: list
    statements: list  # (lesson, block id)
    reflections: list
    scenarios: dict  # scenario page: its choices


def fresh_size(model, ids: list[int]) -> int:
    """Bytes the rows `ids` of `model` take, with the table's indexes, in a table of their
    own: the same columns and indexes (LIKE ... INCLUDING ALL), filled by inserts as the
    site fills it. So free space left in the real table by earlier rows does not count."""
    from django.db import connection

    # Table names from the models, quoted: nothing here comes from outside.
    table = connection.ops.quote_name(model._meta.db_table)
    copy = connection.ops.quote_name(f"fresh_{model._meta.db_table}")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {copy} (LIKE {table} INCLUDING ALL)")
        insert = f"INSERT INTO {copy} SELECT * FROM {table} WHERE id = ANY(%s)"  # noqa: S608
        cursor.execute(insert, [ids])
        cursor.execute("SELECT pg_total_relation_size(%s)", [f"fresh_{model._meta.db_table}"])
        return cursor.fetchone()[0]


def modules() -> list[Module]:
    """The demo's modules with a quiz: lessons, an attempt's questions, blocks, scenarios."""
    from accounts.models import User
    from courses.models import CoursePage, LessonPage
    from quizzes.models import Question, Quiz
    from quizzes.services import Taker, attempt_start
    from scenarios.models import Choice, ScenarioPage

    found = []
    for course in CoursePage.objects.live().order_by("path"):
        lessons = list(LessonPage.objects.live().child_of(course))
        blocks = [(lesson, block) for lesson in lessons for block in lesson.body]
        quizzes = [block.value["quiz"] for _lesson, block in blocks if block.block_type == "quiz"]
        if not quizzes:
            continue
        # The questions an attempt gets (fixed ones and draws from banks), as the site picks
        # them; the sample attempt is rolled back with the rest.
        quiz = Quiz.objects.get(pk=quizzes[0].pk)
        sample = User.objects.create(email=f"vragen-{quiz.pk}@row-sizes.example.org")
        question_ids = attempt_start(quiz=quiz, taker=Taker(user=sample)).question_ids
        by_id = Question.objects.prefetch_related("options").in_bulk(question_ids)
        pages = [
            ScenarioPage.objects.get(pk=block.value["scenario"].pk)
            for _lesson, block in blocks
            if block.block_type == "scenario"
        ]
        found.append(
            Module(
                course=course,
                lessons=lessons,
                quiz=quiz,
                questions=[by_id[pk] for pk in question_ids],
                statements=[(ls, b.id) for ls, b in blocks if b.block_type == "statement"],
                reflections=[(ls, b.id) for ls, b in blocks if b.block_type == "reflection"],
                scenarios={
                    page: list(Choice.objects.filter(scene__page=page).select_related("scene"))
                    for page in pages
                },
            )
        )
    return found


def learner_year(user, content: list[Module], now) -> dict[str, list]:
    from courses.models import Certificate, Enrolment, LessonProgress, Reflection, StatementAnswer
    from courses.services import CERTIFICATE_CODE_BYTES
    from organisations.models import Reminder
    from quizzes.models import Answer, AnswerSelection, Attempt
    from scenarios.models import ScenarioRun, ScenarioStep

    rows = {label: [] for label, _name in TABLES}
    for module in content[: YEAR["modules"]]:
        enrolment = Enrolment(user=user, course=module.course, started_at=now, completed_at=now)
        rows["courses.Enrolment"].append(enrolment)
        for lesson in module.lessons:
            rows["courses.LessonProgress"].append(
                LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now)
            )
        certificate = Certificate(
            user=user,
            course=module.course,
            enrolment=enrolment,
            cycle=1,
            code=secrets.token_urlsafe(CERTIFICATE_CODE_BYTES),
            learner_name="Voornaam Achternaam",
            issued_at=now,
            expires_at=now + datetime.timedelta(days=730),
        )
        rows["courses.Certificate"].append(certificate)
        rows["organisations.Reminder"].append(
            Reminder(user=user, certificate=certificate, stage=Reminder.Stage.CERTIFICATE_EXPIRY)
        )
        for lesson, block_id in module.statements:
            rows["courses.StatementAnswer"].append(
                StatementAnswer(user=user, lesson=lesson, block_id=block_id, agrees=True)
            )
        for lesson, block_id in module.reflections:
            rows["courses.Reflection"].append(
                Reflection(user=user, lesson=lesson, block_id=block_id, text=REFLECTION)
            )
        for number in range(1, YEAR["quiz_attempts_per_module"] + 1):
            attempt = Attempt(
                quiz=module.quiz,
                user=user,
                number=number,
                question_ids=[question.pk for question in module.questions],
                status=Attempt.Status.COMPLETED,
                started_at=now,
                finished_at=now,
                score=80,
                passed=True,
            )
            rows["quizzes.Attempt"].append(attempt)
            for question in module.questions:
                options = list(question.options.all())
                answer = Answer(
                    attempt=attempt,
                    question=question,
                    answered_at=now,
                    score=1.0,
                    is_correct=True,
                    text="" if options else "Ik bespreek het met de aandachtsfunctionaris.",
                )
                rows["quizzes.Answer"].append(answer)
                if options:
                    rows["quizzes.AnswerSelection"].append(
                        AnswerSelection(answer=answer, option=options[0])
                    )
        for page, choices in module.scenarios.items():
            run = ScenarioRun(
                page=page,
                user=user,
                attempt=YEAR["scenario_attempts"],
                current_scene=page.start_scene,
                status=ScenarioRun.Status.FINISHED,
                first_finished_at=now,
            )
            rows["scenarios.ScenarioRun"].append(run)
            # A play goes through about a third of the scenario's choices.
            path = choices[: max(len(choices) // 3, 1)]
            for attempt_number in range(1, YEAR["scenario_attempts"] + 1):
                for position, choice in enumerate(path, start=1):
                    rows["scenarios.ScenarioStep"].append(
                        ScenarioStep(
                            run=run,
                            attempt=attempt_number,
                            position=position,
                            scene_key=choice.scene.key,
                            target_key=choice.target or "",
                            choice=choice,
                            choice_label=choice.label,
                            flags_set=[],
                        )
                    )
    return rows


def measure(learners: int) -> list[tuple[str, int, int]]:
    from django.apps import apps
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User

    now = timezone.now()
    results = []
    try:
        with transaction.atomic():
            content = modules()
            if len(content) < YEAR["modules"]:
                sys.exit(f"The demo has {len(content)} modules with a quiz; the year needs two.")
            users = User.objects.bulk_create(
                User(email=f"jaar{i}@row-sizes.example.org", first_name="Jaar")
                for i in range(learners)
            )
            per_user = [learner_year(user, content, now) for user in users]
            for label, name in TABLES:
                model = apps.get_model(label)
                if label == "accounts.User":
                    objects = users
                else:
                    # In TABLES' order, each row's parents were saved a step before, so
                    # bulk_create takes their new ids.
                    objects = [row for rows in per_user for row in rows[label]]
                    model.objects.bulk_create(objects, batch_size=2000)
                size = fresh_size(model, [row.pk for row in objects]) if objects else 0
                results.append((name, len(objects), size))
            raise Rollback
    except Rollback:
        pass
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Row sizes are measured on PostgreSQL: run with the cluster's environment.")
    results = measure(args.learners)
    print(f"A year of {args.learners} learners ({YEAR}):\n")
    print("| Table | Rows per learner | Bytes per row, with indexes | kB per learner |")
    print("|---|---:|---:|---:|")
    total = 0
    for name, rows, size in results:
        total += size
        per_row = f"{size / rows:.0f}" if rows else "-"
        kilobytes = size / args.learners / 1024
        print(f"| {name} | {rows / args.learners:.1f} | {per_row} | {kilobytes:.1f} |")
    rows_total = sum(rows for _name, rows, _size in results) / args.learners
    print(f"| all | {rows_total:.0f} | {total / (rows_total * args.learners):.0f} | "
          f"{total / args.learners / 1024:.1f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
