"""`make cluster-check`: what must hold when Signaal runs on several app servers, proven on
the cluster `make cluster` started. Prints a line per proof and a one-line summary; exits 1
when one fails.

Run with the cluster's environment (CLUSTER_DIR/env); it talks HTTP to HAProxy and to each
app server, and reads the database through Django to see what was stored.
"""

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import django
import requests
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402

from accounts.models import User  # noqa: E402
from courses.models import CourseIndexPage, CoursePage  # noqa: E402
from organisations.models import Assignment, Membership, Organisation, Reminder  # noqa: E402
from quizzes.models import Answer, Question, Quiz  # noqa: E402
from quizzes.services import Taker, attempt_start  # noqa: E402

CLUSTER_DIR = Path(os.environ["CLUSTER_DIR"])
PROXY = f"http://127.0.0.1:{os.environ['CLUSTER_PROXY_PORT']}"
APP_PORTS = [os.environ[f"CLUSTER_APP{i}_PORT"] for i in (1, 2, 3)]
SERVERS = [f"http://127.0.0.1:{port}" for port in APP_PORTS]
MANAGER = ("manager@signaal.test", "beheer-met-signaal")
LEARNER = ("leerling@signaal.test", "leren-met-signaal")
ADMIN = ("admin@signaal.test", "beheer-het-platform")
TIMEOUT = 10


class Failed(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


def logged_in(base: str, account: tuple[str, str]) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/account/login/", timeout=TIMEOUT)
    token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})
    response = session.post(
        f"{base}/account/login/",
        data={"login": account[0], "password": account[1], "csrfmiddlewaretoken": token["value"]},
        headers={"Referer": f"{base}/account/login/"},
        timeout=TIMEOUT,
    )
    check(response.ok and "sessionid" in session.cookies, f"logging in at {base} failed")
    return session


def form_data(html: str, form_id: str | None = None) -> tuple[dict, str]:
    """What a browser without JavaScript sends for the page's form (the first one with a
    CSRF token, or the one with `form_id`), and its action."""
    soup = BeautifulSoup(html, "html.parser")
    forms = [soup.find("form", id=form_id)] if form_id else soup.find_all("form")
    form = next(f for f in forms if f and f.find("input", {"name": "csrfmiddlewaretoken"}))
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file", "button"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data, form.get("action") or ""


def proof_sessions() -> str:
    session = logged_in(SERVERS[0], LEARNER)
    for base in SERVERS[1:]:
        response = session.get(f"{base}/leren/", timeout=TIMEOUT, allow_redirects=False)
        check(response.status_code == 200, f"the session made on :{APP_PORTS[0]} fails on {base}")
        # Only a signed-in visitor has 'Mijn leren' with a log-out button.
        check("Uitloggen" in response.text, f"{base} does not know the learner of the session")
    return "a session made on one server works on the other two"


def proof_publish() -> str:
    page = CourseIndexPage.objects.live().order_by("path").first()
    check(page is not None, "no published module index in the demo content")
    admin = logged_in(SERVERS[0], ADMIN)
    # Every server has the page in its caches (memory, shared cache) before the change.
    for base in SERVERS:
        requests.get(f"{base}{page.url}", timeout=TIMEOUT)
    edit_url = f"{SERVERS[0]}/admin/pages/{page.pk}/edit/"
    data, _action = form_data(admin.get(edit_url, timeout=TIMEOUT).text, form_id="page-edit-form")
    title = f"Gepubliceerd {uuid.uuid4().hex[:8]}"
    data["title"] = title
    data["action-publish"] = "action-publish"
    response = admin.post(edit_url, data=data, headers={"Referer": edit_url}, timeout=TIMEOUT)
    check(response.ok, f"publishing through :{APP_PORTS[0]} answered {response.status_code}")
    published = time.monotonic()
    pending = set(SERVERS)
    while pending and time.monotonic() - published < 5:
        for base in list(pending):
            if title in requests.get(f"{base}{page.url}", timeout=TIMEOUT).text:
                pending.discard(base)
        time.sleep(0.05)
    took = time.monotonic() - published
    check(not pending, f"{sorted(pending)} still served the old page after 5 s")
    check(took <= 1.0, f"the new page reached every server only after {took:.2f} s")
    return f"a page published on one server is served by all three after {took:.2f} s"


def png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 60)).save(output, format="PNG")
    return output.getvalue()


def proof_upload() -> str:
    admin = logged_in(SERVERS[1], ADMIN)
    image_bytes = png()
    add_url = f"{SERVERS[1]}/admin/images/add/"
    data, _action = form_data(admin.get(add_url, timeout=TIMEOUT).text)
    title = f"Upload {uuid.uuid4().hex[:8]}"
    data["title"] = title
    response = admin.post(
        add_url,
        data=data,
        files={"file": ("cluster.png", image_bytes, "image/png")},
        headers={"Referer": add_url},
        timeout=TIMEOUT,
    )
    check(response.ok, f"uploading through :{APP_PORTS[1]} answered {response.status_code}")
    image = get_image_model().objects.filter(title=title).first()
    check(image is not None, "the uploaded image was not stored")
    for base in SERVERS:
        shown = requests.get(f"{base}{image.file.url}", timeout=TIMEOUT)
        check(shown.ok and shown.content == image_bytes, f"{base} does not show the uploaded image")
        listing = admin.get(f"{base}/admin/images/?q={title}", timeout=TIMEOUT)
        check(title in listing.text, f"{base}'s image library does not list the upload")
    return "an image uploaded through one server is shown by all three"


def proof_reminders() -> str:
    mail = Path(os.environ["CLUSTER_MAIL_DIR"])
    # A new organisation each run: a reminder is sent once per learner and stage, ever.
    run = uuid.uuid4().hex[:8]
    organisation = Organisation.objects.create(slug=f"cluster-{run}", name=f"Cluster {run}")
    course = CoursePage.objects.live().order_by("path").first()
    for i in range(20):
        user = User.objects.create(email=f"lid{i}-{run}@cluster.example.org", first_name=f"Lid{i}")
        Membership.objects.create(
            user=user, organisation=organisation, role=Membership.Role.LEARNER
        )
    Assignment.objects.create(
        organisation=organisation, course=course, due_date=timezone.localdate()
    )
    before = {path.name for path in mail.glob("*.log")}
    python = sys.executable
    queued = subprocess.run(
        [python, "manage.py", "send_reminders"], capture_output=True, text=True, check=True
    ).stdout
    count = int(queued.split()[0])
    check(count >= 20, f"send_reminders queued {count} reminders, 20 learners are late")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status IN ('READY', 'RUNNING')"
            )
            if cursor.fetchone()[0] == 0:
                break
        time.sleep(0.2)
    messages = []
    for path in sorted(mail.glob("*.log")):
        if path.name not in before:
            messages += re.findall(r"^To: (.+)$", path.read_text(), flags=re.MULTILINE)
    ours = [to for to in messages if to.endswith(f"-{run}@cluster.example.org")]
    reminded = Reminder.objects.filter(assignment__organisation=organisation).count()
    check(len(messages) == count, f"{count} reminders queued, {len(messages)} e-mails sent")
    check(len(set(messages)) == len(messages), "a reminder e-mail was sent twice")
    check(len(set(ours)) == len(ours) == reminded == 20, f"{len(ours)} e-mails to 20 late learners")
    workers = worker_ids_that_ran()
    return f"{count} reminders with two workers ({workers} ran tasks): each e-mail sent once"


def worker_ids_that_ran() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(DISTINCT w) FROM django_tasks_database_dbtaskresult,"
            " jsonb_array_elements_text(worker_ids::jsonb) AS w"
        )
        return cursor.fetchone()[0]


def replica_reads() -> int:
    replica = os.environ["DATABASE_REPLICA_URL"]
    output = subprocess.run(
        [
            "psql",
            replica.replace("postgres://", "postgresql://"),
            "-tAc",
            "SELECT tup_returned FROM pg_stat_database WHERE datname = current_database()",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(output.strip())


def proof_replica() -> str:
    manager = logged_in(PROXY, MANAGER)
    organisation = Organisation.objects.filter(
        memberships__user__email=MANAGER[0], memberships__role=Membership.Role.MANAGER
    ).first()
    dashboard = f"{PROXY}/organisatie/{organisation.slug}/"
    export = f"{PROXY}/organisatie/{organisation.slug}/export.csv"
    manager.get(dashboard, timeout=TIMEOUT)
    time.sleep(0.6)  # statistics reach pg_stat_database within half a second
    before = replica_reads()
    for url in (dashboard, export):
        check(manager.get(url, timeout=TIMEOUT).ok, f"{url} failed with the replica up")
    time.sleep(0.6)
    read = replica_reads() - before
    check(read > 100, f"the replica returned {read} rows for the dashboard and export")

    pg_ctl = [os.environ["CLUSTER_PG_BIN"] + "/pg_ctl", "-D", os.environ["CLUSTER_REPLICA_DATA"]]
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [*as_postgres, *pg_ctl, "-m", "immediate", "-w", "stop"], check=True, capture_output=True
    )
    try:
        for url in (dashboard, export):
            response = manager.get(url, timeout=TIMEOUT)
            check(response.ok, f"{url} answered {response.status_code} with the replica down")
        check(
            organisation.name in manager.get(dashboard, timeout=TIMEOUT).text,
            "the dashboard without the replica lacks the organisation",
        )
    finally:
        log = (
            CLUSTER_DIR
            / "logs"
            / f"postgres-{os.environ['DATABASE_REPLICA_URL'].split(':')[-1].split('/')[0]}.log"
        )
        subprocess.run(
            [
                *as_postgres,
                *pg_ctl,
                "-l",
                str(log),
                "-o",
                f"-p {os.environ['DATABASE_REPLICA_URL'].split(':')[-1].split('/')[0]} "
                f"-k {CLUSTER_DIR}/pg -c listen_addresses=127.0.0.1",
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )
    return (
        f"the dashboard and export read {read} rows from the replica, and are served by the "
        "primary while it is down"
    )


def session_cookie(user) -> dict:
    """Cookies of a signed-in session for `user`, made in the shared session store."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"sessionid": session.session_key, "csrftoken": uuid.uuid4().hex}


def answer_posts(learners: int) -> list[tuple]:
    """For each of `learners` new learners: cookies, the quiz's take address, the answer to
    every question of an attempt started for them, and the attempt's id."""
    batch = uuid.uuid4().hex[:6]
    quizzes = list(Quiz.objects.order_by("pk"))
    posts = []
    for i in range(learners):
        user = User.objects.create(email=f"kill{i}-{batch}@cluster.example.org")
        for quiz in quizzes:
            attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
            if attempt.question_ids:
                break
        cookies = session_cookie(user)
        questions = Question.objects.prefetch_related("options").in_bulk(attempt.question_ids)
        answers = []
        for question_id in attempt.question_ids:
            question = questions[question_id]
            data = {"csrfmiddlewaretoken": cookies["csrftoken"], "question": question_id}
            if question.kind == Question.Kind.ESSAY:
                data["text"] = "Ik bespreek het met de aandachtsfunctionaris."
            else:
                data["options"] = question.options.all()[0].pk
            answers.append(data)
        posts.append((cookies, f"/quiz/{attempt.quiz_id}/take/", answers, attempt.pk))
    return posts


def proof_kill() -> str:
    posts = answer_posts(24)
    results = {"ok": 0, "failed": 0, "answered": 0}
    lock = threading.Lock()

    def learner(cookies, path, answers):
        session = requests.Session()
        session.cookies.update(cookies)
        for data in answers:
            try:
                response = session.post(
                    f"{PROXY}{path}",
                    data=data,
                    allow_redirects=False,
                    headers={"Referer": f"{PROXY}{path}"},
                    timeout=TIMEOUT,
                )
                outcome = "ok" if response.status_code < 400 else "failed"
            except requests.RequestException:
                outcome = "failed"
            with lock:
                results[outcome] += 1
            time.sleep(0.02)

    threads = [threading.Thread(target=learner, args=post[:3]) for post in posts]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    victim = int((CLUSTER_DIR / "pids" / "app2.pid").read_text())
    os.killpg(victim, signal.SIGKILL)
    for thread in threads:
        thread.join()
    sent = sum(len(post[2]) for post in posts)
    stored = Answer.objects.filter(attempt_id__in=[post[3] for post in posts]).count()
    restart_app2()
    check(results["ok"] + results["failed"] == sent, "not every answer was sent")
    # A request the killed server had taken is lost with it (at most one per connection);
    # every other request is served by the other two.
    check(
        results["failed"] <= len(posts),
        f"{results['failed']} requests failed, more than were in flight",
    )
    # Stored: every 2xx/3xx answer, plus any the killed server stored before it could reply.
    check(
        results["ok"] <= stored <= results["ok"] + results["failed"],
        f"{stored} answers stored for {results['ok']} answered",
    )
    return (
        f"app server :{APP_PORTS[1]} killed under load: {results['ok']} of {sent} answers "
        f"answered, {results['failed']} lost in flight, {stored} stored (none doubled)"
    )


def restart_app2() -> None:
    log = open(CLUSTER_DIR / "logs" / "app2.log", "a")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "website.wsgi",
            "--config",
            "deploy/gunicorn.conf.py",
        ],
        env={**os.environ, "PORT": APP_PORTS[1], "HOST": "127.0.0.1"},
        stdout=log,
        stderr=log,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    (CLUSTER_DIR / "pids" / "app2.pid").write_text(str(process.pid))


PROOFS = [
    ("sessions", proof_sessions),
    ("publish", proof_publish),
    ("upload", proof_upload),
    ("reminders", proof_reminders),
    ("kill", proof_kill),
    ("replica", proof_replica),
]


def main() -> int:
    passed = []
    failed = []
    chosen = sys.argv[1:]
    for name, proof in PROOFS:
        if chosen and name not in chosen:
            continue
        started = time.monotonic()
        try:
            said = proof()
        except (Failed, requests.RequestException, subprocess.CalledProcessError) as error:
            failed.append(name)
            print(f"FAIL {name}: {error}", flush=True)
        else:
            passed.append(name)
            print(f"ok   {name}: {said} ({time.monotonic() - started:.1f} s)", flush=True)
    print(
        f"cluster-check: {len(passed)} passed, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
