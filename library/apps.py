from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The ground the learning apps stand on: the signal taxonomy, the completion protocol
    that lesson blocks follow, and the events between the apps that record what learners do.

    It imports no other app of the project but `website`, so quizzes, scenarios and courses
    can all build on it.
    """

    name = "library"
    verbose_name = _("Signal library")
