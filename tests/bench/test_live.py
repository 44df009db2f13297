"""The live benchmark's arithmetic: which presenter poll shows a vote, and percentiles."""

from bench.live import live_database_url, percentile
from bench.live_load import Answer, Room, update_latencies


def ack(room: Room, item: int, at: float, value: str = "agree") -> None:
    room.acked(item, Answer(status=200, body="", sent=at - 0.01, answered=at), value)


def test_a_vote_shows_in_the_first_poll_sent_after_its_answer():
    room = Room(code="ABCD2345")
    ack(room, 0, 1.00)
    ack(room, 0, 1.20)
    polls = [(0, 0.90, 1.05, 0), (0, 1.40, 1.45, 2), (0, 1.90, 1.95, 2)]
    latencies, stale = update_latencies(room, polls)
    assert [round(ms) for ms in latencies] == [450, 250]
    assert stale == 0


def test_a_poll_that_shows_fewer_votes_than_answered_is_counted_stale():
    room = Room(code="ABCD2345")
    ack(room, 0, 1.0)
    ack(room, 1, 1.1)
    polls = [(0, 1.5, 1.6, 0), (1, 1.5, 1.6, 1)]
    latencies, stale = update_latencies(room, polls)
    assert len(latencies) == 2
    assert stale == 1


def test_percentiles():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 51
    assert percentile(values, 0.95) == 95
    assert percentile([], 0.95) == 0.0


def test_the_live_benchmark_never_uses_the_scale_database(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signaal_bench")
    assert live_database_url().endswith("/signaal_bench_live")
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signaal_bench_live")
    assert live_database_url().endswith("/signaal_bench_live")
