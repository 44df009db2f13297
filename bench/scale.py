"""A large, realistic data set for the benchmarks: organisations, staff, modules, progress.

Rows are written with bulk inserts in batches, so ten thousand learners with their
enrolments, lesson progress and certificates take well under a minute. Everything built
here is recognisable (organisation slugs start with `schaal-`, e-mail addresses end in
`@schaal.test`, module slugs start with `schaal-module-`) and is removed before a new build,
so the command can run again.
"""

import datetime
import random
import secrets
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.models import (
    Certificate,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
)
from courses.services import CERTIFICATE_CODE_BYTES, add_months
from demo.loaders.pages import home_page_ensure, page_upsert
from organisations.models import Assignment, Membership, Organisation, Team

ORGANISATION_PREFIX = "schaal-"
EMAIL_DOMAIN = "schaal.test"
MODULE_PREFIX = "schaal-module-"
PASSWORD = "schaal-wachtwoord"  # noqa: S105 - a known password for the benchmark accounts
LESSONS_PER_MODULE = 6
LARGE_ORGANISATION_LEARNERS = 2_000
LARGE_ORGANISATION_MODULES = 10
MODULES_PER_ORGANISATION = 3
BATCH = 5_000

FIRST_NAMES = [
    "Sanne", "Daan", "Fatima", "Mohammed", "Emma", "Noah", "Lotte", "Sem", "Yara", "Levi",
    "Aylin", "Bram", "Nora", "Finn", "Zeynep", "Jesse", "Iris", "Milan", "Sara", "Thijs",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Yilmaz", "El Idrissi",
    "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
]  # fmt: skip
KINDS = [
    Organisation.Kind.SCHOOL,
    Organisation.Kind.TAXI_COMPANY,
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.CARE,
]
TEAM_NAMES = ["Onderbouw", "Bovenbouw", "Dagdienst", "Avonddienst", "Wijkteam", "Zorg", "Balie"]
FALLBACK_BODY = [
    {
        "type": "paragraph",
        "value": (
            "<p>Een leerling komt steeds vaker te laat, heeft nieuwe dure spullen en wordt na "
            "school opgehaald door een oudere vriend. Elk signaal op zich zegt weinig; samen "
            "vragen ze om aandacht.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "tone": "help",
            "heading": "Twijfel je?",
            "text": "<p>Overleg met een collega of bel Veilig Thuis: 0800-2000.</p>",
        },
    },
]


@dataclass
class ScaleReport:
    organisations: int = 0
    learners: int = 0
    modules: int = 0
    lessons: int = 0
    assignments: int = 0
    enrolments: int = 0
    lesson_progress: int = 0
    certificates: int = 0
    large_organisation: str = ""
    counts: dict = field(default_factory=dict)


def scale_data_remove() -> None:
    """Delete what an earlier build made, so that a new build starts clean."""
    Organisation.objects.filter(slug__startswith=ORGANISATION_PREFIX).delete()
    User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()
    for course in CoursePage.objects.filter(slug__startswith=MODULE_PREFIX):
        course.delete()


def _course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is not None:
        return index
    return page_upsert(home_page_ensure(), CourseIndexPage, slug="modules", title="Modules")


def _lesson_bodies() -> list[list[dict]]:
    """Lesson content to copy: the demo's lessons where they exist, else a short text."""
    bodies = [
        [
            block
            for block in lesson.body.raw_data
            # Quizzes and scenarios belong to one lesson each; copies would share their records.
            if block["type"] not in ("quiz", "scenario")
        ]
        for lesson in LessonPage.objects.live().exclude(slug__startswith=MODULE_PREFIX)[:20]
    ]
    return [body for body in bodies if body] or [FALLBACK_BODY]


def modules_build(count: int, rng: random.Random) -> list[tuple[CoursePage, list[LessonPage]]]:
    index = _course_index()
    bodies = _lesson_bodies()
    modules = []
    for number in range(1, count + 1):
        course = page_upsert(
            index,
            CoursePage,
            slug=f"{MODULE_PREFIX}{number}",
            title=f"Signalen herkennen, deel {number}",
            introduction="Een module om de schaal van het platform te meten.",
            certificate_validity_months=24,
            # Half are open without an account, as the introductory modules are.
            is_public=number % 2 == 1,
        )
        lessons = []
        for position in range(1, LESSONS_PER_MODULE + 1):
            lesson = LessonPage(
                slug=f"les-{position}",
                title=f"Les {position}: wat zie je?",
                introduction="Wat je kunt zien, en wat je dan doet.",
                duration_minutes=5,
                body=rng.choice(bodies),
            )
            course.add_child(instance=lesson)
            lessons.append(lesson)
        modules.append((course, lessons))
    return modules


def _bulk(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _with_ids(model, rows: list, *, key: str) -> list:
    """The rows of a bulk insert with their ids, for databases that do not return them."""
    if all(row.pk for row in rows):
        return rows
    stored = model.objects.in_bulk([getattr(row, key) for row in rows], field_name=key)
    return [stored[getattr(row, key)] for row in rows]


def _learner_counts(organisations: int, learners: int) -> list[int]:
    """The first organisation is the large one; the others share the remaining learners.

    The large one has a fifth of all learners, at most 2,000: 10,000 learners give the
    2,000-learner organisation the manager dashboard benchmark needs.
    """
    others = organisations - 1
    if others <= 0:
        return [learners]
    large = max(1, min(LARGE_ORGANISATION_LEARNERS, learners // 5))
    rest = learners - large
    return [large] + [rest // others + (1 if i < rest % others else 0) for i in range(others)]


@transaction.atomic
def scale_data_build(
    *, organisations: int, learners: int, modules: int, seed: int = 42
) -> ScaleReport:
    """Build the data set. Deterministic for a given seed, apart from certificate codes."""
    rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
    now = timezone.now()
    today = timezone.localdate()
    scale_data_remove()
    report = ScaleReport()

    built_modules = modules_build(modules, rng)
    report.modules = len(built_modules)
    report.lessons = sum(len(lessons) for _course, lessons in built_modules)
    lessons_of = {course.pk: lessons for course, lessons in built_modules}
    courses = [course for course, _lessons in built_modules]

    password = make_password(PASSWORD)
    counts = _learner_counts(organisations, learners)
    orgs = _bulk(
        Organisation,
        [
            Organisation(
                name=f"Schaalorganisatie {number}" if number else "Schaalorganisatie groot",
                slug=f"{ORGANISATION_PREFIX}{number}" if number else f"{ORGANISATION_PREFIX}groot",
                kind=KINDS[number % len(KINDS)],
                join_code=f"SCH{number:05d}",
            )
            for number in range(len(counts))
        ],
    )
    orgs = _with_ids(Organisation, orgs, key="slug")
    report.organisations = len(orgs)
    report.large_organisation = orgs[0].slug

    teams = _bulk(
        Team,
        [
            Team(organisation=org, name=name, sort_order=position)
            for org in orgs
            for position, name in enumerate(TEAM_NAMES[: 3 + org.pk % 5])
        ],
    )
    teams_of: dict[int, list[Team]] = {}
    for team in teams:
        teams_of.setdefault(team.organisation_id, []).append(team)

    users = []
    user_org = []
    for org, count in zip(orgs, counts, strict=True):
        users.append(
            User(
                email=f"manager-{org.slug}@{EMAIL_DOMAIN}",
                first_name="Manager",
                last_name=org.name,
                password=password,
            )
        )
        user_org.append((org, Membership.Role.MANAGER))
        for number in range(count):
            users.append(
                User(
                    email=f"{org.slug}-{number}@{EMAIL_DOMAIN}",
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    password=password,
                    date_joined=now - datetime.timedelta(days=rng.randint(1, 700)),
                )
            )
            user_org.append((org, Membership.Role.LEARNER))
    users = _with_ids(User, _bulk(User, users), key="email")
    _bulk(
        EmailAddress,
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
    )
    memberships = [
        Membership(
            user=user,
            organisation=org,
            role=role,
            team=rng.choice(teams_of[org.pk]) if role == Membership.Role.LEARNER else None,
        )
        for user, (org, role) in zip(users, user_org, strict=True)
    ]
    _bulk(Membership, memberships)
    report.learners = sum(1 for _org, role in user_org if role == Membership.Role.LEARNER)

    assignments = []
    assigned: dict[int, list[CoursePage]] = {}
    managers = {m.organisation_id: m.user for m in memberships if m.role == Membership.Role.MANAGER}
    for org in orgs:
        wanted = LARGE_ORGANISATION_MODULES if org is orgs[0] else MODULES_PER_ORGANISATION
        chosen = rng.sample(courses, min(wanted, len(courses)))
        assigned[org.pk] = chosen
        for course in chosen:
            assignments.append(
                Assignment(
                    organisation=org,
                    course=course,
                    due_date=today + datetime.timedelta(days=rng.randint(-60, 120)),
                    created_by=managers[org.pk],
                )
            )
    _bulk(Assignment, assignments)
    report.assignments = len(assignments)

    enrolments = []
    for membership in memberships:
        if membership.role != Membership.Role.LEARNER:
            continue
        for course in assigned[membership.organisation_id]:
            roll = rng.random()
            if roll < 0.35:
                continue  # not started
            started = now - datetime.timedelta(days=rng.randint(5, 300))
            completed = None
            if roll > 0.65:
                completed = started + datetime.timedelta(days=rng.randint(0, 4))
            enrolments.append(
                Enrolment(
                    user_id=membership.user_id,
                    course=course,
                    started_at=started,
                    completed_at=completed,
                )
            )
    _bulk(Enrolment, enrolments)
    enrolments = list(
        Enrolment.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").select_related("user")
    )
    report.enrolments = len(enrolments)

    progress = []
    certificates = []
    for enrolment in enrolments:
        lessons = lessons_of[enrolment.course_id]
        done = len(lessons) if enrolment.completed_at else rng.randint(0, len(lessons) - 1)
        for lesson in lessons[:done]:
            progress.append(
                LessonProgress(
                    enrolment=enrolment, lesson=lesson, completed_at=enrolment.started_at
                )
            )
        if enrolment.completed_at:
            certificates.append(
                Certificate(
                    user_id=enrolment.user_id,
                    course_id=enrolment.course_id,
                    enrolment=enrolment,
                    cycle=1,
                    code=secrets.token_urlsafe(CERTIFICATE_CODE_BYTES),
                    learner_name=enrolment.user.get_full_name(),
                    issued_at=enrolment.completed_at,
                    expires_at=add_months(enrolment.completed_at, 24),
                )
            )
    _bulk(LessonProgress, progress)
    _bulk(Certificate, certificates)
    report.lesson_progress = len(progress)
    report.certificates = len(certificates)
    return report
