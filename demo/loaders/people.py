"""Demo accounts, what trainers may do with quizzes, and sample attempts of the demo learner."""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from wagtail.models import Locale

from accounts.models import User
from accounts.services import trainer_group_ensure, user_upsert_verified
from quizzes.models import Answer, Attempt, Question, Quiz
from quizzes.services import Taker, answer_mark, answer_submit, attempt_start

# Trainers author question banks and quizzes, see every result and mark open answers.
TRAINER_QUIZ_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("quiz", "question", "questionbank")
    for action in ("add", "change", "delete", "view")
] + ["publish_quiz", "view_all_results", "mark_answers"]
# Trainers run live 'De bril op' sessions and keep sets of statements for them.
TRAINER_LIVE_PERMISSIONS = ["run_session"] + [
    f"{action}_statementset" for action in ("add", "change", "delete", "view")
]


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    first_name: str
    last_name: str


def account_upsert(account: dict) -> User:
    return user_upsert_verified(
        email=account["email"],
        password=account["password"],
        first_name=account["first_name"],
        last_name=account["last_name"],
        is_staff=account.get("is_staff", False),
        is_superuser=account.get("is_superuser", False),
    )


def accounts_load(accounts: list[dict]) -> dict[str, User]:
    """The accounts by key; loading again resets their names and passwords."""
    users = {account["key"]: account_upsert(account) for account in accounts}
    trainers = [users[account["key"]] for account in accounts if account["trainer"]]
    if trainers:
        group = trainer_group_ensure()
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="quizzes", codename__in=TRAINER_QUIZ_PERMISSIONS
            ),
            *Permission.objects.filter(
                content_type__app_label="live", codename__in=TRAINER_LIVE_PERMISSIONS
            ),
        )
        for user in trainers:
            user.groups.add(group)
    return users


def sample_attempt_make(data: dict, users: dict[str, User]) -> None:
    """One finished attempt, the first `wrong_answers` questions wrong, made only once.

    With a marker, the open answers are marked too, so that the attempt gets its score.
    """
    user = users[data["account"]]
    quiz = Quiz.objects.get(title=data["quiz"], locale=Locale.get_default())
    if Attempt.objects.filter(quiz=quiz, user=user).exists():
        return
    attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
    questions = Question.objects.prefetch_related("options").in_bulk(attempt.question_ids)
    for index, question_id in enumerate(attempt.question_ids):
        question = questions[question_id]
        if question.kind == Question.Kind.ESSAY:
            answer_submit(
                attempt=attempt, question_id=question_id, option_ids=[], text=data["essay_answer"]
            )
            continue
        options = list(question.options.all())
        right = [option.pk for option in options if option.is_correct]
        wrong = [option.pk for option in options if not option.is_correct][:1]
        answer_submit(
            attempt=attempt,
            question_id=question_id,
            option_ids=wrong if index < data["wrong_answers"] else right,
        )
    if data["marked_by"] is not None:
        for answer in attempt.answers.filter(question__kind=Question.Kind.ESSAY):
            answer_mark(
                answer=answer,
                mark=Answer.Mark(data["mark"]),
                marker=users[data["marked_by"]],
                comment=data["marker_comment"],
            )


def sample_attempts_load(attempts: list[dict], users: dict[str, User]) -> None:
    for data in attempts:
        sample_attempt_make(data, users)


def listed_accounts(accounts: list[dict], organisations: dict) -> list[DemoAccount]:
    """Every login the demo makes that `load_demo` prints, in the order it prints them."""

    def listed(account: dict) -> DemoAccount:
        return DemoAccount(*(account[name] for name in DemoAccount.__dataclass_fields__))

    result = [listed(account) for account in accounts]
    for organisation in organisations["organisations"]:
        if isinstance(organisation["manager"], dict):
            result.append(listed(organisation["manager"]))
    for organisation in organisations["organisations"]:
        role = organisation["list_first_staff_member_as"]
        if role:
            person = organisation["staff"][0]
            result.append(
                DemoAccount(
                    role=role,
                    email=staff_email(person, organisation["email_domain"]),
                    password=organisations["staff_password"],
                    first_name=person["first_name"],
                    last_name=person["last_name"],
                )
            )
    return result


def staff_email(person: dict, domain: str) -> str:
    local = f"{person['first_name']}.{person['last_name']}".lower().replace(" ", "")
    return f"{local}@{domain}"
