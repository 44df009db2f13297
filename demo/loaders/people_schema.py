"""The rules for the demo accounts and the demo organisations."""

from organisations.models import Organisation
from quizzes.models import Answer

from .checks import Checker, item_key, join
from .files import ContentFile

ACCOUNT_FIELDS = ["role", "email", "password", "first_name", "last_name"]


def account_check(check: Checker, item, where: str, *, keyed: bool) -> dict:
    check.mapping(
        item,
        where,
        required=[*(["key"] if keyed else []), *ACCOUNT_FIELDS],
        optional=["is_staff", "is_superuser", "trainer"],
    )
    account = {
        name: check.text(item[name], join(where, name), blank=False) for name in ACCOUNT_FIELDS
    }
    if "@" not in account["email"]:
        check.fail(join(where, "email"), f"'{account['email']}' is not an e-mail address")
    account["key"] = check.slug(item["key"], join(where, "key")) if keyed else ""
    for flag in ("is_staff", "is_superuser", "trainer"):
        account[flag] = check.boolean(item.get(flag), join(where, flag))
    return account


def accounts_check(file: ContentFile, known) -> list[dict]:
    check = Checker(file)
    data = check.mapping(file.data, "", required=["accounts"], optional=["sample_attempts"])
    items = check.listing(data["accounts"], "accounts", empty=False)
    check.unique(items, "accounts", "key")
    check.unique(items, "accounts", "email")
    accounts = []
    for index, item in enumerate(items):
        account = account_check(check, item, item_key("accounts", index, item, "key"), keyed=True)
        known.accounts.add(account["key"])
        accounts.append(account)
    return accounts


def sample_attempts_check(file: ContentFile, known) -> list[dict]:
    check = Checker(file)
    attempts = []
    for index, item in enumerate(
        check.listing(file.data.get("sample_attempts"), "sample_attempts")
    ):
        at = f"sample_attempts[{index}]"
        check.mapping(
            item,
            at,
            required=["account", "quiz"],
            optional=["wrong_answers", "essay_answer", "marked_by", "mark", "marker_comment"],
        )
        marker = item.get("marked_by")
        if marker is not None:
            check.known(marker, join(at, "marked_by"), known.accounts, "account")
        attempts.append(
            {
                "account": check.known(
                    item["account"], join(at, "account"), known.accounts, "account"
                ),
                "quiz": check.known(item["quiz"], join(at, "quiz"), known.quizzes, "quiz"),
                "wrong_answers": check.integer(
                    item.get("wrong_answers"), join(at, "wrong_answers"), minimum=0
                ),
                "essay_answer": check.text(item.get("essay_answer"), join(at, "essay_answer")),
                "marked_by": marker,
                "mark": check.choice(
                    item.get("mark", Answer.Mark.CORRECT), join(at, "mark"), Answer.Mark
                ),
                "marker_comment": check.text(
                    item.get("marker_comment"), join(at, "marker_comment")
                ),
            }
        )
    return attempts


def organisation_check(check: Checker, item, where: str, known) -> dict:
    check.mapping(
        item,
        where,
        required=["slug", "name", "kind", "join_code", "teams", "manager", "email_domain"],
        optional=["region", "staff", "assignments", "members", "list_first_staff_member_as"],
    )
    teams = [
        check.text(team, f"{where}.teams[{index}]", blank=False)
        for index, team in enumerate(
            check.listing(item["teams"], join(where, "teams"), empty=False)
        )
    ]
    manager = item["manager"]
    if isinstance(manager, str):
        manager = check.known(manager, join(where, "manager"), known.accounts, "account")
    else:
        manager = account_check(check, manager, join(where, "manager"), keyed=False)
    region = item.get("region")
    if region is not None:
        check.known(region, join(where, "region"), known.regions, "region")
    staff = []
    for index, person in enumerate(check.listing(item.get("staff"), join(where, "staff"))):
        at = f"{where}.staff[{index}]"
        check.mapping(person, at, required=["first_name", "last_name"])
        staff.append(
            {name: check.text(person[name], join(at, name), blank=False) for name in person}
        )
    assignments = []
    for index, assignment in enumerate(
        check.listing(item.get("assignments"), join(where, "assignments"))
    ):
        at = f"{where}.assignments[{index}]"
        check.mapping(assignment, at, required=["module", "due_in_days"], optional=["team"])
        team = assignment.get("team")
        if team is not None:
            check.known(team, join(at, "team"), teams, "team")
        assignments.append(
            {
                "module": check.known(
                    assignment["module"], join(at, "module"), known.modules, "module"
                ),
                "team": team,
                "due_in_days": check.integer(assignment["due_in_days"], join(at, "due_in_days")),
            }
        )
    members = []
    for index, member in enumerate(check.listing(item.get("members"), join(where, "members"))):
        at = f"{where}.members[{index}]"
        check.mapping(member, at, required=["account"], optional=["team"])
        team = member.get("team")
        if team is not None:
            check.known(team, join(at, "team"), teams, "team")
        members.append(
            {
                "account": check.known(
                    member["account"], join(at, "account"), known.accounts, "account"
                ),
                "team": team,
            }
        )
    listed = check.text(
        item.get("list_first_staff_member_as"), join(where, "list_first_staff_member_as")
    )
    if listed and not staff:
        check.fail(join(where, "list_first_staff_member_as"), "the organisation has no staff")
    return {
        "slug": check.slug(item["slug"], join(where, "slug")),
        "name": check.text(item["name"], join(where, "name"), blank=False),
        "kind": check.choice(item["kind"], join(where, "kind"), Organisation.Kind),
        "region": region,
        "join_code": check.text(item["join_code"], join(where, "join_code"), blank=False),
        "teams": teams,
        "manager": manager,
        "email_domain": check.text(item["email_domain"], join(where, "email_domain"), blank=False),
        "staff": staff,
        "assignments": assignments,
        "members": members,
        "list_first_staff_member_as": listed,
    }


def organisations_check(file: ContentFile, known) -> dict:
    check = Checker(file)
    data = check.mapping(
        file.data,
        "",
        required=["staff_password", "organisations"],
        optional=["progress_pattern", "essay_answer"],
    )
    pattern = check.listing(data.get("progress_pattern"), "progress_pattern") or [None]
    for index, step in enumerate(pattern):
        if step is not None:
            check.integer(step, f"progress_pattern[{index}]", minimum=-1)
    items = check.listing(data["organisations"], "organisations")
    check.unique(items, "organisations")
    return {
        "staff_password": check.text(data["staff_password"], "staff_password", blank=False),
        "progress_pattern": pattern,
        "essay_answer": check.text(data.get("essay_answer"), "essay_answer"),
        "organisations": [
            organisation_check(check, item, item_key("organisations", index, item), known)
            for index, item in enumerate(items)
        ],
    }
