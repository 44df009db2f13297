"""A trainer in the page editor: opening and saving a 200-scene scenario.

The scenario is built once in the benchmark database (slug `bench-editor-200`, under the
home page, published). Each measure is one request at a time, as one trainer works: the
edit view (GET), then saving a draft with the form exactly as the edit view rendered it
(POST, as a browser sends it without JavaScript). Saving adds a revision each time.
"""

import statistics
import time
from dataclasses import dataclass
from html.parser import HTMLParser

from bench.server import fetch, post

SCENES = 200
SLUG = "bench-editor-200"
REPEATS = 10
TARGET_P50_MS = 1000
FORM_ID = "page-edit-form"


class _FormFields(HTMLParser):
    """The fields a browser submits from one form: inputs, textareas and selects, leaving
    out unchecked boxes, buttons and the `<template>` rows an inline panel adds from."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.template_depth = 0
        self.fields: list[tuple[str, str]] = []
        self.textarea: list | None = None
        self.select: str | None = None
        self.chosen: list[str] = []
        self.first_option: str | None = None
        self.multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if tag == "template":
            self.template_depth += 1
        if not self.inside or self.template_depth or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name]
        elif tag == "select" and name:
            self.select, self.chosen, self.first_option = name, [], None
            self.multiple = "multiple" in attrs
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in attrs:
                self.chosen.append(value)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "template":
            self.template_depth = max(self.template_depth - 1, 0)
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea[0], "".join(self.textarea[1:])))
            self.textarea = None
        elif tag == "select" and self.select:
            if not self.chosen and not self.multiple and self.first_option is not None:
                self.chosen = [self.first_option]
            self.fields += [(self.select, value) for value in self.chosen]
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.append(data.removeprefix("\n") if len(self.textarea) == 1 else data)


def form_fields(html: str, form_id: str = FORM_ID) -> list[tuple[str, str]]:
    """What a browser would submit from the form `form_id` of a page, as (name, value)."""
    parser = _FormFields(form_id)
    parser.feed(html)
    parser.close()
    return parser.fields


def editor_prepare() -> dict:
    """The 200-scene scenario and a logged-in trainer; Django is set up by the caller."""
    from django.db import connection

    from accounts.models import User
    from bench.fixtures import session_cookie
    from demo.accounts import TRAINER
    from scenarios.models import ScenarioPage
    from website.models import HomePage

    page = ScenarioPage.objects.filter(slug=SLUG).first()
    if page is None:
        page = ScenarioPage(
            title="Benchmark: een casus van 200 scènes",
            slug=SLUG,
            start_scene="s0",
            scenes=large_scenes(SCENES),
        )
        HomePage.objects.first().add_child(instance=page)
        page.save_revision().publish()
    cookie, _token = session_cookie(User.objects.get(email=TRAINER.email))
    connection.close()
    return {"editor_path": f"/admin/pages/{page.pk}/edit/", "trainer_cookie": cookie}


def large_scenes(size: int) -> list:
    """A chain of scenes with three choices each (on, a shortcut and a loop back), flags
    and a score condition, and an ending every tenth scene: the shape of a large case."""
    from scenarios.models import Choice, Scene

    scenes = []
    for number in range(size):
        key, text = f"s{number}", f"<p>Wat de leerling in scène {number} ziet en hoort.</p>"
        if number % 10 == 9 or number == size - 1:
            outcome = ["good", "partial", "harmful"][number % 3]
            scenes.append(
                Scene(
                    key=key,
                    title=f"Einde {number}",
                    text=text,
                    outcome=outcome,
                    debrief="<p>Zo kijkt een expert ernaar.</p>",
                    sort_order=number,
                )
            )
            continue
        on, shortcut, back = number + 1, min(number + 2, size - 1), max(number - 5, 0)
        choices = [
            Choice(label="Doorvragen", target=f"s{on}", score=2, sets_flags="gevraagd"),
            Choice(label="Overslaan", target=f"s{shortcut}", score=-1, feedback="Te snel."),
            Choice(label="Terug", target=f"s{back}", requires_flags="gevraagd"),
        ]
        for order, choice in enumerate(choices):
            choice.sort_order = order
        scenes.append(
            Scene(key=key, title=f"Scène {number}", text=text, sort_order=number, choices=choices)
        )
    return scenes


@dataclass
class EditorResult:
    name: str
    repeats: int
    p50_ms: float
    p95_ms: float
    errors: int


def _timed(request_once) -> tuple[list[float], int]:
    times, errors = [], 0
    request_once()  # a warm-up: the worker's caches and connection
    for _repeat in range(REPEATS):
        started = time.monotonic()
        ok = request_once()
        times.append((time.monotonic() - started) * 1000)
        errors += 0 if ok else 1
    return times, errors


def _result(name: str, times: list[float], errors: int) -> EditorResult:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return EditorResult(name, len(times), statistics.median(times), p95, errors)


def editor_measure(fixtures: dict) -> list[EditorResult]:
    """Open and save the scenario, one request at a time, REPEATS times each."""
    path, cookie = fixtures["editor_path"], fixtures["trainer_cookie"]
    status, body = fetch(path, cookie)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200: the set-up is wrong")
    fields = form_fields(body.decode())

    def open_once() -> bool:
        return fetch(path, cookie)[0] == 200

    def save_once() -> bool:
        # The edit view answers a saved draft with a redirect back to itself.
        return post(path, cookie, fields) == 302

    opened = _timed(open_once)
    saved = _timed(save_once)
    return [
        _result(f"Editor: open a {SCENES}-scene scenario", *opened),
        _result(f"Editor: save a {SCENES}-scene scenario as a draft", *saved),
    ]
