"""The learner's state in the statement and reflection blocks of a lesson.

The blocks load it through `library.learner_state`, all blocks of a type at once. This
module reads only the progress models, so that `courses.blocks`, which the lesson page's
model imports, can import it without a circle.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from website.translation import source_locale_page

from .models.progress import Reflection, StatementAnswer
from .session_progress import session_statement_answers
from .sql import fetch_rows

# Below this many answers within an organisation, its share would say too much about
# individual colleagues; the platform-wide share is shown instead.
PEER_GROUP_MIN_ANSWERS = 5

# Functions that return the user ids of a learner's colleagues (a queryset of ids), or None
# when the learner belongs to no organisation. The organisations app registers one; until
# then every learner compares with the whole platform.
peer_group_providers: list[Callable] = []


def learner_peers(user) -> QuerySet | None:
    for provider in peer_group_providers:
        peers = provider(user)
        if peers is not None:
            return peers
    return None


@dataclass(frozen=True)
class StatementResult:
    """How a learner answered a statement and how their peers did."""

    answered: bool
    agrees: bool | None
    total: int
    agreed: int
    within_organisation: bool

    def agree_percentage(self) -> int:
        return round(100 * self.agreed / self.total) if self.total else 0

    def disagree_percentage(self) -> int:
        return 100 - self.agree_percentage() if self.total else 0


# Every signed-in lesson view with statements asks how the learner answered them; see
# `courses.sql`. tests/courses/test_selectors.py checks it against the ORM's answer.
OWN_STATEMENT_ANSWERS_SQL = (
    "SELECT block_id, agrees FROM courses_statementanswer"
    " WHERE user_id = %s AND lesson_id = %s AND block_id IN ({placeholders})"
)


def own_statement_answers(*, user, lesson, block_ids: list[str]) -> dict[str, bool]:
    """The learner's answer (agrees or not) to each statement of the lesson they answered."""
    if not block_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(block_ids))  # one parameter per statement
    sql = OWN_STATEMENT_ANSWERS_SQL.format(placeholders=placeholders)
    rows = fetch_rows(sql, [user.pk, source_locale_page(lesson).pk, *block_ids])
    return {block_id: bool(agrees) for block_id, agrees in rows}


def statement_results(
    *, lesson, block_ids: Iterable[str], user, session=None
) -> dict[str, StatementResult]:
    """Per statement: the learner's answer and the share of peers who agreed.

    Within the learner's organisation when at least five colleagues answered, so that a
    share can never be traced to one person; else across the whole platform.
    """
    block_ids = list(block_ids)
    own = {}
    if user.is_authenticated:
        own = own_statement_answers(user=user, lesson=lesson, block_ids=block_ids)
    elif session is not None:
        own = session_statement_answers(session, lesson_id=source_locale_page(lesson).pk)
    # The shares are shown only beside the learner's own answer; unanswered statements
    # need no count.
    answered_ids = [block_id for block_id in block_ids if block_id in own]
    rows = _statement_counts(lesson=lesson, block_ids=answered_ids, user=user)
    results = {}
    for block_id in block_ids:
        row = rows.get(block_id, {})
        within = row.get("peer_total", 0) >= PEER_GROUP_MIN_ANSWERS
        results[block_id] = StatementResult(
            answered=block_id in own,
            agrees=own.get(block_id),
            total=row.get("peer_total" if within else "total", 0),
            agreed=row.get("peer_agreed" if within else "agreed", 0),
            within_organisation=within,
        )
    return results


def _statement_counts(*, lesson, block_ids: list[str], user) -> dict[str, dict]:
    if not block_ids:
        return {}
    peers = learner_peers(user) if user.is_authenticated else None
    counts = {
        "total": Count("id"),
        "agreed": Count("id", filter=Q(agrees=True)),
    }
    if peers is not None:
        counts["peer_total"] = Count("id", filter=Q(user__in=peers))
        counts["peer_agreed"] = Count("id", filter=Q(user__in=peers, agrees=True))
    return {
        row["block_id"]: row
        for row in StatementAnswer.objects.filter(
            lesson=source_locale_page(lesson), block_id__in=block_ids
        )
        .order_by()
        .values("block_id")
        .annotate(**counts)
    }


# Every signed-in lesson with a reflection block asks for the learner's own; a raw query
# skips building the same SQL on every view (see `courses.sql`) and still converts the
# columns. tests/courses/test_selectors.py checks it against the ORM's answer.
OWN_REFLECTIONS_SQL = (
    "SELECT * FROM courses_reflection"
    " WHERE user_id = %s AND lesson_id = %s AND block_id IN ({placeholders})"
)


def reflections(*, lesson, block_ids: Iterable[str], user) -> dict[str, Reflection]:
    """The learner's own reflections on these blocks of the lesson; visitors write none."""
    block_ids = list(block_ids)
    if not user.is_authenticated or not block_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(block_ids))  # one parameter per block
    sql = OWN_REFLECTIONS_SQL.format(placeholders=placeholders)
    return {
        reflection.block_id: reflection
        for reflection in Reflection.objects.raw(
            sql, [user.pk, source_locale_page(lesson).pk, *block_ids]
        )
    }
