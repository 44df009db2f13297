"""`make bench-cluster`: the bench's key pages through HAProxy with one, two and three app
servers in the pool, each figure against the minimal view through the same proxy.

    make bench-cluster                                    # starts and stops its own cluster
    make bench-cluster BENCH_ARGS="--duration 15 --keep"  # leave the cluster running

Starts `make cluster` with the minimal view added (`bench.cluster_settings`) unless such a
cluster runs already, waits until the machine is quiet (1-minute load below --max-load, for
at most --wait-minutes), then for each pool size takes the other servers out of the pool
through HAProxy's runtime API (maintenance: health checks do not bring them back), checks
that they stay out, and drives each address with wrk. While wrk runs it reads the CPU time
of each part of the cluster from /proc, so the table says what took the two cores.
Prints the tables and writes them to bench/.data/last-cluster.md.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.cluster_load import (
    Haproxy,
    Measurement,
    cpu_parts,
    load_average,
    wrk_measure,
)
from bench.common import DATA, PYTHON, ROOT, log

# The directory deploy/cluster/cluster.sh uses, with the same default.
CLUSTER_DIR = Path(os.environ.get("CLUSTER_DIR", "/tmp/signaal-cluster"))  # noqa: S108
SETTINGS = "bench.cluster_settings"
SERVERS = ["app1", "app2", "app3"]
PAGE_CONNECTIONS = 8
POST_CONNECTIONS = 32
# More posts than the fastest pool answers in a run and its warm-up, so none is sent twice.
POSTS_PER_SECOND_CEILING = 700


def cluster(command: str, **env: str) -> None:
    subprocess.run(
        ["bash", "deploy/cluster/cluster.sh", command],
        cwd=ROOT,
        env={**os.environ, "PYTHON": PYTHON, **env},
        check=True,
    )


def cluster_environment() -> dict:
    output = subprocess.run(
        ["bash", "-c", f'. "{CLUSTER_DIR}/env" && env -0'],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split("=", 1) for line in output.split("\0") if "=" in line)


def quiet_machine(max_load: float, wait_minutes: float) -> tuple[float, float]:
    """Waits until the 1-minute load is below `max_load`; the load then, and the wait."""
    started = time.monotonic()
    deadline = started + wait_minutes * 60
    while True:
        load = load_average()
        if load < max_load or time.monotonic() >= deadline:
            return load, time.monotonic() - started
        log(f"1-minute load {load:.2f}, waiting for it to fall below {max_load} ...")
        time.sleep(15)


def fixtures_prepare(env: dict, post_batches: int, posts_each: int) -> dict:
    """A lesson, a signed-in learner enrolled in its module, and for each pool size a file
    of quiz answers from learners who have not answered yet."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from accounts.models import User
    from bench.fixtures import _answer_body, _quizzes_in_lessons, session_cookie
    from courses.models import CoursePage, LessonPage
    from courses.services import enrolment_start
    from quizzes.models import Quiz
    from quizzes.services import Taker, attempt_start

    course = CoursePage.objects.live().filter(is_public=True).order_by("path").first()
    lesson = LessonPage.objects.live().child_of(course).order_by("path")[1]
    run = time.strftime("%Y%m%d%H%M%S")
    learner = User.objects.create(email=f"lezer-{run}@bench-cluster.example.org")
    enrolment_start(user=learner, course=course)
    learner_cookie, _token = session_cookie(learner)

    quiz = max(Quiz.objects.filter(pk__in=_quizzes_in_lessons()), key=lambda q: q.pk)
    files = []
    for batch in range(post_batches):
        lines, learners = [], 0
        rounds: list[list[str]] = []
        while len(lines) < posts_each:
            user = User.objects.create(
                email=f"quiz{batch}-{learners}-{run}@bench-cluster.example.org"
            )
            learners += 1
            cookie, token = session_cookie(user)
            attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
            answers = [
                "\t".join([cookie, f"/quiz/{quiz.pk}/take/", _answer_body(question, token)])
                for question in attempt.question_ids
            ]
            rounds.append(answers)
            lines += answers
        # Every learner's first answer, then every learner's second: two posts at the same
        # moment are two learners', as in `make bench`.
        ordered = [
            round_[i] for i in range(max(map(len, rounds))) for round_ in rounds if i < len(round_)
        ]
        path = DATA / f"cluster-quiz-posts-{batch + 1}.tsv"
        path.write_text("\n".join(ordered) + "\n")
        files.append(path)
    connection.close()
    return {"lesson": lesson.url, "learner_cookie": learner_cookie, "quiz_posts": files}


def answers_stored() -> int:
    from django.db import connection

    from quizzes.models import Answer

    count = Answer.objects.count()
    connection.close()
    return count


def measure(env: dict, fixtures: dict, duration: int, quiet) -> list[Measurement]:
    proxy = f"http://127.0.0.1:{env['CLUSTER_PROXY_PORT']}"
    haproxy = Haproxy(env["CLUSTER_HAPROXY_SOCKET"])
    parts = cpu_parts(CLUSTER_DIR)
    addresses = [
        ("Minimal Django view", "/bench/minimal/", "", PAGE_CONNECTIONS),
        ("Lesson, anonymous", fixtures["lesson"], "", PAGE_CONNECTIONS),
        ("Lesson, logged in", fixtures["lesson"], fixtures["learner_cookie"], PAGE_CONNECTIONS),
    ]
    results, starts = [], []
    for size in (1, 2, 3):
        haproxy.pool(SERVERS[:size], SERVERS[size:])
        # The run's own load fades too: each pool size starts on a quiet machine.
        load, waited = quiet()
        log(f"{size} app server(s) in the pool; 1-minute load {load:.2f} (waited {waited:.0f} s).")
        starts.append((size, load, waited))
        for name, path, cookie, connections in addresses:
            results.append(
                wrk_measure(
                    haproxy,
                    parts,
                    size,
                    name,
                    proxy + path,
                    duration=duration,
                    connections=connections,
                    cookie=cookie,
                )
            )
        before = answers_stored()
        result = wrk_measure(
            haproxy,
            parts,
            size,
            "Quiz answer POST",
            proxy + "/",
            duration=duration,
            connections=POST_CONNECTIONS,
            posts=fixtures["quiz_posts"][size - 1],
        )
        result.note = f"{answers_stored() - before} answers stored by the warm-up and the run"
        results.append(result)
    haproxy.pool(SERVERS, [])
    return results, starts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per address")
    parser.add_argument("--max-load", type=float, default=1.5)
    parser.add_argument("--wait-minutes", type=float, default=30)
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    args = parser.parse_args()
    for program in ("wrk", "haproxy"):
        if shutil.which(program) is None:
            sys.exit(f"{program} is missing: run `make bench-cluster`, which installs it.")
    DATA.mkdir(exist_ok=True)

    started_here = False
    if not (CLUSTER_DIR / "env").exists():
        log("Starting the cluster with the minimal view (bench.cluster_settings) ...")
        cluster("start", CLUSTER_SETTINGS=SETTINGS)
        started_here = True
    try:
        env = cluster_environment()
        if env.get("DJANGO_SETTINGS_MODULE") != SETTINGS:
            sys.exit(
                f"The cluster in {CLUSTER_DIR} runs without the minimal view: "
                "make cluster-stop, then make bench-cluster."
            )
        posts_each = POSTS_PER_SECOND_CEILING * (args.duration + 2)
        log(f"Preparing a signed-in learner and 3 × {posts_each} quiz answers ...")
        fixtures = fixtures_prepare(env, post_batches=3, posts_each=posts_each)
        deadline = time.monotonic() + args.wait_minutes * 60

        def quiet():
            return quiet_machine(args.max_load, max(deadline - time.monotonic(), 0) / 60)

        results, starts = measure(env, fixtures, args.duration, quiet)
        load_after = load_average()
    finally:
        if started_here and not args.keep:
            cluster("stop")

    from bench.cluster_report import report

    text = report(
        results, starts=starts, load_after=load_after, max_load=args.max_load,
        duration=args.duration,
    )  # fmt: skip
    print("\n" + text)
    (DATA / "last-cluster.md").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
