import pytest
from django.core.exceptions import ImproperlyConfigured

from courses.models import LessonPage
from scenarios.models import ScenarioPage
from website.models import HelpPage
from website.page_view_registry import PageViewMixin, page_view, page_views_for


class WagtailPage:
    """Stands in for Wagtail's Page: what the mixin falls back to."""

    def get_context(self, request, *args, **kwargs):
        return {"page": self}

    def serve(self, request, *args, **kwargs):
        return "served by Wagtail"

    def serve_preview(self, request, mode_name):
        return f"Wagtail's preview ({mode_name})"


class ShownPage(PageViewMixin, WagtailPage):
    pass


@page_view(ShownPage, "context")
def shown_context(page, request):
    return {"greeting": f"hello {request}"}


@page_view(ShownPage, "serve")
def shown_serve(page, request, *args, **kwargs):
    return "refused" if request == "stranger" else None


@page_view(ShownPage, "part")
def shown_part(page, request, *, slug):
    return f"part {slug}"


def test_the_registered_functions_add_to_wagtails_context_and_serve():
    page = ShownPage()
    assert page.get_context("visitor") == {"page": page, "greeting": "hello visitor"}
    assert page.serve("stranger") == "refused"
    # Returning None lets Wagtail serve the page; without a preview view, Wagtail previews.
    assert page.serve("visitor") == "served by Wagtail"
    assert page.serve_preview("visitor", "") == "Wagtail's preview ()"
    assert page.call_page_view("part", "visitor", slug="a") == "part a"


def test_a_name_is_registered_once_per_page_type():
    with pytest.raises(ImproperlyConfigured, match="two page views named 'part'"):
        page_view(ShownPage, "part")(lambda page, request: None)


def test_a_page_type_without_registrations_says_which_module_to_import():
    class ForgottenPage(PageViewMixin, WagtailPage):
        pass

    with pytest.raises(ImproperlyConfigured, match="No page views are registered"):
        ForgottenPage().get_context("visitor")


def test_the_apps_register_their_page_views_when_django_starts():
    assert set(page_views_for(LessonPage)) == {"context", "serve"}
    assert set(page_views_for(ScenarioPage)) == {"serve", "preview", "editor_graph"}
    assert set(page_views_for(HelpPage)) == {"context"}
