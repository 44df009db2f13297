"""The rules for a module file: the module, its lessons and their blocks, its quiz and its case."""

import re

from library.models import Signal

from .checks import Checker, item_key, join
from .files import ContentFile
from .quiz_schema import quiz_check, scenario_check

ALL_SECTORS = "all"
TONES = ["info", "help", "warning"]
REQUIREMENTS = ["finished", "good", "none"]
ASSESSED_REQUIREMENTS = {"finished", "good"}


def signal_check(check: Checker, item, where: str, known) -> dict:
    check.mapping(
        item,
        where,
        required=["slug", "title", "kind", "category", "summary"],
        optional=["phase", "sectors", "explanation"],
    )
    sectors = check.listing(item.get("sectors"), join(where, "sectors"))
    if sectors != [ALL_SECTORS]:
        for number, sector in enumerate(sectors):
            check.known(sector, f"{where}.sectors[{number}]", known.sectors, "sector")
    return {
        "slug": check.slug(item["slug"], join(where, "slug")),
        "title": check.text(item["title"], join(where, "title"), blank=False, max_length=160),
        "kind": check.choice(item["kind"], join(where, "kind"), Signal.Kind),
        "category": check.choice(item["category"], join(where, "category"), Signal.Category),
        "phase": check.choice(item.get("phase") or "", join(where, "phase"), ["", *Signal.Phase]),
        "sectors": None if sectors == [ALL_SECTORS] else list(sectors),
        "summary": check.text(item["summary"], join(where, "summary"), blank=False),
        "explanation": check.text(item.get("explanation"), join(where, "explanation")),
    }


def block_check(check: Checker, item, where: str, known, module: dict) -> tuple[str, dict | str]:
    """One lesson block, as (type, value) with references still as slugs and keys."""
    if not isinstance(item, dict) or len(item) != 1:
        check.fail(where, "each block is a mapping with one key, its type")
    ((kind, value),) = item.items()
    at = join(where, kind)
    text = check.text
    if kind == "paragraph":
        return kind, text(value, at, blank=False)
    if kind == "callout":
        check.mapping(value, at, required=["heading", "text"], optional=["tone"])
        return kind, {
            "tone": check.choice(value.get("tone", "info"), join(at, "tone"), TONES),
            "heading": text(value["heading"], join(at, "heading"), blank=False, max_length=120),
            "text": text(value["text"], join(at, "text"), blank=False),
        }
    if kind == "statement":
        check.mapping(value, at, required=["statement", "expert_view"])
        return kind, {
            "statement": text(
                value["statement"], join(at, "statement"), blank=False, max_length=300
            ),
            "expert_view": text(value["expert_view"], join(at, "expert_view"), blank=False),
        }
    if kind == "case":
        check.mapping(value, at, required=["title", "text"], optional=["question"])
        return kind, {
            "title": text(value["title"], join(at, "title"), blank=False, max_length=160),
            "text": text(value["text"], join(at, "text"), blank=False),
            "question": text(value.get("question"), join(at, "question")),
        }
    if kind == "reflection":
        check.mapping(value, at, required=["question"], optional=["hint"])
        return kind, {
            "question": text(value["question"], join(at, "question"), blank=False, max_length=400),
            "hint": text(value.get("hint"), join(at, "hint"), max_length=250),
        }
    if kind == "signal_cards":
        check.mapping(value, at, required=["signals"], optional=["heading"])
        signals = check.listing(value["signals"], join(at, "signals"), empty=False)
        for number, slug in enumerate(signals):
            check.known(slug, f"{at}.signals[{number}]", known.signals, "signal")
        return kind, {
            "heading": text(value.get("heading"), join(at, "heading")),
            "signals": signals,
        }
    if kind == "reporting_route":
        check.mapping(value, at, optional=["heading", "introduction", "region"])
        region = value.get("region")
        if region is not None:
            check.known(region, join(at, "region"), known.regions, "region")
        return kind, {
            "heading": text(value.get("heading"), join(at, "heading")),
            "introduction": text(
                value.get("introduction"), join(at, "introduction"), max_length=400
            ),
            "region": region,
        }
    if kind == "image":
        check.mapping(value, at, required=["image", "alt_text"], optional=["caption"])
        return kind, {
            "image": check.known(value["image"], join(at, "image"), known.images, "image"),
            "alt_text": text(value["alt_text"], join(at, "alt_text"), blank=False, max_length=250),
            "caption": text(value.get("caption"), join(at, "caption"), max_length=250),
        }
    if kind == "video":
        check.mapping(value, at, required=["title", "external_url", "transcript"])
        url = text(value["external_url"], join(at, "external_url"), blank=False)
        if not re.match(r"^https?://", url):
            check.fail(join(at, "external_url"), "must start with https:// or http://")
        return kind, {
            "title": text(value["title"], join(at, "title"), blank=False, max_length=160),
            "external_url": url,
            "transcript": text(value["transcript"], join(at, "transcript"), blank=False),
        }
    if kind == "scenario":
        check.mapping(value, at, optional=["requirement"])
        if module.get("scenario") is None:
            check.fail(at, "the module has no scenario")
        requirement = value.get("requirement", "finished") if value else "finished"
        return kind, {
            "requirement": check.choice(requirement, join(at, "requirement"), REQUIREMENTS)
        }
    if kind == "quiz":
        check.mapping(value, at, optional=["must_pass", "heading"])
        if module.get("quiz") is None:
            check.fail(at, "the module has no quiz")
        value = value or {}
        return kind, {
            "must_pass": check.boolean(value.get("must_pass"), join(at, "must_pass")),
            "heading": text(value.get("heading"), join(at, "heading")),
        }
    check.fail(where, f"unknown block type '{kind}'")


def lesson_check(check: Checker, item, where: str, known, module: dict) -> dict:
    check.mapping(
        item,
        where,
        required=["slug", "title", "body"],
        optional=["introduction", "duration_minutes", "is_required", "content_warning"],
    )
    body = []
    for index, block in enumerate(check.listing(item["body"], join(where, "body"), empty=False)):
        body.append(block_check(check, block, f"{where}.body[{index}]", known, module))
    for kind in ("quiz", "scenario"):
        if [block_kind for block_kind, _value in body].count(kind) > 1:
            check.fail(join(where, "body"), f"a lesson holds the module's {kind} once")
    return {
        "slug": check.slug(item["slug"], join(where, "slug")),
        "title": check.text(item["title"], join(where, "title"), blank=False),
        "introduction": check.text(item.get("introduction"), join(where, "introduction")),
        "duration_minutes": check.integer(
            item.get("duration_minutes"), join(where, "duration_minutes"), default=5, minimum=1
        ),
        "is_required": check.boolean(item.get("is_required"), join(where, "is_required"), True),
        "content_warning": check.text(item.get("content_warning"), join(where, "content_warning")),
        "body": body,
    }


def assessed(lesson: dict) -> bool:
    """A required lesson that holds a must-pass quiz or a scenario that must be played."""
    return lesson["is_required"] and any(
        (kind == "quiz" and value["must_pass"])
        or (kind == "scenario" and value["requirement"] in ASSESSED_REQUIREMENTS)
        for kind, value in lesson["body"]
    )


def module_check(file: ContentFile, known) -> dict:
    check = Checker(file)
    data = check.mapping(
        file.data,
        "",
        required=["slug", "title", "lessons"],
        optional=[
            "order",
            "introduction",
            "sectors",
            "duration_minutes",
            "is_public",
            "certificate_validity_months",
            "content_warning",
            "goals",
            "signals",
            "images",
            "quiz",
            "scenario",
        ],
    )
    slug = check.slug(data["slug"], "slug")
    if file.path.stem != slug:
        check.fail("slug", f"'{slug}' differs from the file name; name the file {slug}.yaml")
    check.integer(data.get("order"), "order")
    sectors = check.listing(data.get("sectors"), "sectors")
    for index, sector in enumerate(sectors):
        check.known(sector, f"sectors[{index}]", known.sectors, "sector")
    goals = [
        check.text(goal, f"goals[{index}]", blank=False, max_length=200)
        for index, goal in enumerate(check.listing(data.get("goals"), "goals"))
    ]
    module = {
        "file": file,
        "slug": slug,
        "title": check.text(data["title"], "title", blank=False),
        "introduction": check.text(data.get("introduction"), "introduction"),
        "sectors": sectors,
        "duration_minutes": check.integer(
            data.get("duration_minutes"), "duration_minutes", default=30, minimum=1
        ),
        "is_public": check.boolean(data.get("is_public"), "is_public"),
        "certificate_validity_months": check.integer(
            data.get("certificate_validity_months"), "certificate_validity_months", minimum=0
        ),
        "content_warning": check.text(data.get("content_warning"), "content_warning"),
        "goals": goals,
        "quiz": quiz_check(check, data.get("quiz"), known),
        "scenario": scenario_check(check, data.get("scenario"), known),
    }
    lessons = check.listing(data["lessons"], "lessons", empty=False)
    check.unique(lessons, "lessons")
    module["lessons"] = [
        lesson_check(check, item, item_key("lessons", index, item), known, module)
        for index, item in enumerate(lessons)
    ]
    if module["certificate_validity_months"] > 0 and not any(map(assessed, module["lessons"])):
        check.fail(
            "certificate_validity_months",
            "a module with a certificate needs an assessed activity: a quiz with must_pass: "
            "true, or a scenario, in a required lesson",
        )
    known.modules.add(slug)
    return module
