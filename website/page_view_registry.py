"""A page model says what a page is; its app's `page_views` module says what the page shows.

Why: selectors, services and forms import the page models, so a page model that imported
them to build its context would import its own readers. Python accepts such a circle only
when the import is hidden inside a function, and then the order the app's modules load in
decides whether it works. So the two are kept apart:

- the page model keeps its fields, panels and rules, and takes `PageViewMixin`;
- `<app>/page_views.py` sits above the selectors like any view module: it imports models,
  selectors and services at the top and registers what each page shows with
  `@page_view(LessonPage, "serve")`;
- the app's `AppConfig.ready()` imports its `page_views` module, so every function is
  registered before the first request. A page type with the mixin and no registration at
  all raises an error instead of showing a page without its content.

The names a page type can register, and what `PageViewMixin` does with them:

- "context": `function(page, request) -> dict`, added to the context Wagtail builds;
- "serve": `function(page, request, *args, **kwargs)`, returning the response, or None to
  let Wagtail serve the page as usual (the convention of Wagtail's `before_serve_page`);
- "preview": `function(page, request, mode_name)`, the response for the editor's preview;
  without it Wagtail's preview serves the page, through "serve";
- any other name: a part of the page that its model reaches with
  `page.call_page_view(name, request, ...)`, such as a routable page's subpage.

This module is the bottom of every app that has pages: it imports no model.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_registry: dict[type, dict[str, Callable]] = {}


def page_view(model: type, name: str) -> Callable[[Callable], Callable]:
    """Register the decorated function as what pages of `model` use for `name`."""

    def register(function: Callable) -> Callable:
        views = _registry.setdefault(model, {})
        if name in views:
            raise ImproperlyConfigured(
                f"{model.__name__} has two page views named {name!r}: "
                f"{views[name].__module__}.{views[name].__qualname__} and "
                f"{function.__module__}.{function.__qualname__}."
            )
        views[name] = function
        return function

    return register


def page_views_for(model: type) -> dict[str, Callable]:
    """The functions registered for a page type, by name."""
    try:
        return _registry[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"No page views are registered for {model.__name__}: import its app's "
            "page_views module in the app's AppConfig.ready()."
        ) from None


class PageViewMixin:
    """For page types whose content comes from functions in their app's `page_views`.

    Put it before Wagtail's Page (and the other page mixins) in the bases, so that the
    registered functions run where the model's own methods would.
    """

    def call_page_view(self, name: str, request, *args, **kwargs):
        """The registered function `name` for this page, called with the request."""
        return page_views_for(type(self))[name](self, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        view = page_views_for(type(self)).get("context")
        if view is not None:
            context.update(view(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        view = page_views_for(type(self)).get("serve")
        if view is not None:
            response = view(self, request, *args, **kwargs)
            if response is not None:
                return response
        return super().serve(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        view = page_views_for(type(self)).get("preview")
        if view is None:
            return super().serve_preview(request, mode_name)
        return view(self, request, mode_name)
