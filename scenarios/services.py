"""Every write of a learner's scenario state.

Each function is safe when the same request arrives twice (a double click, a replayed form)
or two requests race: the run row is locked while it changes, a step can exist only once
per position (a unique constraint), and every form carries the attempt and position it was
shown for, so a repeated form is recognised and changes nothing.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library.events import activity_done
from website.cache import remember

from .models import OUTCOME_RANK, Choice, ScenarioPage, ScenarioRun, ScenarioStep, Scene

NOT_PLAYABLE = _("This scenario cannot be played yet: it has no start scene.")
MOVE_NOT_ALLOWED = _("That choice is not possible in the scene you are in.")
OUT_OF_DATE = _(
    "This page was out of date: the scenario had moved on, perhaps in another window. "
    "Here is where you are now."
)
ALREADY_FINISHED = _("You have reached an ending. Start again to choose differently.")
NO_RUN = _("Start the scenario before you choose.")


class MoveRefused(Exception):
    """A request the current state of the run does not allow; nothing was written."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _owner(*, user=None, session_key: str = "") -> dict:
    if user is not None and user.is_authenticated:
        return {"user": user}
    if not session_key:
        raise ValueError("An anonymous run needs a session key.")
    return {"user": None, "session_key": session_key}


def run_start(*, page: ScenarioPage, user=None, session_key: str = "") -> ScenarioRun:
    """The visitor's run of this scenario, created at the start scene if there is none."""
    owner = _owner(user=user, session_key=session_key)
    if not Scene.objects.filter(page=page, key=page.start_scene).exists():
        raise MoveRefused(NOT_PLAYABLE)
    try:
        with transaction.atomic():
            run, _created = ScenarioRun.objects.get_or_create(
                page=page, **owner, defaults={"current_scene": page.start_scene}
            )
    except IntegrityError:
        # Another request created the run between our lookup and insert.
        run = ScenarioRun.objects.get(page=page, **owner)
    return run


def run_choose(*, run: ScenarioRun, choice_id: int, attempt: int, position: int) -> ScenarioStep:
    """Record the choice made in the current scene and move the run to its target.

    `attempt` and `position` are those the scene was shown with. When they are behind the
    run and the same choice is already recorded there, the request is a repeat and the
    existing step is returned.
    """
    return _choose(
        lambda: ScenarioRun.objects.select_for_update().get(pk=run.pk),
        choice_id=choice_id,
        attempt=attempt,
        position=position,
    )


def run_choose_for_visitor(
    *,
    page: ScenarioPage,
    user=None,
    session_key: str = "",
    session=None,
    choice_id: int,
    attempt: int,
    position: int,
) -> ScenarioStep:
    """As `run_choose`, for the visitor's run of the page, found by the read that locks it.

    A visitor without an account passes their `session` too, so that reaching an ending
    can complete the lesson that holds the scenario in their session.
    """
    owner = _owner(user=user, session_key=session_key)

    def run_locked() -> ScenarioRun:
        run = ScenarioRun.objects.select_for_update().filter(page=page, **owner).first()
        if run is None:
            raise MoveRefused(NO_RUN)
        run.page = page
        return run

    return _choose(
        run_locked,
        choice_id=choice_id,
        attempt=attempt,
        position=position,
        user=owner.get("user"),
        session=session,
    )


def _choose(
    run_locked, *, choice_id: int, attempt: int, position: int, user=None, session=None
) -> ScenarioStep:
    run = None
    try:
        with transaction.atomic():
            run = run_locked()
            was_finished = run.is_finished
            step = _run_choose(run=run, choice_id=choice_id, attempt=attempt, position=position)
    except IntegrityError:
        # A racing request recorded this position first; that is the same move if the
        # choice matches, and a refused one otherwise.
        step = _recorded_step(run=run, attempt=attempt, position=position + 1)
        if step is not None and step.choice_id == choice_id:
            return step
        raise MoveRefused(OUT_OF_DATE) from None
    if run.is_finished and not was_finished:
        _announce_ending(run, user=user, session=session)
    return step


def _announce_ending(run: ScenarioRun, *, user=None, session=None) -> None:
    """Tell the lessons that may require this scenario that the player reached an ending.

    Sent after the transaction, so that completing a lesson does not hold the run's lock.
    """
    if run.user_id is not None:
        user = user if user is not None else run.user
        session = None
    elif session is None:
        return
    activity_done.send(sender=ScenarioPage, instance=run.page, user=user, session=session)


def _choice_kept(*, page_id: int, choice_id: int) -> Choice | None:
    return remember(
        ("scenario-choice", page_id, choice_id),
        lambda: (
            Choice.objects.filter(pk=choice_id, scene__page_id=page_id)
            .select_related("scene")
            .first()
        ),
    )


def _scene_kept(*, page_id: int, key: str) -> Scene | None:
    return remember(
        ("scenario-scene", page_id, key),
        lambda: Scene.objects.filter(page_id=page_id, key=key).first(),
    )


def _recorded_step(*, run: ScenarioRun, attempt: int, position: int) -> ScenarioStep | None:
    return ScenarioStep.objects.filter(
        run_id=run.pk, attempt=attempt, position=position, retracted=False
    ).first()


def _run_choose(*, run, choice_id, attempt, position) -> ScenarioStep:
    """The move itself, on a run locked by the caller's transaction."""
    if (attempt, position) != (run.attempt, run.position):
        step = _recorded_step(run=run, attempt=attempt, position=position + 1)
        if step is not None and step.choice_id == choice_id:
            return step
        raise MoveRefused(OUT_OF_DATE)
    if run.is_finished:
        raise MoveRefused(ALREADY_FINISHED)
    # The scenario's scenes and choices are content, kept in memory: on SQLite this
    # transaction holds the one write lock, so it reads nothing it need not.
    choice = _choice_kept(page_id=run.page_id, choice_id=choice_id)
    if choice is None or choice.scene.key != run.current_scene:
        raise MoveRefused(MOVE_NOT_ALLOWED)
    if not choice.is_available(run.flags, run.score):
        raise MoveRefused(MOVE_NOT_ALLOWED)
    target = _scene_kept(page_id=run.page_id, key=choice.target)
    if target is None:
        raise MoveRefused(MOVE_NOT_ALLOWED)

    step = ScenarioStep.objects.create(
        run=run,
        attempt=run.attempt,
        position=run.position + 1,
        scene_key=run.current_scene,
        target_key=target.key,
        choice=choice,
        choice_label=choice.label,
        score=choice.score,
        flags_set=choice.flags_set,
        acts_on_signals=choice.acts_on_signals,
    )
    run.position += 1
    run.current_scene = target.key
    run.flags = sorted(set(run.flags) | set(choice.flags_set))
    run.score += choice.score
    fields = ["position", "current_scene", "flags", "score", "updated_at"]
    if target.is_ending:
        run.status = ScenarioRun.Status.FINISHED
        run.outcome = target.outcome
        if OUTCOME_RANK[target.outcome] > OUTCOME_RANK.get(run.best_outcome, 0):
            run.best_outcome = target.outcome
        run.first_finished_at = run.first_finished_at or timezone.now()
        fields += ["status", "outcome", "best_outcome", "first_finished_at"]
    run.save(update_fields=fields)
    return step


@transaction.atomic
def run_back(*, run: ScenarioRun, attempt: int, position: int) -> ScenarioRun:
    """Take back the last choice, returning to the scene it was made in.

    Only a run in progress can go back: an ending is where the learner's decisions led,
    and the way to try another path is to start again. A repeated request changes nothing.
    """
    run = ScenarioRun.objects.select_for_update().get(pk=run.pk)
    if (attempt, position) != (run.attempt, run.position) or run.position == 0:
        return run
    if run.is_finished:
        raise MoveRefused(ALREADY_FINISHED)
    last = _recorded_step(run=run, attempt=run.attempt, position=run.position)
    last.retracted = True
    last.save(update_fields=["retracted"])
    kept = list(run.steps.filter(attempt=run.attempt, retracted=False))
    run.position -= 1
    run.current_scene = last.scene_key
    run.flags = sorted({flag for step in kept for flag in step.flags_set})
    run.score = sum(step.score for step in kept)
    run.save(update_fields=["position", "current_scene", "flags", "score", "updated_at"])
    return run


@transaction.atomic
def run_restart(*, run: ScenarioRun, attempt: int) -> ScenarioRun:
    """Start a new attempt at the start scene; earlier attempts stay for the analytics."""
    run = ScenarioRun.objects.select_for_update(of=("self",)).select_related("page").get(pk=run.pk)
    if attempt != run.attempt:
        return run
    if not Scene.objects.filter(page_id=run.page_id, key=run.page.start_scene).exists():
        raise MoveRefused(NOT_PLAYABLE)
    run.attempt += 1
    run.position = 0
    run.current_scene = run.page.start_scene
    run.flags = []
    run.score = 0
    run.status = ScenarioRun.Status.ACTIVE
    run.outcome = ""
    run.save(
        update_fields=[
            "attempt",
            "position",
            "current_scene",
            "flags",
            "score",
            "status",
            "outcome",
            "updated_at",
        ]
    )
    return run


# Runs of an anonymous visitor are remembered in their session under this key, so that they
# can be moved to the account when the visitor signs up or logs in (which changes the
# session key, but keeps the session's data).
SESSION_RUNS_KEY = "scenario_runs"


def session_run_remember(*, session, run: ScenarioRun) -> None:
    runs = session.get(SESSION_RUNS_KEY, [])
    if run.pk not in runs:
        session[SESSION_RUNS_KEY] = [*runs, run.pk]


def session_runs_claim(*, user, session) -> int:
    """Move the visitor's anonymous runs to their account; returns how many were moved.

    A scenario the learner already played with their account keeps that run: the account's
    history counts for completion, and merging two paths would make neither true. A run
    that reached an ending completes, for the account, the lessons that require it.
    """
    run_ids = session.pop(SESSION_RUNS_KEY, [])
    claimed = 0
    for run in ScenarioRun.objects.filter(pk__in=run_ids, user__isnull=True).select_related("page"):
        try:
            with transaction.atomic():
                updated = ScenarioRun.objects.filter(pk=run.pk, user__isnull=True).update(
                    user=user, session_key=""
                )
        except IntegrityError:
            continue  # the account already has a run of this scenario
        claimed += updated
        if updated and run.first_finished_at is not None:
            activity_done.send(sender=ScenarioPage, instance=run.page, user=user, session=None)
    return claimed
