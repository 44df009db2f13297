"""How blocks in a lesson take part in deciding whether the lesson, and so the module, is done.

A lesson without requirements is complete when the learner marks it done. A lesson with
requirements is complete as soon as every one of them is met, without another click. A
requirement is contributed by a lesson block: any block class in the lesson body that
defines `completion_requirement(value)` returning a `Requirement` (or None when this
particular block value asks nothing, such as a quiz that need not be passed). The quiz and
scenario apps add their requirements this way, without changes in `courses`.

Every requirement is an assessed activity (a quiz that must be passed, a scenario whose
ending must be reached): a module gives a certificate only when one of its required
lessons holds one.

When a learner or visitor does something that may meet a requirement, the block's app
sends `library.events.activity_done` with the object the requirement is about; the
lessons that hold a requirement on that object are then completed where they are met.
"""

from dataclasses import dataclass
from typing import Protocol


class RequirementCheck(Protocol):
    def __call__(self, *, user, session=None) -> bool: ...


def source_of(instance) -> tuple[str, int]:
    """What a requirement is about, as a key: the object's model and primary key.

    A page counts as its specific type, so that a requirement built from a chosen page and
    an announcement about the same page, loaded as a plain `Page`, have the same key.
    """
    model = getattr(instance, "specific_class", None) or type(instance)
    return (model._meta.label_lower, instance.pk)


@dataclass(frozen=True)
class Requirement:
    """One condition a learner must meet before a lesson counts as complete.

    `is_met` is asked with the learner (`user`, possibly anonymous) and, for a visitor
    without an account, their `session`. `source` is `source_of()` the object the
    requirement is about (the quiz, the scenario), if any.
    """

    label: str
    is_met: RequirementCheck
    source: tuple[str, int] | None = None


@dataclass(frozen=True)
class RequirementStatus:
    requirement: Requirement
    is_met: bool

    @property
    def label(self) -> str:
        return self.requirement.label


def block_requirements(stream_value) -> list[Requirement]:
    """The requirements declared by the blocks of a StreamField value, in order.

    Only the blocks that can declare one are converted from the stored data, each type in
    one go: a lesson's images or signals are not loaded to find its requirements.
    """
    requirements = []
    child_blocks = stream_value.stream_block.child_blocks
    for index, raw in enumerate(stream_value.raw_data):
        declare = getattr(child_blocks.get(raw["type"]), "completion_requirement", None)
        if declare is None:
            continue
        requirement = declare(stream_value[index].value)
        if requirement is not None:
            requirements.append(requirement)
    return requirements


def requirement_statuses(requirements, *, user, session=None) -> list[RequirementStatus]:
    return [
        RequirementStatus(
            requirement=requirement, is_met=requirement.is_met(user=user, session=session)
        )
        for requirement in requirements
    ]
