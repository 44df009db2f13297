"""The room of a live session, simulated: phones that poll and vote, and the presenter's
screen that polls the tally, each as a browser with htmx does it.

Every phone polls `/doe-mee/<code>/stand/` every two seconds and, when it sees a new
statement open, votes after a pause of up to three seconds, as people read and tap. The
presenter polls `/live/<pk>/stand/` every 500 ms. All of them run as coroutines in one
thread (asyncio): 200 client threads would take a core of this small machine from the
server under test. Each request opens its own connection (gunicorn's sync workers close it
after the response) and records when it was sent and answered, so that the update latency
can be worked out afterwards: from a vote's 2xx answer to the end of the first presenter
poll sent after it.
"""

import asyncio
import random
import re
import secrets
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

from bench.server import PORT

PHONE_POLL_SECONDS = 2.0
PRESENTER_POLL_SECONDS = 0.5
MAX_VOTE_DELAY_SECONDS = 3.0
HTMX = {"HX-Request": "true"}

ROOM_POLL = re.compile(r'hx-get="(/doe-mee/[^"]+/stand/\?v=\d+)"')
ROOM_STATE = re.compile(r'data-stage="(\w+)" data-item="(-?\d+)"')
VOTE_VALUES = re.compile(r'name="value" value="([^"]+)"')
TALLY_POLL = re.compile(r'hx-get="(/live/\d+/stand/\?v=\d+&amp;h=[^"]*)"')
TALLY_VOTES = re.compile(r'data-votes="(\d+)"')
COOKIE = re.compile(r"signaal_live=([^;]+)")


@dataclass
class Answer:
    status: int
    body: str
    sent: float
    answered: float
    headers: dict = field(default_factory=dict)


async def request(method: str, path: str, *, cookie: str = "", fields=None, headers=None):
    """One HTTP/1.1 request on its own connection, read until the server closes it."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{PORT}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    body = b""
    if fields is not None:
        body = urllib.parse.urlencode(fields).encode()
        lines += ["Content-Type: application/x-www-form-urlencoded"]
    lines.append(f"Content-Length: {len(body)}")
    sent = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout=30)
        writer.close()
    except (OSError, TimeoutError) as error:
        return Answer(0, str(error), sent, time.monotonic())
    answered = time.monotonic()
    head, _sep, content = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    received: dict[str, str] = {}
    for line in header_lines:  # several Set-Cookie headers join up
        name, _colon, value = line.partition(": ")
        received[name] = f"{received[name]}, {value}" if name in received else value
    status = int(status_line.split()[1]) if status_line.startswith("HTTP/") else 0
    return Answer(status, content.decode(errors="replace"), sent, answered, received)


@dataclass
class Room:
    """What the phones and the presenter share: the votes answered, the timings, errors."""

    code: str
    done: asyncio.Event = field(default_factory=asyncio.Event)
    acks: list = field(default_factory=list)  # (item, answered at, value)
    sent: dict = field(default_factory=dict)  # item -> Counter of values answered 2xx
    vote_ms: list = field(default_factory=list)
    phone_poll_ms: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    requests: int = 0

    def count(self, answer: Answer, what: str, ok=(200,)) -> bool:
        self.requests += 1
        if answer.status not in ok:
            self.errors.append(f"{what}: {answer.status} {answer.body[:120]}")
            return False
        return True

    def acked(self, item: int, answer: Answer, value: str) -> None:
        self.acks.append((item, answer.answered, value))
        self.sent.setdefault(item, Counter())[value] += 1
        self.vote_ms.append(1000 * (answer.answered - answer.sent))

    def acked_for(self, item: int) -> int:
        return sum(self.sent.get(item, Counter()).values())


class Phone:
    def __init__(self, room: Room, csrf: str, seed: int):
        self.room, self.csrf = room, csrf
        self.random = random.Random(seed)
        self.cookie = f"csrftoken={csrf}"
        self.poll_path = ""
        self.voted: set[int] = set()

    async def enter(self) -> bool:
        """Join the session as its QR code's page does; False when refused."""
        answer = await request(
            "POST",
            f"/doe-mee/{self.room.code}/",
            cookie=self.cookie,
            fields={"csrfmiddlewaretoken": self.csrf, "nickname": ""},
        )
        found = COOKIE.search(answer.headers.get("Set-Cookie", ""))
        if not self.room.count(answer, "join", ok=(302,)) or not found:
            return False
        self.cookie += f"; signaal_live={found.group(1)}"
        page = await request("GET", f"/doe-mee/{self.room.code}/", cookie=self.cookie)
        self.room.count(page, "room")
        self.poll_path = ROOM_POLL.search(page.body).group(1)
        return True

    async def run(self):
        await asyncio.sleep(self.random.uniform(0, PHONE_POLL_SECONDS))
        while not self.room.done.is_set():
            started = time.monotonic()
            answer = await request("GET", self.poll_path, cookie=self.cookie, headers=HTMX)
            if self.room.count(answer, "phone poll", ok=(200, 204)):
                self.room.phone_poll_ms.append(1000 * (answer.answered - answer.sent))
                if answer.status == 200:
                    self.poll_path = ROOM_POLL.search(answer.body).group(1)
                    await self._maybe_vote(answer.body)
            await asyncio.sleep(max(0.0, PHONE_POLL_SECONDS - (time.monotonic() - started)))

    async def _maybe_vote(self, fragment: str) -> None:
        state = ROOM_STATE.search(fragment)
        if state is None or state.group(1) != "open" or int(state.group(2)) in self.voted:
            return
        item = int(state.group(2))
        values = VOTE_VALUES.findall(fragment)
        await asyncio.sleep(self.random.uniform(0, MAX_VOTE_DELAY_SECONDS))
        value = self.random.choice(values)
        answer = await request(
            "POST",
            f"/doe-mee/{self.room.code}/stem/",
            cookie=self.cookie,
            fields={"csrfmiddlewaretoken": self.csrf, "value": value},
            headers=HTMX,
        )
        if self.room.count(answer, "vote"):
            self.voted.add(item)
            self.room.acked(item, answer, value)


@dataclass
class Presenter:
    """The trainer's screen: moves by form posts, and polls the tally between them."""

    room: Room
    pk: int
    cookie: str
    csrf: str
    polls: list = field(default_factory=list)  # (item, sent, answered, votes shown)
    shown: int = 0
    tally_path: str = ""

    async def move(self, action: str) -> None:
        answer = await request(
            "POST",
            f"/live/{self.pk}/stap/{action}/",
            cookie=self.cookie,
            fields={"csrfmiddlewaretoken": self.csrf},
        )
        self.room.count(answer, f"move {action}", ok=(303, 302))
        page = await request("GET", f"/live/{self.pk}/", cookie=self.cookie)
        if self.room.count(page, "presenter page") and TALLY_POLL.search(page.body):
            self.tally_path = TALLY_POLL.search(page.body).group(1).replace("&amp;", "&")
            self.shown = int(TALLY_VOTES.search(page.body).group(1))

    async def poll_until(self, item: int, *, votes: int, timeout: float) -> bool:
        """Poll every 500 ms until the tally shows `votes` and that many were answered."""
        deadline = time.monotonic() + timeout
        next_poll = time.monotonic()
        while time.monotonic() < deadline:
            answer = await request("GET", self.tally_path, cookie=self.cookie, headers=HTMX)
            if self.room.count(answer, "presenter poll", ok=(200, 204)):
                if answer.status == 200:
                    self.shown = int(TALLY_VOTES.search(answer.body).group(1))
                    found = TALLY_POLL.search(answer.body)
                    self.tally_path = found.group(1).replace("&amp;", "&")
                self.polls.append((item, answer.sent, answer.answered, self.shown))
            if self.shown >= votes and self.room.acked_for(item) >= votes:
                return True
            next_poll += PRESENTER_POLL_SECONDS
            await asyncio.sleep(max(0.0, next_poll - time.monotonic()))
        return False


def update_latencies(room: Room, polls: list) -> tuple[list[float], int]:
    """Per answered vote: ms from its 2xx to the end of the first presenter poll sent after
    it, and how many such polls showed fewer votes than were answered by then (stale)."""
    by_item: dict[int, list] = {}
    for item, sent, answered, shown in polls:
        by_item.setdefault(item, []).append((sent, answered, shown))
    latencies, stale = [], 0
    answered = Counter()
    for item, acked_at, _value in sorted(room.acks, key=lambda ack: ack[1]):
        answered[item] += 1
        answered_before = answered[item]
        following = next((poll for poll in by_item.get(item, []) if poll[0] >= acked_at), None)
        if following is None:
            continue
        latencies.append(1000 * (following[1] - acked_at))
        if following[2] < answered_before:
            stale += 1
    return latencies, stale


def new_csrf() -> str:
    return secrets.token_hex(16)
