"""Branching case scenarios: the content (scenario, scenes, choices) and learners' runs."""

from .content import (
    FLAG_LIST_PATTERN,
    OUTCOME_RANK,
    SCENE_KEY_MAX_LENGTH,
    SCORE_CONDITION_LIMIT,
    SCORE_LIMIT,
    Choice,
    Outcome,
    ScenarioPage,
    Scene,
    flag_list,
    new_scene_key,
)
from .runs import ScenarioRun, ScenarioStep

__all__ = [
    "FLAG_LIST_PATTERN",
    "OUTCOME_RANK",
    "SCENE_KEY_MAX_LENGTH",
    "SCORE_CONDITION_LIMIT",
    "SCORE_LIMIT",
    "Choice",
    "Outcome",
    "ScenarioPage",
    "ScenarioRun",
    "ScenarioStep",
    "Scene",
    "flag_list",
    "new_scene_key",
]
