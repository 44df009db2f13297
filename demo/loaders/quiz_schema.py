"""The rules for a module's quiz and its branching case."""

import re

from library.models import Signal
from quizzes.models import Question, Quiz
from scenarios.models import FLAG_LIST_PATTERN, SCENE_KEY_MAX_LENGTH, SCORE_LIMIT, Outcome

from .checks import Checker, item_key, join

OPTION_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.SPOTTING}
# The Quiz fields a module file may set, with what each takes.
QUIZ_SETTINGS = {
    "is_public": bool,
    "random_order": bool,
    "feedback_mode": Quiz.FeedbackMode,
    "show_correct_answers": bool,
    "pass_mark": int,
    "max_attempts": int,
    "counting_attempt": Quiz.CountingAttempt,
    "time_limit_minutes": int,
    "pass_text": str,
    "fail_text": str,
}
FLAGS = re.compile(FLAG_LIST_PATTERN)


def options_check(check: Checker, item: dict, where: str, kind: str) -> list[dict]:
    if kind == Question.Kind.TRUE_FALSE:
        if not isinstance(item.get("answer"), bool):
            check.fail(join(where, "answer"), "a true/false question needs answer: true or false")
        # The two options every true/false question has, in this order.
        return [
            {"text": "Waar", "correct": item["answer"], "feedback": ""},
            {"text": "Niet waar", "correct": not item["answer"], "feedback": ""},
        ]
    if kind not in OPTION_KINDS:
        return []
    options = []
    for index, option in enumerate(check.listing(item["options"], join(where, "options"))):
        at = f"{where}.options[{index}]"
        check.mapping(option, at, required=["text", "correct"], optional=["feedback"])
        options.append(
            {
                "text": check.text(option["text"], join(at, "text"), blank=False),
                "correct": check.boolean(option["correct"], join(at, "correct")),
                "feedback": check.text(
                    option.get("feedback"), join(at, "feedback"), max_length=300
                ),
            }
        )
    right = sum(option["correct"] for option in options)
    if len(options) < 2:
        check.fail(join(where, "options"), "give at least two options")
    if kind == Question.Kind.SINGLE and right != 1:
        check.fail(
            join(where, "options"), f"a single-choice question has one correct option, not {right}"
        )
    if right == 0:
        check.fail(join(where, "options"), "no option is correct")
    return options


def question_check(check: Checker, item, where: str, known) -> dict:
    if not isinstance(item, dict):
        check.fail(where, "expected a mapping of keys and values")
    kind = check.choice(item.get("kind"), join(where, "kind"), Question.Kind)
    extra = {Question.Kind.TRUE_FALSE: ["answer"], Question.Kind.ESSAY: []}.get(kind, ["options"])
    check.mapping(
        item, where, required=["kind", "text", *extra], optional=["explanation", "signals"]
    )
    signals = check.listing(item.get("signals"), join(where, "signals"))
    for number, slug in enumerate(signals):
        check.known(slug, f"{where}.signals[{number}]", known.signals, "signal")
    return {
        "kind": kind,
        "text": check.text(item["text"], join(where, "text"), blank=False),
        "explanation": check.text(item.get("explanation"), join(where, "explanation")),
        "options": options_check(check, item, where, kind),
        "answer": item["answer"] if kind == Question.Kind.TRUE_FALSE else None,
        "signals": signals,
    }


def settings_check(check: Checker, value, where: str) -> dict:
    """Every setting of the quiz: those the file gives, the model's defaults for the rest."""
    given = check.mapping(value or {}, where, optional=list(QUIZ_SETTINGS))
    settings = {}
    for name, kind in QUIZ_SETTINGS.items():
        at = join(where, name)
        field = Quiz._meta.get_field(name)
        default = None if field.null else field.get_default()
        raw = given.get(name, default)
        if kind is bool:
            settings[name] = check.boolean(raw, at, default)
        elif kind is int:
            settings[name] = None if raw is None else check.integer(raw, at, minimum=0)
        elif kind is str:
            settings[name] = check.text(raw, at)
        else:
            settings[name] = check.choice(raw, at, kind)
    if not 0 <= settings["pass_mark"] <= 100:
        check.fail(join(where, "pass_mark"), "a pass mark is a percentage, 0 to 100")
    return settings


def quiz_check(check: Checker, value, known) -> dict | None:
    if value is None:
        return None
    check.mapping(
        value,
        "quiz",
        required=["title", "bank", "questions"],
        optional=["bank_description", "introduction", "settings", "draws"],
    )
    title = check.text(value["title"], "quiz.title", blank=False, max_length=160)
    bank = check.text(value["bank"], "quiz.bank", blank=False, max_length=160)
    if title in known.quizzes:
        check.fail("quiz.title", f"another module has a quiz called '{title}'")
    if bank in known.banks:
        check.fail("quiz.bank", f"another module's quiz uses the question bank '{bank}'")
    known.quizzes.add(title)
    known.banks.add(bank)
    draws = []
    for index, draw in enumerate(check.listing(value.get("draws"), "quiz.draws")):
        at = f"quiz.draws[{index}]"
        check.mapping(draw, at, required=["bank", "count"], optional=["signal_category"])
        draws.append(
            {
                "bank": check.text(draw["bank"], join(at, "bank"), blank=False),
                "count": check.integer(draw["count"], join(at, "count"), minimum=1),
                "signal_category": check.choice(
                    draw.get("signal_category") or "",
                    join(at, "signal_category"),
                    ["", *Signal.Category],
                ),
            }
        )
    questions = check.listing(value["questions"], "quiz.questions", empty=False)
    return {
        "title": title,
        "bank": bank,
        "bank_description": check.text(value.get("bank_description"), "quiz.bank_description"),
        "introduction": check.text(value.get("introduction"), "quiz.introduction"),
        "settings": settings_check(check, value.get("settings"), "quiz.settings"),
        "draws": draws,
        "questions": [
            question_check(check, item, f"quiz.questions[{index}]", known)
            for index, item in enumerate(questions)
        ],
    }


def choice_check(check: Checker, item, where: str, scene_keys: set) -> dict:
    check.mapping(
        item,
        where,
        required=["label", "target"],
        optional=["feedback", "score", "sets", "requires", "acts"],
    )
    flags = {}
    for name in ("sets", "requires"):
        raw = check.text(item.get(name), join(where, name), max_length=200)
        if raw and not FLAGS.match(raw):
            check.fail(join(where, name), "write flags as lower-case-words, separated by commas")
        flags[name] = raw
    score = check.integer(item.get("score"), join(where, "score"), minimum=-SCORE_LIMIT)
    if score > SCORE_LIMIT:
        check.fail(join(where, "score"), f"must be at most {SCORE_LIMIT}")
    return {
        "label": check.text(item["label"], join(where, "label"), blank=False, max_length=200),
        "target": check.known(item["target"], join(where, "target"), scene_keys, "scene"),
        "feedback": check.text(item.get("feedback"), join(where, "feedback")),
        "score": score,
        "sets": flags["sets"],
        "requires": flags["requires"],
        "acts": check.boolean(item.get("acts"), join(where, "acts")),
    }


def scenario_check(check: Checker, value, known) -> dict | None:
    if value is None:
        return None
    check.mapping(
        value,
        "scenario",
        required=["slug", "parent", "title", "start", "scenes"],
        optional=["introduction", "content_warning"],
    )
    scenes = check.listing(value["scenes"], "scenario.scenes", empty=False)
    keys = set()
    for index, scene in enumerate(scenes):
        at = item_key("scenario.scenes", index, scene, "key")
        if not isinstance(scene, dict) or "key" not in scene:
            check.fail(at, "every scene needs a key")
        key = check.slug(scene["key"], join(at, "key"))
        if len(key) > SCENE_KEY_MAX_LENGTH:
            check.fail(
                join(at, "key"), f"a scene key has at most {SCENE_KEY_MAX_LENGTH} characters"
            )
        if key in keys:
            check.fail(join(at, "key"), f"the scene '{key}' is defined twice")
        keys.add(key)
    result = {
        "slug": check.slug(value["slug"], "scenario.slug"),
        "parent": check.known(
            value["parent"], "scenario.parent", known.sector_pages, "sector page"
        ),
        "title": check.text(value["title"], "scenario.title", blank=False),
        "introduction": check.text(value.get("introduction"), "scenario.introduction"),
        "content_warning": check.text(
            value.get("content_warning"), "scenario.content_warning", max_length=240
        ),
        "start": check.known(value["start"], "scenario.start", keys, "scene"),
        "scenes": [],
    }
    for index, scene in enumerate(scenes):
        at = item_key("scenario.scenes", index, scene, "key")
        check.mapping(
            scene,
            at,
            required=["key", "title"],
            optional=["text", "signals", "choices", "outcome", "debrief"],
        )
        signals = check.listing(scene.get("signals"), join(at, "signals"))
        for number, slug in enumerate(signals):
            check.known(slug, f"{at}.signals[{number}]", known.signals, "signal")
        outcome = scene.get("outcome") or ""
        if outcome:
            check.choice(outcome, join(at, "outcome"), Outcome)
        choices = check.listing(scene.get("choices"), join(at, "choices"))
        if outcome and choices:
            check.fail(join(at, "choices"), "an ending (a scene with an outcome) has no choices")
        result["scenes"].append(
            {
                "key": scene["key"],
                "title": check.text(scene["title"], join(at, "title"), blank=False, max_length=160),
                "text": check.text(scene.get("text"), join(at, "text")),
                "signals": signals,
                "outcome": outcome,
                "debrief": check.text(scene.get("debrief"), join(at, "debrief")),
                "choices": [
                    choice_check(check, choice, f"{at}.choices[{number}]", keys)
                    for number, choice in enumerate(choices)
                ],
            }
        )
    return result
