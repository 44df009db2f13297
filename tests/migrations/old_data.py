"""A database as a site has it before the signal move, made with the historical models.

Only the models of that schema are used: the current ones may already describe the tables
after the move. Wagtail pages are written as treebeard rows (path, depth, numchild) under
the root page, since the historical models have none of Page's tree methods.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.migrations.state import StateApps
from django.db.models import F
from django.utils import timezone

from accounts.services import TRAINER_GROUP_NAME

from .schema import project_app_labels

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, four characters a step
SIGNAL_ACTIONS = ("add", "change", "delete", "view")


@dataclass
class OldData:
    certificate_codes: list[str] = field(default_factory=list)
    trainer_email: str = "trainer@example.org"


def _step(number: int) -> str:
    text = ""
    while number:
        number, digit = divmod(number, 36)
        text = ALPHABET[digit] + text
    return text.rjust(4, "0")


class PageTree:
    def __init__(self, apps: StateApps):
        self.page_model = apps.get_model("wagtailcore", "Page")
        self.content_types = apps.get_model("contenttypes", "ContentType").objects
        locale_model = apps.get_model("wagtailcore", "Locale")
        self.locale, _created = locale_model.objects.get_or_create(
            language_code=settings.LANGUAGE_CODE
        )
        self.root = self.page_model.objects.get(depth=1)

    def add(self, parent, model, *, title: str, slug: str, **fields):
        siblings = self.page_model.objects.filter(
            path__startswith=parent.path, depth=parent.depth + 1
        )
        last = siblings.order_by("-path").values_list("path", flat=True).first()
        number = int(last[-4:], 36) + 1 if last else 1
        content_type, _created = self.content_types.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        page = model.objects.create(
            path=parent.path + _step(number),
            depth=parent.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
            content_type=content_type,
            locale=self.locale,
            **fields,
        )
        self.page_model.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        return page


def forget_content_types_of_later_models(apps: StateApps) -> None:
    """A site before the move has no content type for a model that did not exist yet.

    The test database got one for every current model when it was made; the migrations of
    the move must cope with a database that has only the old ones.
    """
    content_type_model = apps.get_model("contenttypes", "ContentType")
    old_models = {(model._meta.app_label, model._meta.model_name) for model in apps.get_models()}
    later = [
        content_type.pk
        for content_type in content_type_model.objects.filter(app_label__in=project_app_labels())
        if (content_type.app_label, content_type.model) not in old_models
    ]
    content_type_model.objects.filter(pk__in=later).delete()


def _signal_permissions(apps: StateApps, signal_model):
    content_type, _created = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=signal_model._meta.app_label, model=signal_model._meta.model_name
    )
    permission_model = apps.get_model("auth", "Permission")
    permissions = []
    for action in SIGNAL_ACTIONS:
        permission, _created = permission_model.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_signal",
            defaults={"name": f"Can {action} signal"},
        )
        permissions.append(permission)
    return content_type, permissions


def fill(apps: StateApps) -> OldData:
    """Every kind of row that holds a signal or hangs on one, and certificates beside them."""
    forget_content_types_of_later_models(apps)
    filler = _Filler(apps)
    filler.people()
    filler.signals()
    filler.course()
    filler.quiz()
    filler.scenario()
    filler.reference()
    return filler.certificates()


class _Filler:
    def __init__(self, apps: StateApps):
        self.apps = apps
        self.now = timezone.now()
        self.tree = PageTree(apps)
        self.data = OldData()

    def model(self, label: str):
        return self.apps.get_model(label)

    def people(self) -> None:
        users = self.model("accounts.User").objects
        self.learner = users.create(email="leerling@example.org", first_name="Sanne")
        self.second = users.create(email="tweede@example.org", first_name="Joost")
        self.trainer = users.create(email=self.data.trainer_email, is_staff=True)

    def signals(self) -> None:
        # Sectors come from a data migration; a flushed database gets them after the flush.
        sectors = self.model("website.Sector").objects
        for slug in ("verhuizing-a", "verhuizing-b"):
            sectors.get_or_create(slug=slug, defaults={"name": slug, "sort_order": 90})
        self.sectors = list(sectors.order_by("pk")[:3])
        signal_model = self.model("courses.Signal")
        self.signal_list = [
            signal_model.objects.create(
                title=f"Signaal {number}",
                slug=f"signaal-{number}",
                kind="risk_factor" if number == 3 else "signal",
                category=("victim", "perpetrator", "context", "victim")[number],
                phase="grooming" if number % 2 else "",
                summary=f"Korte uitleg {number}.",
                explanation=f"<p>Uitleg {number}</p>",
            )
            for number in range(4)
        ]
        signal_sectors = signal_model._meta.get_field("sectors").remote_field.through
        for index, signal in enumerate(self.signal_list[:3]):
            for sector in self.sectors[: index + 1]:
                signal_sectors.objects.create(signal=signal, sector=sector)
        # Trainers look after the signal library.
        self.signal_type, permissions = _signal_permissions(self.apps, signal_model)
        trainers, _created = self.model("auth.Group").objects.get_or_create(name=TRAINER_GROUP_NAME)
        trainers.permissions.add(*permissions)
        self.trainer.groups.add(trainers)

    def tag(self, owner_model, owners_and_signals) -> None:
        through = owner_model._meta.get_field("signals").remote_field.through
        owner_field = owner_model._meta.model_name
        for owner, indexes in owners_and_signals:
            for index in indexes:
                through.objects.create(**{owner_field: owner, "signal": self.signal_list[index]})

    def course(self) -> None:
        course_model = self.model("courses.CoursePage")
        self.course_page = self.tree.add(
            self.tree.root,
            course_model,
            title="Module verhuizing",
            slug="module-verhuizing",
            certificate_validity_months=12,
        )
        course_sectors = course_model._meta.get_field("sectors").remote_field.through
        course_sectors.objects.create(coursepage=self.course_page, sector=self.sectors[0])
        self.lessons = [
            self.tree.add(
                self.course_page,
                self.model("courses.LessonPage"),
                title=f"Les {number}",
                slug=f"les-{number}",
            )
            for number in (1, 2)
        ]

    def quiz(self) -> None:
        bank = self.model("quizzes.QuestionBank").objects.create(title="Bank verhuizing")
        question_model = self.model("quizzes.Question")
        options = self.model("quizzes.Option").objects
        self.questions = []
        for number in range(3):
            question = question_model.objects.create(
                bank=bank, kind="single", text=f"Vraag {number}?", explanation="<p>Daarom.</p>"
            )
            for sort_order, correct in enumerate((True, False)):
                options.create(
                    question=question,
                    sort_order=sort_order,
                    text=f"Optie {sort_order}",
                    is_correct=correct,
                )
            self.questions.append(question)
        self.tag(question_model, zip(self.questions, ([0, 1], [1, 2, 3], []), strict=True))

        now = self.now
        quiz = self.model("quizzes.Quiz").objects.create(
            title="Toets verhuizing", first_published_at=now, last_published_at=now
        )
        for sort_order, question in enumerate(self.questions[:2]):
            self.model("quizzes.QuizQuestion").objects.create(
                quiz=quiz, question=question, sort_order=sort_order
            )
        self.model("quizzes.QuizDraw").objects.create(
            quiz=quiz, sort_order=2, count=1, signal=self.signal_list[2]
        )
        attempt = self.model("quizzes.Attempt").objects.create(
            quiz=quiz,
            user=self.learner,
            question_ids=[question.pk for question in self.questions[:2]],
            status="completed",
            started_at=now - timedelta(minutes=5),
            finished_at=now,
            score=100,
            passed=True,
        )
        for question in self.questions[:2]:
            answer = self.model("quizzes.Answer").objects.create(
                attempt=attempt, question=question, answered_at=now, score=1, is_correct=True
            )
            self.model("quizzes.AnswerSelection").objects.create(
                answer=answer, option=options.get(question=question, is_correct=True)
            )

    def scenario(self) -> None:
        scenario = self.tree.add(
            self.tree.root,
            self.model("scenarios.ScenarioPage"),
            title="Casus verhuizing",
            slug="casus-verhuizing",
            start_scene="begin",
        )
        scene_model = self.model("scenarios.Scene")
        begin = scene_model.objects.create(page=scenario, sort_order=0, key="begin", title="Begin")
        end = scene_model.objects.create(
            page=scenario, sort_order=1, key="einde", title="Einde", outcome="good"
        )
        self.tag(scene_model, [(begin, [0, 3]), (end, [2])])
        choice = self.model("scenarios.Choice").objects.create(
            scene=begin,
            sort_order=0,
            label="Bel Veilig Thuis",
            target="einde",
            score=2,
            acts_on_signals=True,
        )
        run = self.model("scenarios.ScenarioRun").objects.create(
            page=scenario,
            user=self.learner,
            current_scene="einde",
            score=2,
            status="finished",
            outcome="good",
            best_outcome="good",
            first_finished_at=self.now,
        )
        self.model("scenarios.ScenarioStep").objects.create(
            run=run,
            attempt=1,
            position=0,
            scene_key="begin",
            target_key="einde",
            choice_label=choice.label,
            score=2,
            acts_on_signals=True,
            choice=choice,
        )

    def reference(self) -> None:
        """Wagtail's reference index records that a question uses a signal, by content type."""
        question_type, _created = self.model("contenttypes.ContentType").objects.get_or_create(
            app_label="quizzes", model="question"
        )
        question, signal = self.questions[0], self.signal_list[0]
        self.model("wagtailcore.ReferenceIndex").objects.create(
            content_type=question_type,
            base_content_type=question_type,
            object_id=str(question.pk),
            to_content_type=self.signal_type,
            to_object_id=str(signal.pk),
            model_path="signals",
            content_path=f"signals.{signal.pk}",
            content_path_hash=uuid.uuid4(),
        )

    def certificates(self) -> OldData:
        now, course = self.now, self.course_page
        enrolments = self.model("courses.Enrolment").objects
        first = enrolments.create(
            user=self.learner,
            course=course,
            cycle=2,
            started_at=now - timedelta(days=400),
            completed_at=now,
        )
        other = enrolments.create(
            user=self.second,
            course=course,
            started_at=now - timedelta(days=30),
            completed_at=now,
        )
        for enrolment in (first, other):
            for lesson in self.lessons:
                self.model("courses.LessonProgress").objects.create(
                    enrolment=enrolment, lesson=lesson, completed_at=now
                )
        issued = [
            # An expired one from the first round, a valid one from the second, a revoked one.
            (first, 1, "Sanne", now - timedelta(days=400), now - timedelta(days=35), None),
            (first, 2, "Sanne", now, now + timedelta(days=365), None),
            (other, 1, "", now - timedelta(days=2), now + timedelta(days=363), now),
        ]
        for enrolment, cycle, name, issued_at, expires_at, revoked_at in issued:
            code = f"verhuizing-{enrolment.pk}-{cycle}"
            self.model("courses.Certificate").objects.create(
                user_id=enrolment.user_id,
                course=course,
                enrolment=enrolment,
                cycle=cycle,
                code=code,
                learner_name=name,
                issued_at=issued_at,
                expires_at=expires_at,
                revoked_at=revoked_at,
            )
            self.data.certificate_codes.append(code)
        return self.data
