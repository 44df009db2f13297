"""`make bench`: the production server under load, on the scale data set.

Builds a database with the demo content and `seed_scale` (10,000 learners in 50
organisations, 12 modules), starts gunicorn with the production settings (`bench.settings`:
2 sync workers, DEBUG off, whitenoise), and drives each address with wrk. Every figure is
also given as a ratio to a minimal Django view measured in the same run on the same server.

    .venv/bin/python -m bench.run                 # SQLite, in bench/.data/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/signaal_bench .venv/bin/python -m bench.run

Options: --duration (seconds per address), --reuse (keep a database built with the same
sizes), --organisations/--learners/--modules, --only NAME (repeatable: measure only the
addresses whose name contains NAME, e.g. --only 'logged in' --only export --only editor).

The parts: `database` builds the data, `fixtures` prepares sessions and posts, `server` runs
gunicorn, `load` drives wrk, `editor` opens and saves a 200-scene scenario in the page
editor, `report` writes the tables.
"""

import argparse
import json
import os
import shutil
import sys

from bench.common import DATA, log
from bench.database import database_build, environment, manage
from bench.editor import editor_measure, editor_prepare
from bench.fixtures import fixtures_prepare, rows_written
from bench.load import POST_CONNECTIONS, wrk
from bench.report import report
from bench.server import Server, check_status, csv_rows, export_measure


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
    measure_editor = wanted("Editor: open") or wanted("Editor: save")
    if measure_editor:
        fixtures |= editor_prepare()
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
        editor = editor_measure(fixtures) if measure_editor else []

    text = report(results, baseline, exports, rows, database_url, editor)
    print("\n" + text)
    if args.only:
        return 0  # a partial run does not replace the record of the last full one
    database = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    (DATA / f"last-run-{database}.md").write_text(text + "\n")
    (DATA / f"last-run-{database}.json").write_text(
        json.dumps([r.__dict__ for r in [*results, *editor]], indent=2)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
