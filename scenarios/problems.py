"""The reasons a scenario cannot be published, each with the message the author reads.

The structural checks (`scenarios.graph`) and the checks over flags and score
(`scenarios.graph_state`) both produce these, so the editor lists them together.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class ProblemKind:
    NO_START = "no_start"
    UNREACHABLE = "unreachable"
    DEAD_END = "dead_end"
    MISSING_TARGET = "missing_target"
    FOREIGN_TARGET = "foreign_target"
    NO_ENDING = "no_ending"
    # Found by following what a learner holds: flags and score.
    FLAG_NEVER_SET = "flag_never_set"
    SCORE_NEVER_MET = "score_never_met"
    NEVER_OFFERED = "never_offered"
    UNREACHABLE_BY_CONDITIONS = "unreachable_by_conditions"
    STUCK = "stuck"
    NO_ENDING_BY_CONDITIONS = "no_ending_by_conditions"
    TOO_MANY_FLAGS = "too_many_flags"
    TOO_MANY_STATES = "too_many_states"


PROBLEM_MESSAGES = {
    ProblemKind.NO_START: _("The scenario has no start scene: choose the scene it begins with."),
    ProblemKind.UNREACHABLE: _("Scene '%(scene)s' cannot be reached from the start scene."),
    ProblemKind.DEAD_END: _("Scene '%(scene)s' is not an ending but has no choices."),
    ProblemKind.MISSING_TARGET: _(
        "In scene '%(scene)s', the choice '%(choice)s' leads to a scene that does not exist "
        "('%(target)s')."
    ),
    ProblemKind.FOREIGN_TARGET: _(
        "In scene '%(scene)s', the choice '%(choice)s' leads to '%(target)s', a scene of "
        "another scenario ('%(other)s'). Choices can only lead to scenes of this scenario."
    ),
    ProblemKind.NO_ENDING: _(
        "From scene '%(scene)s' no ending can be reached: every path loops or stops."
    ),
    ProblemKind.FLAG_NEVER_SET: _(
        "In scene '%(scene)s', the choice '%(choice)s' needs flag '%(flag)s', which no path "
        "to this scene sets."
    ),
    ProblemKind.SCORE_NEVER_MET: _(
        "In scene '%(scene)s', the choice '%(choice)s' needs a score of at least %(low)s, "
        "and no path to this scene has that score."
    ),
    ProblemKind.NEVER_OFFERED: _(
        "In scene '%(scene)s', the choice '%(choice)s' is never offered: no path to this "
        "scene meets all of its conditions at once."
    ),
    ProblemKind.UNREACHABLE_BY_CONDITIONS: _(
        "Scene '%(scene)s' cannot be reached once flags and score count: the choices that "
        "lead to it are never offered on the way there."
    ),
    ProblemKind.STUCK: _(
        "In scene '%(scene)s' a learner can get stuck: on some paths to it none of its "
        "choices is offered, for example when holding no flags."
    ),
    ProblemKind.NO_ENDING_BY_CONDITIONS: _(
        "From scene '%(scene)s' no ending can be reached on some paths: the choices that lead "
        "on are not offered there, so the learner goes round and round."
    ),
    ProblemKind.TOO_MANY_FLAGS: _(
        "This scenario uses too many different flags to check: %(count)s, while at most "
        "%(limit)s are allowed. Use fewer flags."
    ),
    ProblemKind.TOO_MANY_STATES: _(
        "This scenario has too many combinations of scene, flags and score to check (more "
        "than %(limit)s). Use fewer flags or score conditions."
    ),
}
NO_TARGET_MESSAGE = _(
    "In scene '%(scene)s', the choice '%(choice)s' leads nowhere yet: choose the scene it leads to."
)
MISSING_START_MESSAGE = _("The start scene '%(target)s' does not exist in this scenario.")
SCORE_AT_MOST_MESSAGE = _(
    "In scene '%(scene)s', the choice '%(choice)s' needs a score of at most %(high)s, and "
    "no path to this scene has that score."
)
SCORE_BETWEEN_MESSAGE = _(
    "In scene '%(scene)s', the choice '%(choice)s' needs a score from %(low)s to %(high)s, "
    "and no path to this scene has that score."
)
UNREACHABLE_ENDING_MESSAGE = _(
    "The ending '%(scene)s' cannot be reached once flags and score count: the choices that "
    "lead to it are never offered on the way there."
)
STUCK_WITH_FLAGS_MESSAGE = _(
    "In scene '%(scene)s' a learner can get stuck: on some paths to it none of its choices "
    "is offered, for example when holding the flags %(flags)s."
)


@dataclass(frozen=True)
class Problem:
    kind: str
    scene_key: str = ""
    scene_title: str = ""
    choice_label: str = ""
    target: str = ""
    other: str = ""
    flag: str = ""
    # The flags a learner holds in an example of the problem (for STUCK).
    flags: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    count: int = 0
    limit: int = 0
    is_ending: bool = False

    @property
    def template(self):
        if self.kind == ProblemKind.NO_START and self.target:
            return MISSING_START_MESSAGE
        if self.kind == ProblemKind.MISSING_TARGET and not self.target:
            return NO_TARGET_MESSAGE
        if self.kind == ProblemKind.SCORE_NEVER_MET and self.high is not None:
            return SCORE_AT_MOST_MESSAGE if self.low is None else SCORE_BETWEEN_MESSAGE
        if self.kind == ProblemKind.UNREACHABLE_BY_CONDITIONS and self.is_ending:
            return UNREACHABLE_ENDING_MESSAGE
        if self.kind == ProblemKind.STUCK and self.flags:
            return STUCK_WITH_FLAGS_MESSAGE
        return PROBLEM_MESSAGES[self.kind]

    @property
    def message(self) -> str:
        return self.template % {
            "scene": self.scene_title or self.scene_key,
            "choice": self.choice_label,
            "target": self.target,
            "other": self.other,
            "flag": self.flag,
            "flags": ", ".join(f"'{flag}'" for flag in self.flags),
            "low": self.low,
            "high": self.high,
            "count": self.count,
            "limit": self.limit,
        }
