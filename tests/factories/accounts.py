"""Accounts."""

import factory
from django.contrib.auth.models import Permission

from accounts.models import User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can log in with PASSWORD; `permissions=["quizzes.mark_answers"]` grants
    permissions by app label and codename."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the manager, so that the password is hashed and the address normalised.
        return cls._get_manager(model_class).create_user(*args, **kwargs)

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        for name in extracted or ():
            app_label, codename = name.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
