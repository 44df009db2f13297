"""An inline panel that writes its children from one rendered stamp.

Wagtail renders each child of an inline panel through some twenty templates (the panel,
each field's wrapper, label, help, errors, comment button and icons). A 200-scene scenario
has 740 scene and choice children, and their templates took most of the seconds the editor
needed to open. The children of one panel differ only in their prefixes and in what their
widgets show, so the child is rendered once per request as a stamp, with a marker where
each widget goes, and every child is that stamp with its own prefixes and its own widgets
put in. A child with errors is rendered the usual way. `tests/scenarios/test_editor_render.py`
holds the stamped editor to the usual one.
"""

import re

from django.forms import HiddenInput
from django.forms.boundfield import BoundField
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.admin.panels import InlinePanel, PanelGroup

CHILD_TEMPLATE = "wagtailadmin/panels/inline_panel_child.html"
# Stand-ins for a child's form prefix and panel prefix in the stamp; no content has them.
FORM_STAMP = "__stamp-form__"
PANEL_STAMP = "__stamp-panel__"
MARKER = re.compile("\x00(w|p):([^\x00]+)\x00")


class StampBoundField(BoundField):
    """In the stamp, a widget is a marker; the call is kept to make the real one alike."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        self.form.stamp_calls[self.name] = (widget, dict(attrs or {}), only_initial)
        return mark_safe(f"\x00w:{self.name}\x00")  # noqa: S308 (a marker, replaced later)


class Stamp:
    """One child rendered with markers, and how to make any child of the panel from it."""

    def __init__(self, html: str, calls: dict):
        self.html = html
        self.calls = calls

    def child_html(self, child, nested: dict) -> str:
        form = child.form

        def put_back(text: str) -> str:
            return text.replace(FORM_STAMP, form.prefix).replace(PANEL_STAMP, child.prefix)

        def fill(match) -> str:
            kind, name = match.groups()
            if kind == "p":
                return nested[name].render_html()
            widget, attrs, only_initial = self.calls[name]
            attrs = {key: put_back(str(value)) for key, value in attrs.items()}
            return form[name].as_widget(widget=widget, attrs=attrs, only_initial=only_initial)

        return MARKER.sub(fill, put_back(self.html))


def nested_inline_panels(bound_panel):
    """The stamped inline panels inside a child's panels (a scene's choices)."""
    for child in getattr(bound_panel, "children", ()):
        if isinstance(child, StampedInlinePanel.BoundPanel):
            yield child
        elif isinstance(child.panel, PanelGroup):
            yield from nested_inline_panels(child)


class StampedInlinePanel(InlinePanel):
    """Wagtail's InlinePanel, its children written from a stamp (see the module)."""

    stamping = True  # the tests compare with the usual rendering

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "scenarios/admin/stamped_inline_panel.html"

        def render_html(self, parent_context=None):
            if getattr(self.form, "stamp_calls", None) is not None:
                # This panel sits inside a stamp: the child it belongs to puts it in.
                return mark_safe(f"\x00p:{self.formset.prefix}\x00")  # noqa: S308
            return super().render_html(parent_context)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["children_html"] = mark_safe(  # noqa: S308 (rendered panels)
                "".join(self.child_html(child) for child in self.children)
            )
            context["empty_child_html"] = self.child_html(self.empty_child)
            return context

        def usual_html(self, child) -> str:
            context = {"self": self, "child": child, "can_order": self.formset.can_order}
            return render_to_string(CHILD_TEMPLATE, context, request=self.request)

        def child_html(self, child) -> str:
            form = child.form
            if not self.panel.stamping or (form.is_bound and form.errors):
                return self.usual_html(child)
            nested = {panel.formset.prefix: panel for panel in nested_inline_panels(child)}
            return mark_safe(self.stamp().child_html(child, nested))  # noqa: S308

        def stamp(self) -> Stamp:
            """The stamp of this panel's children, made once a request for every panel of
            the same definition (the choices of all 200 scenes share one)."""
            stamps = self.request.__dict__.setdefault("_inline_panel_stamps", {})
            key = (id(self.panel.child_edit_handler), self.formset.form)
            if key not in stamps:
                stamps[key] = self.make_stamp()
            return stamps[key]

        def make_stamp(self) -> Stamp:
            formset = self.formset
            form = formset.form(
                auto_id=formset.auto_id,
                prefix=FORM_STAMP,
                empty_permitted=True,
                use_required_attribute=False,
                renderer=formset.renderer,
                **formset.get_form_kwargs(None),
            )
            formset.add_fields(form, None)
            form.fields[DELETION_FIELD_NAME].widget = HiddenInput()
            if formset.can_order:
                form.fields[ORDERING_FIELD_NAME].widget = HiddenInput()
            form.stamp_calls = {}
            form.bound_field_class = StampBoundField
            child = self.child_edit_handler.get_bound_panel(
                instance=form.instance, request=self.request, form=form, prefix=PANEL_STAMP
            )
            return Stamp(self.usual_html(child), form.stamp_calls)
