"""How lesson blocks that show the learner's own state get it: one load per block type.

A block shows learner state (a quiz's attempts, a scenario's run, a statement answer, a
reflection) by defining on its block class

    learner_states(values_by_block_id, *, page, user, session) -> {block id: state}

which loads the state of every block of its type in the page's body at once, in a fixed
number of queries. `learner_states_for()` groups a body's blocks by type and calls it once
per type, so that a lesson with five quizzes costs the queries of a lesson with one. `user`
may be anonymous; `session` is then the visitor's. A block absent from the result has no
state (nothing answered, nothing played).

The page puts the states in the template context under `CONTEXT_KEY`; a block finds its own
with `learner_state_in(parent_context)`, by the `block_id` it is rendered with. Without them
(an editor's preview of one block) it finds None and shows what a newcomer sees.

A block that also declares a completion requirement (`library.completion`) may say how the
requirement follows from its state (None when it has none) with `requirement_met(value,
state) -> bool`; `requirement_statuses_for()` then answers the lesson's requirements from
states loaded once rather than with a query per requirement.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any, Protocol

from .completion import RequirementStatus

CONTEXT_KEY = "learner_states"


class ShowsLearnerState(Protocol):
    def learner_states(
        self, values_by_block_id: dict[str, Any], *, page, user, session
    ) -> dict[str, Any]: ...


def learner_states_for(stream_value, *, page, user, session) -> dict[str, Any]:
    """The state of every block in a StreamField value that shows learner state, by block id."""
    blocks = _blocks(stream_value, _shows_state)
    return _states(blocks, page=page, user=user, session=session)


def learner_state_in(context) -> Any | None:
    """The state loaded for the block being rendered with this context, if any."""
    if not context:
        return None
    block_id = context.get("block_id")
    return (context.get(CONTEXT_KEY) or {}).get(block_id) if block_id else None


def requirement_statuses_for(
    stream_value, *, page, user, session=None, states: dict[str, Any] | None = None
) -> list[RequirementStatus]:
    """Whether each requirement declared by the blocks of a StreamField value is met, in order.

    Blocks that can tell from their learner state answer from `states` (loaded here, one
    query per block type, when not given); any other requirement asks its own `is_met`.
    """
    declared = []
    for block, block_id, value in _blocks(stream_value, _declares_requirement):
        requirement = block.completion_requirement(value)
        if requirement is not None:
            declared.append((block, block_id, value, requirement))
    if states is None:
        answerable = [(b, i, v) for b, i, v, _r in declared if _meets_from_state(b)]
        states = _states(answerable, page=page, user=user, session=session)
    statuses = []
    for block, block_id, value, requirement in declared:
        if _meets_from_state(block) and block_id:
            is_met = block.requirement_met(value, states.get(block_id))
        else:
            is_met = requirement.is_met(user=user, session=session)
        statuses.append(RequirementStatus(requirement=requirement, is_met=is_met))
    return statuses


def _shows_state(block) -> bool:
    return hasattr(block, "learner_states")


def _declares_requirement(block) -> bool:
    return hasattr(block, "completion_requirement")


def _meets_from_state(block) -> bool:
    return _shows_state(block) and hasattr(block, "requirement_met")


def _blocks(stream_value, wanted: Callable):
    """(block, block id, value) of the blocks that `wanted` picks, in order.

    Only those are converted from the stored data, each type in one go (`StreamValue` loads
    the chosen quizzes or pages of all blocks of a type together).
    """
    child_blocks = stream_value.stream_block.child_blocks
    for index, raw in enumerate(stream_value.raw_data):
        block = child_blocks.get(raw["type"])
        if block is not None and wanted(block):
            yield block, raw.get("id"), stream_value[index].value


def _states(blocks, *, page, user, session) -> dict[str, Any]:
    """Call `learner_states` once per block type for these (block, block id, value)."""
    # By type name: blocks compare by their definition, so they make poor dictionary keys.
    by_name = {}
    values_by_type = defaultdict(dict)
    for block, block_id, value in blocks:
        # A block without an id (possible in stored data made outside the editor) cannot
        # be told apart from the others, so it shows no state.
        if block_id:
            by_name[block.name] = block
            values_by_type[block.name].setdefault(block_id, value)
    states = {}
    for name, values in values_by_type.items():
        states.update(by_name[name].learner_states(values, page=page, user=user, session=session))
    return states
