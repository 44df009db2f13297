r"""`make bench`, live sessions: 200 phones vote on 10 statements against gunicorn.

    .venv/bin/python -m bench.live        # SQLite, in bench/.data/live.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/signaal_bench_live .venv/bin/python \
        -m bench.live                     # PostgreSQL

A fresh database (the PostgreSQL one is dropped and made again; a name not ending in
`_live` gets that ending, so the scale database of `bench.run` is never touched), a trainer
and a session of ten statements; then gunicorn as `bench.run` starts it, 200 phones that join
with the session's code, poll and vote (`bench/live_load.py`), and the presenter, who opens
each statement, polls the tally until every vote shows, and closes the voting.

Checks, per statement: the counts in the database and on the presenter's screen equal the
votes answered 2xx, value by value (every vote counted exactly once), and no request failed.
Measures the presenter's update latency: from a vote's 2xx to the end of the first presenter
poll sent after it, p50 and p95.
"""

import argparse
import asyncio
import os
import statistics
import sys
import time

from bench.common import DATA, log
from bench.database import database_reset, environment, manage
from bench.live_load import Phone, Presenter, Room, new_csrf, update_latencies
from bench.server import Server

PARTICIPANTS = 200
ITEMS = 10
ITEM_TIMEOUT_SECONDS = 60
# Phones joining at the same moment: a room fills over a minute or so, not in one instant.
JOINING_AT_ONCE = 10
P95_TARGET_MS = 1000


def live_database_url() -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA / 'live.sqlite3'}"
    if url.startswith("sqlite") or url.endswith("_live"):
        return url
    return url + "_live"


def session_prepare(env: dict) -> dict:
    """A trainer's logged-in cookie and a session of ITEMS statements, made in this process."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Permission
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.cache import cache
    from django.db import connection

    from accounts.models import User
    from live.services import StatementSource, session_start_statements

    cache.clear()  # the rate limits of an earlier run
    # Logged in through a session made here; the account needs no usable password.
    trainer = User.objects.filter(email="live-trainer@bench.test").first()
    trainer = trainer or User.objects.create_user(email="live-trainer@bench.test", password=None)
    trainer.user_permissions.add(Permission.objects.get(codename="run_session"))
    store = SessionStore()
    store[SESSION_KEY] = str(trainer.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = trainer.get_session_auth_hash()
    store.create()
    session = session_start_statements(
        user=trainer,
        title="Benchmark: tien stellingen",
        statements=[
            StatementSource(text=f"Stelling {n}", expert_view=f"<p>Uitleg {n}</p>")
            for n in range(1, ITEMS + 1)
        ],
    )
    connection.close()
    return {"pk": session.pk, "code": session.code, "sessionid": store.session_key}


def database_counts(pk: int) -> dict[int, dict[str, int]]:
    from django.db import connection

    from live.models import LiveItem
    from live.services import item_counts

    items = dict(LiveItem.objects.filter(session_id=pk).values_list("pk", "position"))
    counts = {items[item_id]: counts for item_id, counts in item_counts(items).items()}
    connection.close()
    return counts


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def room_run(room: Room, presenter: Presenter, participants: int, items: int):
    """Join every phone, then go through the statements; (phones joined, items timed out)."""
    gate = asyncio.Semaphore(JOINING_AT_ONCE)

    async def enter(phone: Phone) -> bool:
        async with gate:
            return await phone.enter()

    phones = [Phone(room, new_csrf(), seed) for seed in range(participants)]
    joined = sum(await asyncio.gather(*(enter(phone) for phone in phones)))
    log(f"{joined} of {participants} phones joined; voting on {items} statements.")
    polling = [asyncio.create_task(phone.run()) for phone in phones]
    timed_out = []
    for item in range(items):
        await presenter.move("start" if item == 0 else "next")
        if not await presenter.poll_until(item, votes=joined, timeout=ITEM_TIMEOUT_SECONDS):
            timed_out.append(item)
        await presenter.move("close")
    room.done.set()
    await asyncio.gather(*polling)
    return joined, timed_out


def run(participants: int, items: int, *, reuse: bool = False) -> str:
    database_url = live_database_url()
    env = environment(database_url)
    DATA.mkdir(exist_ok=True)
    started = time.monotonic()
    if not reuse:
        database_reset(database_url)
        manage(env, "createcachetable")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    log(f"Database ready in {time.monotonic() - started:.0f} s.")
    prepared = session_prepare(env)
    room = Room(code=prepared["code"])
    csrf = new_csrf()
    presenter = Presenter(
        room=room,
        pk=prepared["pk"],
        cookie=f"sessionid={prepared['sessionid']}; csrftoken={csrf}",
        csrf=csrf,
    )
    load_before = os.getloadavg()[0]
    with Server(env):
        joined, timed_out = asyncio.run(room_run(room, presenter, participants, items))
    load_after = os.getloadavg()[0]
    counted = database_counts(prepared["pk"])
    latencies, stale = update_latencies(room, presenter.polls)
    mismatches = [
        item for item in range(items) if counted.get(item, {}) != dict(room.sent.get(item, {}))
    ]
    shown_last = {}
    for item, _sent, _answered, shown in presenter.polls:
        shown_last[item] = shown
    screen_mismatches = [
        item
        for item in range(items)
        if shown_last.get(item) != sum(room.sent.get(item, {}).values())
    ]
    votes_sent = sum(sum(counter.values()) for counter in room.sent.values())
    votes_counted = sum(sum(counts.values()) for counts in counted.values())
    database = "SQLite" if database_url.startswith("sqlite") else "PostgreSQL"
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    lines = [
        f"Live session, {database}: {joined} phones, {items} statements; gunicorn with 2 sync "
        f"workers; phones poll every 2 s, the presenter every 500 ms.",
        "",
        "| Measure | Value |",
        "|---|---:|",
        f"| Votes answered 2xx | {votes_sent:,} |",
        f"| Votes counted in the database | {votes_counted:,} |",
        f"| Statements whose counts differ from the votes sent | {len(mismatches)} |",
        f"| Statements whose final screen differs from the votes sent | {len(screen_mismatches)} |",
        f"| Presenter polls that showed fewer votes than answered | {stale} |",
        f"| Requests | {room.requests:,} |",
        f"| Errors (non-2xx or failed requests) | {len(room.errors)} |",
        f"| Presenter update latency p50 (ms) | {p50:.0f} |",
        f"| Presenter update latency p95 (ms) | {p95:.0f} "
        f"(target < {P95_TARGET_MS}: {'met' if p95 < P95_TARGET_MS else 'MISSED'}) |",
        f"| Vote POST p50 / p95 (ms) | {percentile(room.vote_ms, 0.5):.0f} / "
        f"{percentile(room.vote_ms, 0.95):.0f} |",
        f"| Phone poll p50 / p95 (ms) | {percentile(room.phone_poll_ms, 0.5):.0f} / "
        f"{percentile(room.phone_poll_ms, 0.95):.0f} |",
        f"| Mean presenter poll (ms) | "
        f"{statistics.mean(1000 * (a - s) for _i, s, a, _n in presenter.polls):.0f} |",
        f"| Machine load (1-minute average) before / after | {load_before:.1f} / "
        f"{load_after:.1f} |",
    ]
    if timed_out:
        lines.append(f"\nStatements where not every vote showed in time: {timed_out}")
    if room.errors:
        lines.append("\nFirst errors: " + "; ".join(room.errors[:5]))
    ok = not (mismatches or screen_mismatches or room.errors or timed_out or stale)
    lines.append(f"\nResult: {'every vote counted exactly once, 0 errors' if ok else 'FAILED'}.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--items", type=int, default=ITEMS)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a run before")
    args = parser.parse_args()
    text = run(args.participants, args.items, reuse=args.reuse)
    print("\n" + text)
    database = "sqlite" if live_database_url().startswith("sqlite") else "postgresql"
    (DATA / f"last-live-{database}.md").write_text(text + "\n")
    return 0 if "FAILED" not in text else 1


if __name__ == "__main__":
    sys.exit(main())
