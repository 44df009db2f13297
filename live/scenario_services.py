"""Scenario mode: the group votes at each choice of a case, and the trainer follows the
majority or picks an option; the ending shows its debrief.

A scene becomes an item when the group reaches it, with the choices it may take given the
flags and score the group's path collected, as a learner playing alone would see them.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from scenarios.models import ScenarioPage
from scenarios.selectors import available_choices, scene_for_play

from .models import LiveItem, LiveSession
from .services import (
    NOT_NOW,
    UNKNOWN_OPTION,
    LiveRefused,
    item_counts,
    item_enter,
    session_create,
    session_locked,
)

SCENARIO_NOT_LIVE = _("This scenario is not published, or has no start scene.")
SCENE_MISSING = _("The scene this choice leads to is missing. Pick another option.")
NO_VOTES = _("Nobody has voted yet. Wait for the votes, or pick an option yourself.")
TIED = _("The votes are tied, so there is no majority. Pick one of the options yourself.")


def scene_item(
    *, session: LiveSession, position: int, page: ScenarioPage, key: str, flags, score: int
) -> LiveItem:
    """The published scene `key` as the session's item at `position`."""
    scene = scene_for_play(page=page, key=key)
    if scene is None:
        raise LiveRefused(SCENE_MISSING)
    item = LiveItem(
        session=session,
        position=position,
        title=scene.title,
        text=scene.text,
        scene_key=scene.key,
        flags=sorted(set(flags)),
        score=score,
    )
    if scene.is_ending:
        item.kind = LiveItem.Kind.ENDING
        item.outcome = scene.outcome
        item.expert_view = scene.debrief
    else:
        item.kind = LiveItem.Kind.SCENE
        item.options = [
            {
                "value": str(choice.pk),
                "label": choice.label,
                "feedback": choice.feedback,
                "target": choice.target,
                "score": choice.score,
                "flags": choice.flags_set,
            }
            for choice in available_choices(scene=scene, flags=flags, score=score)
        ]
    item.save()
    return item


@transaction.atomic
def session_start_scenario(*, user, scenario: ScenarioPage, title: str = "", **fields):
    """A scenario session whose first item is the case's start scene."""
    if not scenario.live or not scenario.start_scene:
        raise LiveRefused(SCENARIO_NOT_LIVE)
    session = session_create(
        user=user,
        kind=LiveSession.Kind.SCENARIO,
        title=title or scenario.title,
        scenario=scenario,
        **fields,
    )
    scene_item(
        session=session, position=0, page=scenario, key=scenario.start_scene, flags=[], score=0
    )
    return session


def majority(counts: dict[str, int]) -> str | None:
    """The option with the most votes, or None when nobody voted or the top is shared."""
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda pair: pair[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


@transaction.atomic
def scenario_follow(*, session_id: int, value: str | None = None) -> LiveSession:
    """Take the group on by the option `value`, or by the majority when it is None."""
    session = session_locked(session_id)
    item = session.current_item
    if (
        session.kind != LiveSession.Kind.SCENARIO
        or session.stage == LiveSession.Stage.LOBBY
        or item is None
        or not item.takes_votes
    ):
        raise LiveRefused(NOT_NOW)
    counts = item_counts([item.pk])[item.pk]
    top = majority(counts)
    if value is None:
        if not counts:
            raise LiveRefused(NO_VOTES)
        if top is None:
            raise LiveRefused(TIED)
        value = top
    option = next((option for option in item.options if option["value"] == value), None)
    if option is None:
        raise LiveRefused(UNKNOWN_OPTION)
    if session.scenario is None:
        raise LiveRefused(SCENE_MISSING)
    item.chosen = value
    item.chosen_by_majority = (value == top) if counts else None
    item.save(update_fields=["chosen", "chosen_by_majority"])
    following = scene_item(
        session=session,
        position=item.position + 1,
        page=session.scenario,
        key=option["target"],
        flags=set(item.flags) | set(option.get("flags", [])),
        score=item.score + option.get("score", 0),
    )
    return item_enter(session, following)
