"""`make bench`: the production server under load, on the scale data set.

Builds a database with the demo content and `seed_scale` (10,000 learners in 50
organisations, 12 modules), starts gunicorn with the production settings (2 sync workers,
DEBUG off, whitenoise), and drives each address with wrk. Every figure is also given as a
ratio to a minimal Django view measured in the same run on the same server.

    .venv/bin/python bench/run.py                 # SQLite, in bench/.data/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/signaal_bench .venv/bin/python bench/run.py

Options: --duration (seconds per address), --reuse (keep a database built with the same
sizes), --organisations/--learners/--modules, --only NAME (repeatable: measure only the
addresses whose name contains NAME, e.g. --only 'logged in' --only export).
"""

import argparse
import datetime
import itertools
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
WORKERS = 2
CONNECTIONS = 8
POST_CONNECTIONS = 32
POST_SCRIPT = ROOT / "bench" / "post.lua"
# Learners outside the large organisation who post during the run, each with a new answer
# or choice to store. A quiz attempt has about fourteen questions, so each quiz learner
# gives that many posts; a scenario learner gives one. Enough for about 500 posts a second.
QUIZ_POST_USERS = 1_000
SCENARIO_POST_USERS = 6_000
TARGETS = {
    # name: (minimum ratio to the minimal view, maximum p50 in ms)
    "Lesson, anonymous": (0.50, None),
    "Lesson, logged in": (0.15, None),
    "Quiz answer POST": (0.10, None),
    "Scenario choice POST": (0.10, None),
    "Manager dashboard, 2,000 learners": (None, 300),
}
EXPORT_MEMORY_TARGET_MB = 150


@dataclass
class Result:
    name: str
    connections: int
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    note: str = ""


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY="bench-only-not-secret",  # noqa: S106 - a throwaway local server
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        DEBUG="false",
    )
    if redis_available():
        env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")
    return env


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_reset(database_url: str) -> None:
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    maintenance = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def database_build(env: dict, args) -> None:
    sizes = f"{args.organisations}/{args.learners}/{args.modules}"
    stamp = DATA / f"built-{re.sub(r'[^a-z0-9]+', '-', env['DATABASE_URL'])}.txt"
    if args.reuse and stamp.exists() and stamp.read_text() == sizes:
        log(f"Reusing the database built for {sizes}.")
        return
    started = time.monotonic()
    database_reset(env["DATABASE_URL"])
    manage(env, "createcachetable")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo")
    manage(
        env,
        "seed_scale",
        f"--organisations={args.organisations}",
        f"--learners={args.learners}",
        f"--modules={args.modules}",
    )
    stamp.write_text(sizes)
    log(f"Database built in {time.monotonic() - started:.0f} s.")


def fixtures_prepare(env: dict, *, with_posts: bool = True) -> dict:
    """Sessions, quiz attempts and scenario runs for the load, made through the services.

    The attempts and runs take a minute; a run that measures no POSTs goes without them.
    """
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.cache import cache
    from django.db import connection
    from django.utils.crypto import get_random_string

    from bench.scale import EMAIL_DOMAIN, ORGANISATION_PREFIX
    from courses.models import Enrolment, LessonPage
    from organisations.models import Membership
    from quizzes.models import Attempt, Quiz
    from quizzes.services import Taker, attempt_start
    from scenarios.models import Choice, ScenarioPage, ScenarioRun
    from scenarios.services import run_start

    cache.clear()

    def cookie_for(user) -> tuple[str, str]:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        token = get_random_string(32)
        return f"sessionid={session.session_key}; csrftoken={token}", token

    large = f"{ORGANISATION_PREFIX}groot"
    enrolment = (
        Enrolment.objects.filter(
            user__memberships__organisation__slug=large,
            completed_at__isnull=True,
            course__is_public=True,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    lesson = LessonPage.objects.live().child_of(enrolment.course).order_by("path")[1]
    learner_cookie, _token = cookie_for(enrolment.user)
    manager = Membership.objects.get(organisation__slug=large, role=Membership.Role.MANAGER).user
    manager_cookie, _token = cookie_for(manager)

    fixtures = {
        "lesson": lesson.url,
        "learner_cookie": learner_cookie,
        "manager_cookie": manager_cookie,
        "dashboard": f"/organisatie/{large}/",
        "export_csv": f"/organisatie/{large}/export.csv",
        "export_xlsx": f"/organisatie/{large}/export.xlsx",
    }
    if not with_posts:
        connection.close()
        return fixtures

    posters = list(
        Membership.objects.filter(
            role=Membership.Role.LEARNER, user__email__endswith=f"@{EMAIL_DOMAIN}"
        )
        .exclude(organisation__slug=large)
        .select_related("user")
        .order_by("pk")[: QUIZ_POST_USERS + SCENARIO_POST_USERS]
    )
    quiz_users = [m.user for m in posters[:QUIZ_POST_USERS]]
    scenario_users = [m.user for m in posters[QUIZ_POST_USERS:]]

    # A run of the benchmark with --reuse starts its posts afresh, as learners who have not
    # answered or chosen anything yet.
    Attempt.objects.filter(user__in=quiz_users).delete()
    ScenarioRun.objects.filter(user__in=scenario_users).delete()

    quiz = max(Quiz.objects.filter(pk__in=_quizzes_in_lessons()), key=lambda q: q.pk)
    per_learner = []
    for user in quiz_users:
        cookie, token = cookie_for(user)
        attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
        per_learner.append(
            [
                "\t".join([cookie, f"/quiz/{quiz.pk}/take/", _answer_body(question_id, token)])
                for question_id in attempt.question_ids
            ]
        )
    # Every learner's first answer, then every learner's second, and so on: a learner answers
    # one question after another, so two posts at the same moment are two learners'.
    quiz_lines = [line for round_ in itertools.zip_longest(*per_learner) for line in round_ if line]

    page = ScenarioPage.objects.live().order_by("pk").first()
    first_choice = Choice.objects.filter(scene__page=page, scene__key=page.start_scene).first()
    scenario_lines = []
    for user in scenario_users:
        cookie, token = cookie_for(user)
        run = run_start(page=page, user=user)
        body = (
            f"csrfmiddlewaretoken={token}&action=choose&choice_id={first_choice.pk}"
            f"&attempt={run.attempt}&position={run.position}"
        )
        scenario_lines.append("\t".join([cookie, page.url, body]))

    (DATA / "quiz-posts.tsv").write_text("\n".join(quiz_lines) + "\n")
    (DATA / "scenario-posts.tsv").write_text("\n".join(scenario_lines) + "\n")
    connection.close()
    return fixtures | {
        "quiz_posts": DATA / "quiz-posts.tsv",
        "scenario_posts": DATA / "scenario-posts.tsv",
    }


def _quizzes_in_lessons() -> list[int]:
    from courses.models import LessonPage

    ids = []
    for lesson in LessonPage.objects.live():
        ids += [block.value["quiz"].pk for block in lesson.body if block.block_type == "quiz"]
    return ids


def _answer_body(question_id: int, token: str) -> str:
    from quizzes.models import Question

    question = Question.objects.prefetch_related("options").get(pk=question_id)
    fields = [f"csrfmiddlewaretoken={token}", f"question={question_id}"]
    if question.kind == Question.Kind.ESSAY:
        fields.append("text=Ik+zou+het+bespreken+met+de+aandachtsfunctionaris.")
    else:
        fields.append(f"options={question.options.all()[0].pk}")
    return "&".join(fields)


class Server:
    """gunicorn with the production settings, as `make serve` runs it."""

    def __init__(self, env: dict):
        self.env = env
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "website.wsgi",
                f"--bind=127.0.0.1:{PORT}",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                "--timeout=300",
                f"--error-logfile={DATA / 'gunicorn.log'}",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if fetch("/bench/minimal/")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not start; see {DATA / 'gunicorn.log'}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def restart_workers(self) -> None:
        """New workers, so that a memory peak belongs to what they serve next."""
        before = set(self.workers())
        self.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = set(self.workers())
            if len(now) == WORKERS and not now & before:
                break
            time.sleep(0.2)
        for _ in range(4):
            fetch("/bench/minimal/")


def peak_memory_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    kilobytes = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
    return kilobytes / 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(path: str, cookie: str = "") -> tuple[int, bytes]:
    opener = urllib.request.build_opener(_NoRedirect)
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(BASE + path, headers=headers)  # noqa: S310 - loopback only
    try:
        with opener.open(request, timeout=300) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(name, path, *, duration, connections=CONNECTIONS, cookie="", posts=None) -> Result:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout=10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if posts:
        command += ["-s", str(POST_SCRIPT), BASE + path, "--", str(posts), "2"]
    else:
        command.append(BASE + path)
    # A short run first, so that caches and connections are warm for the measured one. Its
    # posts come from the end of the file, so the measured run's are all new.
    warm_up = [*command[:3], "-d2s", *command[4:]] + (["reverse"] if posts else [])
    subprocess.run(warm_up, capture_output=True, check=True)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = {pct: float(value) * UNITS_MS[unit] for pct, value, unit in LATENCY.findall(output)}
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if sockets:
        # A sync worker closes each connection after its response; wrk may count the
        # close as a read error, which is not a failed request. Connect errors and
        # timeouts are.
        errors += int(sockets.group(1)) + int(sockets.group(4))
    if not requests:
        errors = max(errors, 1)  # nothing answered within the run is a failure in itself
    return Result(
        name, connections, requests, rps, latency.get("50", 0.0), latency.get("99", 0.0), errors
    )


def check_status(path: str, cookie: str, expected: int = 200) -> None:
    status, _body = fetch(path, cookie)
    if status != expected:
        raise RuntimeError(f"{path} answered {status}, not {expected}: the set-up is wrong")


def rows_written(model_label: str) -> int:
    from django.apps import apps
    from django.db import connection

    count = apps.get_model(model_label).objects.count()
    connection.close()
    return count


def export_measure(server: Server, path: str, cookie: str) -> tuple[float, int, float]:
    server.restart_workers()
    started = time.monotonic()
    status, body = fetch(path, cookie)
    elapsed = time.monotonic() - started
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    return elapsed, len(body), max(peak_memory_mb(pid) for pid in server.workers())


def csv_rows(path: str, cookie: str) -> int:
    _status, body = fetch(path, cookie)
    return body.decode("utf-8-sig").count("\n") - 1


def machine_summary(database_url: str) -> str:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    database = "SQLite" if database_url.startswith("sqlite") else "PostgreSQL"
    return (
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
        f"{memory_kb / 1024 / 1024:.0f} GiB, Python {platform.python_version()}, {database}"
    )


def table(results: list[Result], baseline: Result) -> list[str]:
    lines = [
        "| Address | Conns | Requests/s | Ratio to minimal | p50 ms | p99 ms | Errors | Target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        ratio = result.rps / baseline.rps if baseline.rps else 0
        target = TARGETS.get(result.name)
        verdict = ""
        if target:
            min_ratio, max_p50 = target
            if min_ratio is not None:
                ok = ratio >= min_ratio and (result.errors == 0 or "POST" not in result.name)
                verdict = f"≥ {min_ratio:.0%}: {'met' if ok else 'MISSED'}"
            else:
                ok = result.p50_ms <= max_p50
                verdict = f"p50 ≤ {max_p50} ms: {'met' if ok else 'MISSED'}"
        lines.append(
            f"| {result.name} | {result.connections} | {result.rps:,.0f} | {ratio:.1%} | "
            f"{result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.errors} | {verdict} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--modules", type=int, default=12)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="measure only the addresses whose name contains NAME (the minimal view always)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run `make bench`, which installs it (apt-get install wrk).")

    def wanted(name: str) -> bool:
        return not args.only or any(part.lower() in name.lower() for part in args.only)

    DATA.mkdir(exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA / 'bench.sqlite3'}"
    env = environment(database_url)
    database_build(env, args)
    manage(env, "collectstatic", "--no-input", "-v", "0")
    fixtures = fixtures_prepare(
        env, with_posts=wanted("Quiz answer POST") or wanted("Scenario choice POST")
    )
    learner, manager = fixtures["learner_cookie"], fixtures["manager_cookie"]
    duration = args.duration
    pages = [
        ("Lesson, anonymous", fixtures["lesson"], ""),
        ("Lesson, logged in", fixtures["lesson"], learner),
        ("Learner dashboard", "/leren/", learner),
        ("Manager dashboard, 2,000 learners", fixtures["dashboard"], manager),
    ]
    posts = [
        ("Quiz answer POST", "quiz_posts", "quizzes.Answer", "answers stored"),
        ("Scenario choice POST", "scenario_posts", "scenarios.ScenarioStep", "choices stored"),
    ]

    with Server(env) as server:
        for _name, path, cookie in pages:
            check_status(path, cookie)
        log(f"Measuring; each address for {duration} s after a 2 s warm-up.")
        baseline = wrk("Minimal Django view", "/bench/minimal/", duration=duration)
        results = [baseline]
        for name, path, cookie in pages:
            if wanted(name):
                results.append(wrk(name, path, duration=duration, cookie=cookie))
        for name, key, model_label, stored in posts:
            if not wanted(name):
                continue
            before = rows_written(model_label)
            result = wrk(
                name, "/", duration=duration, connections=POST_CONNECTIONS, posts=fixtures[key]
            )
            result.note = f"{rows_written(model_label) - before} {stored}"
            results.append(result)
        exports = []
        for label, key in (("CSV", "export_csv"), ("XLSX", "export_xlsx")):
            if wanted(f"{label} export"):
                seconds, size, peak = export_measure(server, fixtures[key], manager)
                exports.append((label, seconds, size, peak))
        rows = csv_rows(fixtures["export_csv"], manager) if exports else 0

    lines = [f"Run: {machine_summary(database_url)}; gunicorn, {WORKERS} sync workers.", ""]
    lines += table(results, baseline)
    lines.append("")
    lines += [f"- {r.name}: {r.note}" for r in results if r.note]
    if exports:
        lines.append("")
        lines.append("| Export | Rows | Seconds | Size MB | Peak worker memory MB | Target |")
        lines.append("|---|---:|---:|---:|---:|---|")
    for label, seconds, size, peak in exports:
        verdict = "met" if peak <= EXPORT_MEMORY_TARGET_MB else "MISSED"
        lines.append(
            f"| {label} | {rows:,} | {seconds:.1f} | {size / 1e6:.1f} | {peak:.0f} | "
            f"≤ {EXPORT_MEMORY_TARGET_MB} MB: {verdict} |"
        )
    report = "\n".join(lines)
    print("\n" + report)
    if args.only:
        return 0  # a partial run does not replace the record of the last full one
    database = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    (DATA / f"last-run-{database}.md").write_text(report + "\n")
    (DATA / f"last-run-{database}.json").write_text(
        json.dumps([r.__dict__ for r in results], indent=2)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
