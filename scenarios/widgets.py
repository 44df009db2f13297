"""Rendering the scenario editor's many small widgets without a template per widget.

A 200-scene scenario has some 740 scene and choice forms and 6,000 widgets. Django renders
each widget through a template (an input, its attributes, every option of a select), which
alone takes longer than the editor may take to open. `FastWidgetRenderer` writes the plain
widgets of Django's own templates (inputs, textareas, selects) straight from the widget's
context, with the same markup and escaping; anything else (Draftail, the image chooser) is
rendered from its template as before.
"""

from django.forms.renderers import get_default_renderer
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "hidden", "checkbox", "email", "url", "password")
} | {
    # Draftail's template is Django's hidden input; the editor is drawn by its script.
    "wagtailadmin/widgets/draftail_rich_text_area.html",
}
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
SELECT_TEMPLATES = {"django/forms/widgets/select.html"}
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves an attribute out, True writes its name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {escape(name)}")
        else:
            parts.append(f' {escape(name)}="{escape(str(value))}"')
    return "".join(parts)


def input_html(widget: dict) -> str:
    value = widget["value"]
    value_html = "" if value is None else f' value="{escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value_html}{attrs_html(widget["attrs"])}>'
    )


def textarea_html(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
        f"{conditional_escape(value) if value else ''}</textarea>"
    )


def select_html(widget: dict) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{escape(str(option["value"]))}"'
                f"{attrs_html(option['attrs'])}>{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastWidgetRenderer:
    """A form renderer that writes Django's plain widgets itself and hands the rest on."""

    def __init__(self, fallback=None):
        self.fallback = fallback or get_default_renderer()

    def __getattr__(self, name):
        # Form and field templates, and whatever else a renderer offers, stay the fallback's.
        return getattr(self.fallback, name)

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None:
            if template_name in INPUT_TEMPLATES:
                html = input_html(widget)
            elif template_name == TEXTAREA_TEMPLATE:
                html = textarea_html(widget)
            elif template_name in SELECT_TEMPLATES:
                html = select_html(widget)
        if html is None:
            return self.fallback.render(template_name, context, request=request)
        return mark_safe(html)  # noqa: S308 (every value above is escaped)
