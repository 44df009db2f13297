"""Signals and modules: each module with its quiz, its case scenario and its lessons.

Everything is found again by its stable key, so that loading twice changes nothing and
keeps the primary keys that learners' answers, runs and progress point to: signals by
slug, question banks and quizzes by title, questions by their text within the bank,
options by position, scenario pages by slug, scenes by key and choices by position.
"""

import uuid

from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.publishing import assessment_problem
from library.models import Signal
from quizzes.models import Option, Question, QuestionBank, Quiz, QuizDraw, QuizQuestion
from scenarios.models import Choice, ScenarioPage, Scene
from scenarios.selectors import scenario_problems
from website.models import Sector

from .files import ContentError
from .pages import dutch, page_upsert, stream


def signals_load(signals: list[dict]) -> dict[str, Signal]:
    """Create or update the signals, keyed by slug."""
    sectors = {sector.slug: sector for sector in Sector.objects.filter(locale=dutch())}
    loaded = {}
    for data in signals:
        signal, _created = Signal.objects.update_or_create(
            slug=data["slug"],
            locale=dutch(),
            defaults={
                name: data[name]
                for name in ("title", "kind", "category", "phase", "summary", "explanation")
            },
        )
        chosen = (
            sectors.values() if data["sectors"] is None else [sectors[s] for s in data["sectors"]]
        )
        signal.sectors.set(list(chosen))
        signal.save()
        loaded[signal.slug] = signal
    return loaded


def question_upsert(bank: QuestionBank, data: dict, signals: dict) -> Question:
    question, _created = Question.objects.update_or_create(
        bank=bank,
        text=data["text"],
        defaults={
            "kind": data["kind"],
            "explanation": data["explanation"],
            "statement_is_true": data["answer"],
        },
    )
    for order, option in enumerate(data["options"]):
        Option.objects.update_or_create(
            question=question,
            sort_order=order,
            defaults={
                "text": option["text"],
                "is_correct": option["correct"],
                "feedback": option["feedback"],
            },
        )
    question.options.filter(sort_order__gte=len(data["options"])).delete()
    question.signals.set([signals[slug] for slug in data["signals"]])
    question.save()
    return question


def quiz_upsert(data: dict, signals: dict) -> Quiz:
    bank, _created = QuestionBank.objects.update_or_create(
        title=data["bank"], locale=dutch(), defaults={"description": data["bank_description"]}
    )
    questions = [question_upsert(bank, item, signals) for item in data["questions"]]
    quiz, _created = Quiz.objects.update_or_create(
        title=data["title"],
        locale=dutch(),
        defaults={"introduction": data["introduction"], "live": True, **data["settings"]},
    )
    for order, question in enumerate(questions):
        QuizQuestion.objects.update_or_create(
            quiz=quiz, question=question, defaults={"sort_order": order}
        )
    quiz.fixed_questions.exclude(question__in=questions).delete()
    # The published revision is what the admin edits; it must hold what was just loaded.
    quiz.save_revision().publish()
    return quiz


def draws_load(quiz: Quiz, draws: list[dict]) -> None:
    """Random questions from a bank; loaded after every module, as the bank may be another's."""
    for order, draw in enumerate(draws):
        QuizDraw.objects.update_or_create(
            quiz=quiz,
            sort_order=order,
            defaults={
                "count": draw["count"],
                "bank": QuestionBank.objects.get(title=draw["bank"], locale=dutch()),
                "signal_category": draw["signal_category"],
            },
        )
    quiz.draws.filter(sort_order__gte=len(draws)).delete()


def scenes_build(page: ScenarioPage | None, specs: list[dict], signals: dict) -> list[Scene]:
    """Scene objects for a scenario, reusing the rows of an earlier load.

    Keeping primary keys means loading again updates the scenes and choices that recorded
    steps point to, instead of replacing them.
    """
    existing = (
        {scene.key: scene for scene in Scene.objects.filter(page=page).prefetch_related("choices")}
        if page is not None
        else {}
    )
    scenes = []
    for order, spec in enumerate(specs):
        old = existing.get(spec["key"])
        old_choices = sorted(old.choices.all(), key=lambda c: (c.sort_order, c.pk)) if old else []
        scene = Scene(
            pk=old.pk if old else None,
            # Translations find their scenes and choices again by these keys.
            translation_key=old.translation_key if old else uuid.uuid4(),
            key=spec["key"],
            title=spec["title"],
            text=spec["text"],
            outcome=spec["outcome"],
            debrief=spec["debrief"],
            sort_order=order,
        )
        scene.choices = [
            Choice(
                pk=old_choices[number].pk if number < len(old_choices) else None,
                translation_key=(
                    old_choices[number].translation_key
                    if number < len(old_choices)
                    else uuid.uuid4()
                ),
                sort_order=number,
                label=choice["label"],
                target=choice["target"],
                feedback=choice["feedback"],
                score=choice["score"],
                sets_flags=choice["sets"],
                requires_flags=choice["requires"],
                acts_on_signals=choice["acts"],
            )
            for number, choice in enumerate(spec["choices"])
        ]
        scene.signals = [signals[slug] for slug in spec["signals"]]
        scenes.append(scene)
    return scenes


def scenario_upsert(module: dict, parent, signals: dict) -> ScenarioPage:
    data = module["scenario"]
    existing = ScenarioPage.objects.child_of(parent).filter(slug=data["slug"]).first()
    page = page_upsert(
        parent,
        ScenarioPage,
        slug=data["slug"],
        title=data["title"],
        introduction=data["introduction"],
        content_warning=data["content_warning"],
        start_scene=data["start"],
        scenes=scenes_build(existing, data["scenes"], signals),
    )
    problems = scenario_problems(ScenarioPage.objects.get(pk=page.pk))
    if problems:
        raise ContentError(module["file"], f"scenario[{data['slug']}]", problems[0].message)
    return page


def block_value(kind: str, value, refs: dict):
    """A lesson block's stored value, with slugs and keys replaced by primary keys."""
    if kind == "signal_cards":
        return {**value, "signals": [refs["signals"][slug].pk for slug in value["signals"]]}
    if kind == "reporting_route":
        region = refs["regions"].get(value["region"])
        return {**value, "region": region.pk if region else None}
    if kind == "image":
        return {**value, "image": refs["images"][value["image"]].pk}
    if kind == "video":
        return {**value, "video": None, "captions": None}
    if kind == "quiz":
        return {
            "quiz": refs["quiz"].pk,
            "heading": value["heading"],
            "must_pass": value["must_pass"],
        }
    if kind == "scenario":
        return {"scenario": refs["scenario"].pk, "requirement": value["requirement"]}
    return value


def module_load(module: dict, index: CourseIndexPage, refs: dict) -> CoursePage:
    """One module: its quiz and scenario first, so its lessons can hold them."""
    refs = {**refs}
    if module["quiz"] is not None:
        refs["quiz"] = quiz_upsert(module["quiz"], refs["signals"])
    if module["scenario"] is not None:
        parent = refs["sector_pages"][module["scenario"]["parent"]]
        refs["scenario"] = scenario_upsert(module, parent, refs["signals"])
    sectors = {sector.slug: sector for sector in Sector.objects.filter(locale=dutch())}
    # Published once its lessons exist: a module with a certificate needs its assessment.
    course = page_upsert(
        index,
        CoursePage,
        slug=module["slug"],
        publish=False,
        title=module["title"],
        introduction=module["introduction"],
        duration_minutes=module["duration_minutes"],
        is_public=module["is_public"],
        certificate_validity_months=module["certificate_validity_months"],
        content_warning=module["content_warning"],
        learning_goals=[("goal", goal) for goal in module["goals"]],
    )
    course.sectors.set([sectors[slug] for slug in module["sectors"]])
    for lesson in module["lessons"]:
        page_upsert(
            course,
            LessonPage,
            slug=lesson["slug"],
            title=lesson["title"],
            introduction=lesson["introduction"],
            duration_minutes=lesson["duration_minutes"],
            is_required=lesson["is_required"],
            content_warning=lesson["content_warning"],
            body=stream(
                lesson["slug"],
                [(kind, block_value(kind, value, refs)) for kind, value in lesson["body"]],
            ),
        )
    # The admin's own rule, on the pages as stored, refuses what the file check let pass.
    problem = assessment_problem(course=course, course_published=True)
    if problem:
        raise ContentError(module["file"], "lessons", problem)
    course.save_revision().publish()
    return course


def modules_load(modules: list[dict], index: CourseIndexPage, refs: dict) -> dict[str, CoursePage]:
    courses = {module["slug"]: module_load(module, index, refs) for module in modules}
    for module in modules:
        if module["quiz"] is not None:
            quiz = Quiz.objects.get(title=module["quiz"]["title"], locale=dutch())
            draws_load(quiz, module["quiz"]["draws"])
    return courses
