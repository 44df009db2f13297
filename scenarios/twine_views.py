"""Admin views to import a Twine story as a draft scenario and to export one as Twee 3."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .models import ScenarioPage
from .twee import MAX_FILE_BYTES, MAX_PASSAGES, StoryError
from .twine import can_import_under, import_parents, scenario_import, scenario_twee, twee_filename

NAMES_SHOWN = 20


class TwineImportForm(forms.Form):
    parent = forms.ModelChoiceField(
        queryset=Page.objects.none(),
        label=gettext_lazy("Place the scenario under"),
        help_text=gettext_lazy("A sector page, a module, a lesson or another page you can add to."),
        empty_label=gettext_lazy("Choose a page"),
    )
    file = forms.FileField(
        label=gettext_lazy("Twine file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".twee,.tw,.txt,.html,.htm"}),
    )

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Twee (.twee or .tw, from 'Export as Twee') or HTML (from 'Publish to File'), "
            "at most %(size)d MB and %(passages)d passages. A passage tagged ending-good, "
            "ending-partial or ending-harmful becomes an ending with that outcome."
        ) % {"size": MAX_FILE_BYTES // (1024 * 1024), "passages": MAX_PASSAGES}
        field = self.fields["parent"]
        field.queryset = parents
        trails = _trails(list(parents))
        field.label_from_instance = lambda page: trails.get(page.pk, page.title)


def _trails(pages: list[Page]) -> dict[int, str]:
    """'Home › Onderwijs › Module' for each page, from one query for all their ancestors."""
    steplen = Page.steplen
    paths = {
        page.path[:end] for page in pages for end in range(steplen * 2, len(page.path), steplen)
    }
    titles = dict(Page.objects.filter(path__in=paths).values_list("path", "title"))
    return {
        page.pk: " › ".join(
            [titles[page.path[:end]] for end in range(steplen * 2, len(page.path), steplen)]
            + [page.title]
        )
        for page in pages
    }


def _names(names: list[str]) -> str:
    shown = ", ".join(f"'{name}'" for name in names[:NAMES_SHOWN])
    return shown + (" …" if len(names) > NAMES_SHOWN else "")


def _report(request, result) -> None:
    scenes = ngettext("%(count)d scene", "%(count)d scenes", result.scenes) % {
        "count": result.scenes
    }
    choices = ngettext("%(count)d choice", "%(count)d choices", result.choices) % {
        "count": result.choices
    }
    messages.success(
        request,
        _("'%(title)s' was imported as a draft scenario with %(scenes)s and %(choices)s.")
        % {"title": result.page.title, "scenes": scenes, "choices": choices},
    )
    endings = result.endings_without_outcome
    if endings:
        messages.warning(
            request,
            ngettext(
                "This ending still needs an outcome (good, partial or harmful) before you can "
                "publish: %(scenes)s.",
                "These %(count)d endings still need an outcome (good, partial or harmful) "
                "before you can publish: %(scenes)s.",
                len(endings),
            )
            % {"count": len(endings), "scenes": _names(endings)},
        )
    if result.skipped:
        messages.info(
            request,
            _("Passages with code or layout for Twine were left out: %(passages)s.")
            % {"passages": _names(result.skipped)},
        )


def twine_import(request):
    """Upload a Twine story and get a draft scenario, or every reason the file was refused."""
    parents = import_parents(request.user)
    if request.method == "POST":
        form = TwineImportForm(request.POST, request.FILES, parents=parents)
        if form.is_valid():
            parent = form.cleaned_data["parent"]
            upload = form.cleaned_data["file"]
            if not can_import_under(request.user, parent):
                form.add_error("parent", _("You cannot add a scenario under this page."))
            else:
                try:
                    result = scenario_import(
                        data=upload.read(MAX_FILE_BYTES + 1),
                        parent=parent,
                        user=request.user,
                        fallback_title=upload.name.rsplit(".", 1)[0],
                    )
                except StoryError as refused:
                    form.add_error("file", refused.shown)
                else:
                    _report(request, result)
                    return redirect("wagtailadmin_pages:edit", result.page.pk)
    else:
        form = TwineImportForm(parents=parents, initial={"parent": request.GET.get("parent")})
    return TemplateResponse(
        request,
        "scenarios/admin/twine_import.html",
        {"form": form, "has_parents": parents.exists()},
    )


@require_GET
def twee_export(request, page_id: int):
    """The scenario's latest draft as a Twee 3 file, for those who may edit it."""
    page = get_object_or_404(ScenarioPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    response = HttpResponse(scenario_twee(page), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, twee_filename(page))
    return response
