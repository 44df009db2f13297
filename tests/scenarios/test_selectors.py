import pytest

from accounts.models import User
from scenarios import services
from scenarios.models import Choice
from scenarios.selectors import MIN_GROUP_SIZE, choice_analytics, choice_analytics_for_group

pytestmark = pytest.mark.django_db


def play(scenario, user, labels):
    run = services.run_start(page=scenario, user=user)
    for scene_key, label in labels:
        run.refresh_from_db()
        services.run_choose(
            run=run,
            choice_id=Choice.objects.get(
                scene__page=scenario, scene__key=scene_key, label=label
            ).pk,
            attempt=run.attempt,
            position=run.position,
        )
    return run


def users(count, prefix):
    return [
        User.objects.create_user(email=f"{prefix}{n}@example.org", password="x")
        for n in range(count)
    ]


def counts(analytics):
    return {
        (item.scene.key, row.choice.label): row.count
        for item in analytics.scenes
        for row in item.choices
    }


def test_overall_counts_per_scene_and_choice(scenario):
    for user in users(3, "a"):
        play(scenario, user, [("start", "Ignore it"), ("later", "Too late")])
    play(scenario, users(1, "b")[0], [("start", "Consult Veilig Thuis")])
    analytics = choice_analytics(page=scenario)
    assert analytics.learners == 4
    result = counts(analytics)
    assert result[("start", "Ignore it")] == 3
    assert result[("start", "Consult Veilig Thuis")] == 1
    assert result[("later", "Too late")] == 3
    assert result[("talk", "Wait and see")] == 0
    start = next(item for item in analytics.scenes if item.scene.key == "start")
    assert (start.total, [row.share for row in start.choices]) == (4, [25, 75])
    assert "good" not in {item.scene.key for item in analytics.scenes}  # endings have no choices


def test_choices_taken_back_are_not_counted(scenario, learner):
    run = play(scenario, learner, [("start", "Ignore it")])
    services.run_back(run=run, attempt=1, position=1)
    assert counts(choice_analytics(page=scenario))[("start", "Ignore it")] == 0


def test_group_counts_only_for_groups_of_five_or_more_players(scenario):
    group = users(MIN_GROUP_SIZE, "g")
    outsider = users(1, "o")[0]
    play(scenario, outsider, [("start", "Ignore it")])
    for user in group[:-1]:
        play(scenario, user, [("start", "Consult Veilig Thuis")])
    ids = User.objects.filter(email__startswith="g").values("pk")
    assert choice_analytics_for_group(page=scenario, user_ids=ids) is None

    play(scenario, group[-1], [("start", "Consult Veilig Thuis")])
    analytics = choice_analytics_for_group(page=scenario, user_ids=ids)
    assert analytics.learners == MIN_GROUP_SIZE
    result = counts(analytics)
    assert result[("start", "Consult Veilig Thuis")] == MIN_GROUP_SIZE
    assert result[("start", "Ignore it")] == 0  # the outsider is not in the group
