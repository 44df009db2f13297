"""Scenario mode: the group votes at each choice, the trainer follows the majority or picks,
and afterwards the group's path stands beside the choices of learners who played alone."""

import pytest
from django.urls import reverse

from live import scenario_services, services
from live.models import LiveItem, LiveSession
from live.selectors import group_vs_learners
from scenarios import services as scenario_play
from scenarios.models import Choice
from tests.factories import UserFactory
from website.models import Region, RegionContact

pytestmark = pytest.mark.django_db


def choice_pk(page, scene_key, label) -> str:
    return str(Choice.objects.get(scene__page=page, scene__key=scene_key, label=label).pk)


@pytest.fixture
def scenario_session(trainer, scenario):
    session = scenario_services.session_start_scenario(user=trainer, scenario=scenario)
    return services.session_open(session_id=session.pk)


def votes(session, values):
    for value in values:
        participant = services.participant_join(session=session)
        services.vote_cast(session_id=session.pk, token=participant.token, value=value)


def test_a_scenario_session_opens_at_the_start_scene(scenario_session, scenario):
    item = scenario_session.current_item
    assert (item.kind, item.scene_key, item.title) == ("scene", "start", "A pupil changes")
    assert [option["label"] for option in item.options] == ["Consult Veilig Thuis", "Ignore it"]
    assert scenario_session.title == scenario.title


def test_the_group_follows_the_majority(scenario_session, scenario):
    consult = choice_pk(scenario, "start", "Consult Veilig Thuis")
    ignore = choice_pk(scenario, "start", "Ignore it")
    votes(scenario_session, [consult, consult, ignore])
    services.voting_close(session_id=scenario_session.pk)

    session = scenario_services.scenario_follow(session_id=scenario_session.pk)

    first = LiveItem.objects.get(session=session, position=0)
    assert (first.chosen, first.chosen_by_majority) == (consult, True)
    item = session.current_item
    assert (item.scene_key, item.flags, item.score) == ("talk", ["consulted"], 3)
    # The flag set by consulting opens the best option, as for a learner alone.
    assert [option["label"] for option in item.options] == ["Report together", "Wait and see"]
    assert session.stage == LiveSession.Stage.OPEN


def test_the_trainer_can_pick_against_the_majority(scenario_session, scenario):
    consult = choice_pk(scenario, "start", "Consult Veilig Thuis")
    ignore = choice_pk(scenario, "start", "Ignore it")
    votes(scenario_session, [consult, consult])
    session = scenario_services.scenario_follow(session_id=scenario_session.pk, value=ignore)
    first = LiveItem.objects.get(session=session, position=0)
    assert (first.chosen, first.chosen_by_majority) == (ignore, False)
    assert session.current_item.scene_key == "later"
    # Without the flag, the best option is not offered later on.
    after = scenario_services.scenario_follow(
        session_id=session.pk, value=choice_pk(scenario, "later", "Talk now")
    )
    assert [option["label"] for option in after.current_item.options] == ["Wait and see"]


def test_a_tie_or_no_votes_asks_the_trainer_to_pick(scenario_session, scenario):
    with pytest.raises(services.LiveRefused) as refused:
        scenario_services.scenario_follow(session_id=scenario_session.pk)
    assert refused.value.message == scenario_services.NO_VOTES
    votes(
        scenario_session,
        [
            choice_pk(scenario, "start", "Consult Veilig Thuis"),
            choice_pk(scenario, "start", "Ignore it"),
        ],
    )
    with pytest.raises(services.LiveRefused) as refused:
        scenario_services.scenario_follow(session_id=scenario_session.pk)
    assert refused.value.message == scenario_services.TIED
    assert LiveItem.objects.filter(session=scenario_session).count() == 1


def test_an_ending_shows_its_debrief_and_takes_no_votes(scenario_session, scenario):
    scenario_services.scenario_follow(
        session_id=scenario_session.pk, value=choice_pk(scenario, "start", "Consult Veilig Thuis")
    )
    session = scenario_services.scenario_follow(
        session_id=scenario_session.pk, value=choice_pk(scenario, "talk", "Report together")
    )
    ending = session.current_item
    assert (ending.kind, ending.outcome) == ("ending", "good")
    assert "Meldcode followed" in ending.expert_view
    assert session.stage == LiveSession.Stage.EXPERT
    participant = services.participant_join(session=session)
    with pytest.raises(services.LiveRefused):
        services.vote_cast(session_id=session.pk, token=participant.token, value="good")


def test_back_takes_the_group_one_step_back(scenario_session, scenario):
    consult = choice_pk(scenario, "start", "Consult Veilig Thuis")
    votes(scenario_session, [consult])
    scenario_services.scenario_follow(session_id=scenario_session.pk)
    session = services.item_back(session_id=scenario_session.pk)
    assert session.current_item.scene_key == "start"
    assert session.current_item.chosen == ""
    assert session.stage == LiveSession.Stage.CLOSED
    assert LiveItem.objects.filter(session=session).count() == 1
    assert services.item_counts([session.current_item_id]) == {
        session.current_item_id: {consult: 1}
    }


def test_the_presenter_follows_and_picks_with_buttons(trainer_client, scenario_session, scenario):
    region = Region.objects.create(name="Zuidstad", slug="zuidstad")
    RegionContact.objects.create(
        region=region, role="police", name="Politie Zuidstad", sort_order=0
    )
    LiveSession.objects.filter(pk=scenario_session.pk).update(region=region)
    consult = choice_pk(scenario, "start", "Consult Veilig Thuis")
    votes(scenario_session, [consult])
    trainer_client.post(reverse("live:move", args=[scenario_session.pk, "close"]))
    page = trainer_client.get(reverse("live:present", args=[scenario_session.pk])).content.decode()
    assert "Volg de meerderheid: Consult Veilig Thuis" in page
    trainer_client.post(reverse("live:move", args=[scenario_session.pk, "follow"]))
    trainer_client.post(
        reverse("live:move", args=[scenario_session.pk, "follow"]),
        {"value": choice_pk(scenario, "talk", "Wait and see")},
    )
    page = trainer_client.get(reverse("live:present", args=[scenario_session.pk])).content.decode()
    assert "Some help" in page
    assert "Meldroute in Zuidstad" in page
    assert "Politie Zuidstad" in page


def learners_play(scenario, count, label="Consult Veilig Thuis"):
    pk = int(choice_pk(scenario, "start", label))
    for _ in range(count):
        run = scenario_play.run_start(page=scenario, user=UserFactory())
        scenario_play.run_choose(run=run, choice_id=pk, attempt=1, position=0)


def test_the_comparison_waits_for_five_learners(scenario_session, scenario):
    learners_play(scenario, 4)
    scenario_services.scenario_follow(
        session_id=scenario_session.pk, value=choice_pk(scenario, "start", "Ignore it")
    )
    comparison = group_vs_learners(LiveSession.objects.get())
    assert comparison.learners == 4
    assert not comparison.is_shown
    assert comparison.scenes == []


def test_the_comparison_sets_the_group_beside_five_learners(scenario_session, scenario):
    learners_play(scenario, 5)
    scenario_services.scenario_follow(
        session_id=scenario_session.pk, value=choice_pk(scenario, "start", "Ignore it")
    )
    comparison = group_vs_learners(LiveSession.objects.get())
    assert comparison.is_shown
    (scene,) = comparison.scenes
    assert scene.group_choice == "Ignore it"
    assert [(row.label, row.count, row.percentage, row.is_chosen) for row in scene.learners] == [
        ("Consult Veilig Thuis", 5, 100, False),
        ("Ignore it", 0, 0, True),
    ]
    assert scene.learners_top.label == "Consult Veilig Thuis"
