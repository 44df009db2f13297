from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Question, QuestionBank, Quiz


class LinksColumn(Column):
    """Links from a quiz in the listing to its results and item statistics on the site."""

    def get_value(self, instance):
        results = reverse("quizzes:trainer_results")
        return format_html(
            '<a href="{}?quiz={}">{}</a> · <a href="{}">{}</a>',
            results,
            instance.pk,
            _("Results"),
            reverse("quizzes:statistics", kwargs={"pk": instance.pk}),
            _("Item statistics"),
        )


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    list_display = [
        "title",
        "pass_mark",
        "max_attempts",
        "is_public",
        LinksColumn("links", label=_("Results")),
    ]
    list_filter = ["is_public", "feedback_mode"]
    search_fields = ["title"]


class BankQuestionsOnly:
    """A quiz's own questions are edited in the quiz; the banks' screens show the others."""

    def get_object_list(self):
        return super().get_object_list().filter(bank__isnull=False)


class BankQuestionChooseView(BankQuestionsOnly, ChooseView):
    pass


class BankQuestionChooseResultsView(BankQuestionsOnly, ChooseResultsView):
    pass


class BankQuestionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = BankQuestionChooseView
    choose_results_view_class = BankQuestionChooseResultsView


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions in banks")
    list_display = ["text", "kind", "bank"]
    list_filter = ["bank", "kind", "signals"]
    chooser_viewset_class = BankQuestionChooserViewSet

    def get_queryset(self, request):
        return Question.objects.filter(bank__isnull=False)


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = _("Question banks")
    list_display = ["title"]


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionBankViewSet)
    menu_icon = "tasks"
    menu_label = _("Quizzes")
    menu_name = "quizzes"
    menu_order = 250


register_snippet(QuizzesGroup)


class PermissionMenuItem(MenuItem):
    """A link from the admin menu to a trainers' page on the site, for those allowed in."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_marking_menu_item():
    return PermissionMenuItem(
        _("Mark essays"),
        reverse("quizzes:marking"),
        icon_name="edit",
        order=260,
        permission="quizzes.mark_answers",
    )


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return PermissionMenuItem(
        _("Quiz results"),
        reverse("quizzes:trainer_results"),
        icon_name="list-ul",
        order=261,
        permission="quizzes.view_all_results",
    )
