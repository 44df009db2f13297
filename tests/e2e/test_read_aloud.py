"""Read aloud: the browser's speech synthesis reads a lesson, a scene and a quiz question in
the language of their text, sentence by sentence, marking the sentence it reads; the control
stays hidden without a fitting voice.

The browser under test has no voices, so each test gives the page a stand-in speech engine
before its scripts run. It records what it was asked to say and plays each sentence at once.
"""

import pytest
from playwright.sync_api import Page, expect

from quizzes.models import Question, Quiz
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    ScenarioPageFactory,
    block,
    scene,
)

SPEECH_STAND_IN = """
(() => {
  const voices = %s;
  window.spoken = [];
  window.highlighted = [];
  class Utterance { constructor(text) { this.text = text; this.lang = ""; } }
  const engine = {
    paused: false,
    getVoices: () => voices,
    addEventListener: () => {},
    speak(utterance) {
      window.spoken.push({ text: utterance.text, lang: utterance.lang,
                           voice: utterance.voice ? utterance.voice.name : null });
      setTimeout(() => {
        utterance.onstart && utterance.onstart();
        const mark = CSS.highlights.get("signaal-reading");
        window.highlighted.push(mark ? [...mark][0].toString() : null);
        if (!window.holdSpeech) { setTimeout(() => utterance.onend && utterance.onend(), 10); }
      }, 10);
    },
    cancel() {}, pause() { this.paused = true; }, resume() { this.paused = false; },
  };
  Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
})();
"""
DUTCH_VOICE = '[{"name": "Stem NL", "lang": "nl-NL", "localService": true}]'
ENGLISH_VOICE = '[{"name": "Voice EN", "lang": "en-GB", "localService": true}]'


@pytest.fixture
def lesson(transactional_db, home_page, live_server) -> str:
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="lezen", is_public=True
    )
    LessonPageFactory(
        parent=course,
        slug="voorlezen",
        title="Wat zie je?",
        body=[
            block(
                "paragraph",
                "<p>Een meisje stapt in. Ze kijkt <strong>steeds</strong> op haar telefoon!</p>",
            ),
            block("paragraph", "<p>Wie bel je dan?</p>"),
        ],
    )
    return f"{live_server.url}/modules/lezen/voorlezen/"


@pytest.fixture
def scenario(transactional_db, home_page, live_server) -> str:
    ScenarioPageFactory(
        parent=home_page,
        slug="bij-de-poort",
        spec={
            "start": scene(
                "Bij de poort",
                text="<p>Een man wacht bij de auto. Hij roept haar!</p>",
                choices=[("Ik vraag wat er is.", "end"), ("Ik loop door.", "end")],
            ),
            "end": scene("Einde", outcome="good"),
        },
    )
    return f"{live_server.url}/bij-de-poort/"


@pytest.fixture
def quiz(transactional_db, live_server) -> str:
    first = QuestionFactory(
        text="Wat doe je als eerste?",
        options=[("Ik bel Veilig Thuis.", True), ("Ik wacht af.", False)],
    )
    second = QuestionFactory(
        kind=Question.Kind.SINGLE,
        text="En daarna?",
        options=[("Ik schrijf het op.", True), ("Niets.", False)],
    )
    chosen = QuizFactory(
        title="Oefentoets",
        is_public=True,
        feedback_mode=Quiz.FeedbackMode.AT_END,
        questions=[first, second],
    )
    return f"{live_server.url}/quiz/{chosen.pk}/"


def read_and_wait(page: Page, control, play_name: str, count: int) -> list[str]:
    """Press play and return what was spoken, once `count` sentences were read."""
    page.evaluate("window.spoken = []; window.highlighted = []")
    control.get_by_role("button", name=play_name).click()
    page.wait_for_function(
        f"() => window.spoken.length === {count} && window.highlighted.length === {count}"
    )
    spoken = page.evaluate("window.spoken")
    # Each sentence is marked while it is read.
    assert page.evaluate("window.highlighted") == [item["text"] for item in spoken]
    return spoken


def open_with_voices(page: Page, url: str, voices: str) -> None:
    page.add_init_script(SPEECH_STAND_IN % voices)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(url)


def test_the_lesson_is_read_in_its_language_sentence_by_sentence(page: Page, lesson):
    open_with_voices(page, lesson, DUTCH_VOICE)
    control = page.get_by_role("group", name="Voorlezen")
    expect(control).to_be_visible()
    assert control.get_attribute("data-read-aloud-lang") == "nl"

    control.get_by_role("button", name="Voorlezen").click()

    page.wait_for_function("() => window.spoken.length === 4 && window.highlighted.length === 4")
    sentences = [
        "Wat zie je?",
        "Een meisje stapt in.",
        "Ze kijkt steeds op haar telefoon!",
        "Wie bel je dan?",
    ]
    spoken = page.evaluate("window.spoken")
    assert [item["text"] for item in spoken] == sentences
    assert {(item["lang"], item["voice"]) for item in spoken} == {("nl", "Stem NL")}
    # Each sentence is marked while it is read, across the bold word in the second one.
    assert page.evaluate("window.highlighted") == sentences
    expect(control.get_by_role("button", name="Voorlezen")).to_be_enabled()
    expect(control.get_by_role("button", name="Stop")).to_be_disabled()


def test_pause_and_stop_can_be_reached_with_the_keyboard(page: Page, lesson):
    open_with_voices(page, lesson, DUTCH_VOICE)
    page.evaluate("window.holdSpeech = true")
    play = page.get_by_role("button", name="Voorlezen")
    play.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.spoken.length === 1")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Pauze")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("window.speechSynthesis.paused") is True
    expect(page.get_by_role("button", name="Verder lezen")).to_be_enabled()
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Voorlezen")).to_be_focused()
    assert page.evaluate("CSS.highlights.has('signaal-reading')") is False


def test_without_a_voice_for_the_language_there_is_no_control(page: Page, lesson):
    open_with_voices(page, lesson, ENGLISH_VOICE)
    expect(page.locator("[data-read-aloud]")).to_be_hidden()


def test_a_scene_is_read_in_its_language_with_its_choices(page: Page, scenario):
    open_with_voices(page, scenario, DUTCH_VOICE)
    page.locator("form:has(input[name=action][value=start]) button").click()
    control = page.get_by_role("group", name="Voorlezen")
    expect(control).to_be_visible()
    assert control.get_attribute("data-read-aloud-lang") == "nl"

    spoken = read_and_wait(page, control, "Voorlezen", 5)

    assert [item["text"] for item in spoken] == [
        "Bij de poort",
        "Een man wacht bij de auto.",
        "Hij roept haar!",
        "Ik vraag wat er is.",
        "Ik loop door.",
    ]
    assert {(item["lang"], item["voice"]) for item in spoken} == {("nl", "Stem NL")}


def test_each_quiz_question_is_read_with_its_options(page: Page, quiz):
    open_with_voices(page, quiz, DUTCH_VOICE)
    page.locator("form[action$='/start/'] button").click()
    control = page.get_by_role("group", name="Voorlezen")
    assert control.get_attribute("data-read-aloud-lang") == "nl"

    spoken = read_and_wait(page, control, "Voorlezen", 3)
    assert [item["text"] for item in spoken] == [
        "Wat doe je als eerste?",
        "Ik bel Veilig Thuis.",
        "Ik wacht af.",
    ]
    assert {item["lang"] for item in spoken} == {"nl"}

    # The next question comes in through htmx, with a control of its own that works.
    page.get_by_label("Ik bel Veilig Thuis.").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator(".quizzes-question__text")).to_have_text("En daarna?")
    control = page.get_by_role("group", name="Voorlezen")
    spoken = read_and_wait(page, control, "Voorlezen", 3)
    assert [item["text"] for item in spoken] == ["En daarna?", "Ik schrijf het op.", "Niets."]


def test_in_the_arabic_interface_dutch_content_is_read_by_a_dutch_voice(page: Page, lesson):
    voices = '[{"name": "Stem NL", "lang": "nl-NL", "localService": true},' + (
        ' {"name": "صوت", "lang": "ar-SA", "localService": true}]'
    )
    open_with_voices(page, lesson.replace("/modules/", "/ar/modules/"), voices)
    control = page.get_by_role("group", name="اقرأ بصوت عالٍ")
    expect(control).to_be_visible()
    # The lesson is not translated: the control reads it in the language it is written in.
    assert control.get_attribute("data-read-aloud-lang") == "nl"

    spoken = read_and_wait(page, control, "اقرأ بصوت عالٍ", 4)

    assert spoken[0]["text"] == "Wat zie je?"
    assert {(item["lang"], item["voice"]) for item in spoken} == {("nl", "Stem NL")}
