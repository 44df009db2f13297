"""Twine stories in and out: the Twee 3 and Twine 2 HTML readers, the import as a draft
scenario, the Twee export and the round trip between them."""

import json
import re
import uuid

import pytest
from django.utils import translation
from wagtail.models import Page, Revision

from scenarios import twee
from scenarios.graph import ProblemKind
from scenarios.models import SCENE_KEY_MAX_LENGTH, ScenarioPage, Scene
from scenarios.selectors import scenario_problems
from scenarios.twee import StoryError, parse_links, prose, read_story, split_link
from scenarios.twine import scenario_import, scenario_twee, story_ifid
from tests.factories import ScenarioPageFactory, branching_spec

STORY = """\
:: StoryTitle
De nieuwe leerling

:: StoryData
{
  "ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC",
  "format": "Harlowe",
  "start": "Eerste les"
}

:: Eerste les [klas] {"position":"100,100","size":"100,100"}
Lisa komt te laat.
Ze heeft een nieuwe telefoon.

Wat doe je?
[[Vraag hoe het gaat->Gesprek]]
[[Later<-Niets doen]]

:: Gesprek
Ze ontwijkt je blik. Je kunt [[overleggen|Overleg]] of het laten.
[[Overleg]]

:: Overleg [ending-good]
Je belt de aandachtsfunctionaris.

:: Later
Weken later is ze weg.

"""


def passages_and_links(text: str) -> list[tuple[str, list[tuple[str, str]], list[str]]]:
    story = read_story(text.encode())
    return [
        (passage.name, [(link.label, link.target) for link in passage.links], passage.tags)
        for passage in story.passages
    ]


def refusal(text: str | bytes) -> list[str]:
    with translation.override("nl"), pytest.raises(StoryError) as refused:
        read_story(text if isinstance(text, bytes) else text.encode())
    return refused.value.messages


# Links and text --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "label", "target"),
    [
        ("Vraag door->Gesprek", "Vraag door", "Gesprek"),
        ("Gesprek<-Vraag door", "Vraag door", "Gesprek"),
        ("Vraag door|Gesprek", "Vraag door", "Gesprek"),
        ("Gesprek", "Gesprek", "Gesprek"),
        ("Ga -> terug->Gesprek", "Ga -> terug", "Gesprek"),  # the rightmost arrow divides
        ("Gesprek<-Ga <- terug", "Ga <- terug", "Gesprek"),  # the leftmost arrow divides
        ("Vraag door|Gesprek][$gevraagd to true", "Vraag door", "Gesprek"),  # a setter
        ("  Vraag door  ->  Gesprek ", "Vraag door", "Gesprek"),
        ("->Gesprek", "Gesprek", "Gesprek"),
    ],
)
def test_every_link_form_gives_label_and_target(content, label, target):
    assert split_link(content) == (label, target)
    [link] = parse_links(f"Tekst [[{content}]] meer")
    assert (link.label, link.target, link.markup) == (label, target, f"[[{content}]]")


def test_prose_drops_lines_of_links_keeps_paragraphs_and_inline_labels():
    text = "Eerste regel\ntweede regel\n\n\nJe kunt [[bellen->Bel]] of wachten.\n[[A]] [[B->C]]"
    assert prose(text) == ["Eerste regel\ntweede regel", "Je kunt bellen of wachten."]


# Twee ------------------------------------------------------------------------------------
def test_twee_story_reads_title_start_tags_metadata_and_links():
    story = read_story(STORY.encode())
    assert story.title == "De nieuwe leerling"
    assert story.ifid == "D674C58C-DEFA-4F70-B7A2-27742230C0FC"
    assert story.start_passage.name == "Eerste les"
    assert story.skipped == ["StoryTitle", "StoryData"]
    first = story.passages[0]
    assert first.tags == ["klas"]
    assert first.metadata == {"position": "100,100", "size": "100,100"}
    assert first.line == 11
    assert passages_and_links(STORY) == [
        ("Eerste les", [("Vraag hoe het gaat", "Gesprek"), ("Niets doen", "Later")], ["klas"]),
        ("Gesprek", [("overleggen", "Overleg"), ("Overleg", "Overleg")], []),
        ("Overleg", [], ["ending-good"]),
        ("Later", [], []),
    ]
    assert story.passages[-1].text == "Weken later is ze weg."  # trailing blank lines go


def test_twee_unescapes_names_and_tags_and_ignores_bad_metadata():
    text = (
        ":: Kop \\[1\\] \\{x\\} a\\\\b [tag\\]1 twee] {niet: json}\n[[Verder->Einde]]\n"
        ":: Einde\n\\:: geen kop\n"
    )
    story = read_story(text.encode())
    assert story.passages[0].name == "Kop [1] {x} a\\b"
    assert story.passages[0].tags == ["tag]1", "twee"]
    assert story.passages[0].metadata == {}
    assert story.passages[1].text == ":: geen kop"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (":: Een\n[[Start]]\n:: Start\nx\n", "Start"),  # a passage named Start
        (":: Een\n[[Twee]]\n:: Twee\nx\n", "Een"),  # else the first
        (':: StoryData\n{"start": "Twee"}\n:: Een\n[[Twee]]\n:: Twee\n', "Twee"),
        (":: StoryData\n{kapot\n:: Een\n[[Twee]]\n:: Twee\n", "Een"),  # unreadable: ignored
    ],
)
def test_start_passage(text, start):
    assert read_story(text.encode()).start_passage.name == start


def test_special_passages_are_left_out():
    text = ":: StoryInit\n(set: $x to 1)\n:: Stijl [stylesheet]\nbody {}\n:: Start\nHallo\n"
    story = read_story(text.encode())
    assert [passage.name for passage in story.passages] == ["Start"]
    assert story.skipped == ["StoryInit", "Stijl"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (":: Start\n[[Verder]]\n\n::   \n", "Regel 4: de kop van een passage mist een naam."),
        (
            ":: Start [een twee\n",
            "Regel 1: de tags van passage 'Start' missen een afsluitende ']'.",
        ),
        (
            ":: Start [een] rommel\n",
            "Regel 1: onverwachte tekst na de naam van passage 'Start': rommel",
        ),
        (
            ":: Start\n[[Verder]]\n:: Verder\nx\n:: Verder\ny\n",
            "Regel 5: er is al een passage met de naam 'Verder' (regel 3).",
        ),
        (
            ":: Start\n[[Bel de politie->Politie]]\n",
            "Passage 'Start': de link [[Bel de politie->Politie]] wijst naar 'Politie', "
            "een passage die niet bestaat.",
        ),
        (":: Start\n[[Bellen->]]\n", "Passage 'Start': de link [[Bellen->]] zegt niet waarheen."),
        (
            ':: StoryData\n{"start": "Begin"}\n:: Start\nx\n',
            "Het verhaal begint bij 'Begin', maar er is geen passage met die naam.",
        ),
        (":: StoryTitle\nLeeg\n", "Het verhaal heeft geen passages."),
        (
            "Gewoon een brief.\nMet twee regels.\n",
            "Dit bestand is geen Twee-tekst en geen verhaal dat Twine 2 heeft gepubliceerd. "
            "Kies in Twine 'Publish to File' of 'Export as Twee'.",
        ),
    ],
)
def test_malformed_twee_is_refused_naming_line_or_passage(text, message):
    assert message in refusal(text)


def test_every_error_is_reported_not_just_the_first():
    messages = refusal(":: \n:: Start\n[[Nergens]]\n:: Start\n")
    assert len(messages) == 3
    assert messages[0].startswith("Regel 1:")


def test_errors_beyond_the_first_ten_are_counted():
    text = ":: Start\n" + "".join(f"[[Gat {number}]]\n" for number in range(14))
    with translation.override("nl"), pytest.raises(StoryError) as refused:
        read_story(text.encode())
    assert len(refused.value.shown) == 11
    assert refused.value.shown[-1] == "… en nog 4."


def test_too_large_too_many_passages_and_not_utf8_are_refused():
    assert refusal(b":: Start\n" + b"x" * twee.MAX_FILE_BYTES) == [
        "Het bestand is groter dan 5 MB, het meeste dat een verhaal mag zijn."
    ]
    many = "".join(f":: P{number}\nx\n" for number in range(twee.MAX_PASSAGES + 1))
    assert refusal(many) == ["Het verhaal heeft 501 passages; er kunnen er hoogstens 500 in."]
    assert refusal(":: Start\nCaf\xe9\n".encode("latin-1")) == [
        "Het bestand is geen UTF-8-tekst. Sla het opnieuw op vanuit Twine, of als UTF-8."
    ]


# Twine 2 HTML ----------------------------------------------------------------------------
HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Casus</title>
<script>window.format = "<tw-passagedata>niet echt</tw-passagedata>";</script></head>
<body><tw-story></tw-story>
<tw-storydata name="Taxi &amp; de nacht" startnode="2" creator="Twine" creator-version="2.6.2"
 ifid="1A6023FC-F68A-4E55-BE9A-5EDFDB7879E6" zoom="1" format="Harlowe" format-version="3.3.8"
 options="" hidden><style role="stylesheet" id="twine-user-stylesheet" type="text/twine-css">
tw-story { color: red; }</style><script role="script" id="twine-user-script"
 type="text/twine-javascript">if (a < b) {}</script><tw-tag name="einde" color="red"></tw-tag>
<tw-passagedata pid="1" name="Uitleg" tags="" position="100,100">Lees dit.</tw-passagedata>
<tw-passagedata pid="2" name="Het &quot;meisje&quot;" tags="nacht ritten" position="200,100"
 size="100,100">Een meisje &lt;15&gt; stapt in &amp; zwijgt.

[[Vraag waarheen-&gt;Uitleg]]
[[Bel 112|Einde]]</tw-passagedata>
<tw-passagedata pid="3" name="Einde" tags="ending-harmful">Te laat.</tw-passagedata>
</tw-storydata></body></html>
"""


def test_twine_html_reads_escaped_names_text_tags_and_startnode():
    story = read_story(HTML.encode())
    assert story.title == "Taxi & de nacht"
    assert story.format_version == "3.3.8"
    assert story.start_passage.name == 'Het "meisje"'
    assert [(p.name, p.tags, p.line) for p in story.passages] == [
        ("Uitleg", [], 10),
        ('Het "meisje"', ["nacht", "ritten"], 11),
        ("Einde", ["ending-harmful"], 16),
    ]
    assert story.passages[1].text.startswith("Een meisje <15> stapt in & zwijgt.\n")
    assert [(link.label, link.target) for link in story.passages[1].links] == [
        ("Vraag waarheen", "Uitleg"),
        ("Bel 112", "Einde"),
    ]


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (
            "<tw-storydata name='a'></tw-storydata><tw-storydata name='b'></tw-storydata>",
            "Het bestand bevat 2 verhalen; importeer ze een voor een.",
        ),
        (
            "<tw-storydata name='a' startnode='1'></tw-storydata>",
            "Het verhaal heeft geen passages.",
        ),
        (
            "<tw-storydata startnode='9'>\n<tw-passagedata pid='1' name='A'>x</tw-passagedata>"
            "</tw-storydata>",
            "Het verhaal begint bij de passage met nummer 9, maar die is er niet.",
        ),
        (
            "<tw-storydata>\n<tw-passagedata pid='4' name=' '>x</tw-passagedata></tw-storydata>",
            "Regel 2: de passage met nummer 4 heeft geen naam.",
        ),
        (
            "<tw-storydata>\n<tw-passagedata pid='1' name='A'>[[B]]</tw-passagedata>\n"
            "<tw-passagedata pid='2' name='A'>x</tw-passagedata></tw-storydata>",
            "Regel 3: er is al een passage met de naam 'A' (regel 2).",
        ),
        (
            "<html><body><div tiddler='Start'>Twine 1</div></body></html>",
            "Dit bestand is geen Twee-tekst en geen verhaal dat Twine 2 heeft gepubliceerd. "
            "Kies in Twine 'Publish to File' of 'Export as Twee'.",
        ),
    ],
)
def test_malformed_twine_html_is_refused(html, message):
    assert message in refusal(html)


# Import ----------------------------------------------------------------------------------
@pytest.fixture
def imported(home_page, editor):
    return scenario_import(data=STORY.encode(), parent=home_page, user=editor)


def test_import_makes_a_draft_with_scenes_choices_and_endings_to_finish(imported, editor):
    page = ScenarioPage.objects.get(pk=imported.page.pk)
    assert (page.title, page.slug, page.live, page.owner) == (
        "De nieuwe leerling",
        "de-nieuwe-leerling",
        False,
        editor,
    )
    assert page.has_unpublished_changes and page.latest_revision is not None
    draft = page.get_latest_revision_as_object()
    assert draft.start_scene == "eerste-les"
    scenes = list(draft.scenes.all())
    assert [(s.key, s.title, s.outcome) for s in scenes] == [
        ("eerste-les", "Eerste les", ""),
        ("gesprek", "Gesprek", ""),
        ("overleg", "Overleg", "good"),
        ("later", "Later", ""),
    ]
    assert scenes[0].text == (
        "<p>Lisa komt te laat.<br/>Ze heeft een nieuwe telefoon.</p><p>Wat doe je?</p>"
    )
    assert [(c.label, c.target) for c in scenes[0].choices.all()] == [
        ("Vraag hoe het gaat", "gesprek"),
        ("Niets doen", "later"),
    ]
    assert (imported.scenes, imported.choices) == (4, 4)
    assert imported.endings_without_outcome == ["Later"]
    # Publishing waits until the trainer gives that ending an outcome.
    problems = scenario_problems(draft)
    assert [(p.kind, p.scene_key) for p in problems] == [(ProblemKind.DEAD_END, "later")]


def test_import_keys_are_unique_short_slugs(home_page, editor):
    long_name = "Een heel lange naam " * 7
    text = (
        f":: Ga naar huis\n[[Ga naar huis!]]\n:: Ga naar huis!\n[[{long_name.strip()}]]\n"
        f":: {long_name}\n[[???]]\n:: ???\nEinde.\n"
    )
    result = scenario_import(data=text.encode(), parent=home_page, user=editor)
    keys = [scene.key for scene in result.page.get_latest_revision_as_object().scenes.all()]
    assert keys[:2] == ["ga-naar-huis", "ga-naar-huis-2"]
    assert len(keys[2]) <= SCENE_KEY_MAX_LENGTH and keys[2].startswith("een-heel-lange-naam")
    assert keys[3] == "scene"


def test_import_refuses_names_and_labels_too_long_for_a_scenario(home_page, editor):
    text = f":: {'N' * 161}\n[[{'L' * 201}->Einde]]\n:: Einde\nx\n"
    with translation.override("nl"), pytest.raises(StoryError) as refused:
        scenario_import(data=text.encode(), parent=home_page, user=editor)
    assert len(refused.value.messages) == 2
    assert "de naam is langer dan 160 tekens" in refused.value.messages[0]
    assert "is langer dan 200 tekens" in refused.value.messages[1]
    assert not ScenarioPage.objects.exists()


def test_nothing_is_written_when_saving_fails_halfway(home_page, editor, monkeypatch):
    def failing_revision(self, *args, **kwargs):
        raise RuntimeError("disk full")

    pages = Page.objects.count()
    monkeypatch.setattr(ScenarioPage, "save_revision", failing_revision)
    with pytest.raises(RuntimeError):
        scenario_import(data=STORY.encode(), parent=home_page, user=editor)
    assert Page.objects.count() == pages
    assert not Scene.objects.exists() and not Revision.objects.exists()


def test_twine_html_imports_with_its_start_and_outcomes(home_page, editor):
    result = scenario_import(data=HTML.encode(), parent=home_page, user=editor)
    draft = result.page.get_latest_revision_as_object()
    assert result.page.title == "Taxi & de nacht"
    assert draft.start_scene == "het-meisje"
    assert [(s.key, s.outcome) for s in draft.scenes.all()] == [
        ("uitleg", ""),
        ("het-meisje", ""),
        ("einde", "harmful"),
    ]
    assert draft.scenes.all()[1].text.startswith("<p>Een meisje &lt;15&gt; stapt in &amp;")


# Export and round trip ---------------------------------------------------------------------
@pytest.fixture
def case(home_page):
    return ScenarioPageFactory(
        parent=home_page, spec=branching_spec(), title="Een leerling verandert"
    )


def test_export_writes_twee_3_with_story_data_and_one_link_per_choice(case):
    text = scenario_twee(case)
    assert text.startswith(":: StoryTitle\nEen leerling verandert\n\n:: StoryData\n{")
    data = json.loads(re.search(r":: StoryData\n(\{.*?\n\})", text, re.DOTALL).group(1))
    assert data["format"] == "Harlowe" and data["start"] == "A pupil changes"
    ifid = uuid.UUID(data["ifid"])
    assert ifid.version == 4 and data["ifid"] == data["ifid"].upper()
    assert data["ifid"] == story_ifid(ScenarioPage.objects.get(pk=case.pk))  # stable
    assert "\n:: A pupil changes {" in text
    assert "[[Consult Veilig Thuis->A conversation]] <!-- signaal {" in text
    assert "\n[[Ignore it->Weeks later]] <!-- signaal {" in text
    assert "\n[[Wait and see->Some help]]\n" in text  # a choice with nothing to add
    assert "\n:: Help arrives [ending-good] {" in text
    assert "\n:: She disappears [ending-harmful] {" in text


def test_export_shows_the_latest_draft_and_keeps_names_unique(case):
    draft = case.get_latest_revision_as_object()
    draft.scenes.add(Scene(key="twin", title="Some help", outcome="partial", sort_order=9))
    draft.save_revision()
    names = [p.name for p in read_story(scenario_twee(case).encode()).passages]
    assert "Some help (partial)" in names and names[-1] == "Some help (twin)"
    assert "Some help" not in names


def test_round_trip_keeps_passages_links_and_outcomes(case, home_page, editor):
    exported = scenario_twee(case)
    result = scenario_import(data=exported.encode(), parent=home_page, user=editor)
    again = scenario_twee(result.page)
    assert passages_and_links(again) == passages_and_links(exported)
    original = case.get_latest_revision_as_object()
    copy = result.page.get_latest_revision_as_object()
    assert [
        (s.title, s.outcome, [c.label for c in s.choices.all()]) for s in copy.scenes.all()
    ] == [(s.title, s.outcome, [c.label for c in s.choices.all()]) for s in original.scenes.all()]
    assert result.endings_without_outcome == []
    assert copy.title == original.title and result.page.slug == "een-leerling-verandert"


def test_rich_text_exports_as_paragraphs(home_page):
    spec = {
        "start": {
            "title": "Begin",
            "text": "<p>Een &amp; twee<br/>drie</p><ul><li>vier</li><li>vijf</li></ul>",
            "outcome": "good",
            "choices": [],
            "signals": [],
            "debrief": "",
        }
    }
    page = ScenarioPageFactory(parent=home_page, spec=spec)
    [passage] = read_story(scenario_twee(page).encode()).passages
    assert passage.text == "Een & twee\ndrie\n\n- vier\n- vijf"


# What Twine has no place for ---------------------------------------------------------------
def choice_fields(page):
    return [
        (
            s.title,
            c.label,
            c.feedback,
            c.score,
            c.sets_flags,
            c.requires_flags,
            c.requires_score_min,
            c.requires_score_max,
            c.acts_on_signals,
        )
        for s in page.get_latest_revision_as_object().scenes.all()
        for c in s.choices.all()
    ]


def test_round_trip_keeps_feedback_score_flags_conditions_and_debriefs(home_page, editor):
    spec = branching_spec()
    spec["talk"]["choices"][1] = {
        "label": "Wait and see",
        "target": "partial",
        "score": -2,
        "requires_score_min": -5,
        "requires_score_max": 0,
        "feedback": 'She says: "wait -->" [[not a link]] <b>',
    }
    spec["partial"]["debrief"] = "<p>Half of the Meldcode.</p><p>Call Veilig Thuis --> today.</p>"
    case = ScenarioPageFactory(parent=home_page, spec=spec, title="Een leerling verandert")
    exported = scenario_twee(case)
    assert "<!-- signaal-debrief\nMeldcode followed.\n-->" in exported
    result = scenario_import(data=exported.encode(), parent=home_page, user=editor)
    assert choice_fields(result.page) == choice_fields(case)
    copy = {s.key: s for s in result.page.get_latest_revision_as_object().scenes.all()}
    assert copy["help-arrives"].debrief == "<p>Meldcode followed.</p>"
    assert copy["some-help"].debrief == (
        "<p>Half of the Meldcode.</p><p>Call Veilig Thuis -- &gt; today.</p>"
    )
    # The notes are not part of the scene's text, and the text stays as it was.
    assert "signaal" not in copy["a-pupil-changes"].text
    assert scenario_twee(result.page).count("<!-- signaal {") == exported.count("<!-- signaal {")


@pytest.mark.parametrize(
    ("note", "field"),
    [
        ("{not json}", "JSON"),
        ('{"score": 11}', "score"),
        ('{"score": "2"}', "score"),
        ('{"sets_flags": "Not A Flag"}', "sets_flags"),
        ('{"requires_score_min": 4, "requires_score_max": 1}', "requires_score_max"),
        ('{"acts_on_signals": "yes"}', "acts_on_signals"),
    ],
)
def test_a_note_that_does_not_fit_is_refused_naming_passage_and_link(
    home_page, editor, note, field
):
    story = STORY.replace("[[Overleg]]", f"[[Overleg]] <!-- signaal {note} -->")
    with translation.override("en"), pytest.raises(StoryError) as refused:
        scenario_import(data=story.encode(), parent=home_page, user=editor)
    assert refused.value.messages == [
        f"Passage 'Gesprek': the note after the link [[Overleg]] cannot be read ({field})."
    ]
    assert not ScenarioPage.objects.exists()
