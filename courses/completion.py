"""How blocks in a lesson take part in deciding whether the lesson, and so the module, is done.

A lesson is complete when the learner has marked it done and every requirement in it is
met. A requirement is contributed by a lesson block: any block class in the lesson body
that defines `completion_requirement(value)` returning a `Requirement` (or None when this
particular block value asks nothing, such as a quiz that need not be passed). The quiz and
scenario apps add their requirements this way, without changes in `courses`.
"""

from dataclasses import dataclass
from typing import Protocol


class RequirementCheck(Protocol):
    def __call__(self, *, user) -> bool: ...


@dataclass(frozen=True)
class Requirement:
    """One condition a learner must meet before a lesson counts as complete."""

    label: str
    is_met: RequirementCheck


def block_requirements(stream_value) -> list[Requirement]:
    """The requirements declared by the blocks of a StreamField value, in order."""
    requirements = []
    for bound_block in stream_value:
        declare = getattr(bound_block.block, "completion_requirement", None)
        if declare is None:
            continue
        requirement = declare(bound_block.value)
        if requirement is not None:
            requirements.append(requirement)
    return requirements
