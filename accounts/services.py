import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import User
from .privacy import kept_records_settle, user_links

TRAINER_GROUP_NAME = "Trainers"

# Trainers write and publish training content anywhere in the page tree and manage the
# images and documents it uses; platform settings and regions stay with administrators.
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Trainers build question banks and quizzes, mark open answers and see everyone's results.
TRAINER_QUIZ_PERMISSIONS = [
    *(
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("quiz", "question", "questionbank")
    ),
    "publish_quiz",
    "view_all_results",
    "mark_answers",
]
TRAINER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


@transaction.atomic
def trainer_group_ensure() -> Group:
    """Create or complete the Trainers group with the permissions authors need."""
    group, _created = Group.objects.get_or_create(name=TRAINER_GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root_page = Page.get_first_root_node()
    for codename in TRAINER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="quizzes", codename__in=TRAINER_QUIZ_PERMISSIONS
        )
    )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in TRAINER_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return group


@transaction.atomic
def user_upsert_verified(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create or reset an account whose e-mail address counts as verified (demo and imports)."""
    email = email.strip().lower()
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": is_staff,
            "is_superuser": is_superuser,
            "is_active": True,
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase a person's account and everything they did on the platform.

    - Progress, quiz attempts and answers, scenario runs and choices, statement answers,
      reflections, memberships of organisations and reminders are deleted.
    - Certificates stay valid, because an employer or inspector may still verify one, but
      they become anonymous: the name on them is erased, so the public verification page
      says that the certificate was issued, and to nobody in particular.
    - A person without certificates is deleted outright. A person with certificates keeps
      an empty, locked account row that the certificates point to: no name, no e-mail
      address, no password, and it can never log in again.
    """
    kept = kept_records_settle(user)
    if not kept:
        user.delete()
        return

    for link in user_links():
        if link.model in kept:
            continue
        rows = link.model._default_manager.filter(**{link.field.name: user})
        if link.owns:
            rows.delete()
        elif link.field.null:
            rows.update(**{link.field.name: None})

    EmailAddress.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"verwijderd-{user.pk}-{secrets.token_hex(8)}@deleted.invalid"
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
