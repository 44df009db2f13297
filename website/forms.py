from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every form with the NL Design System markup in templates/components/forms."""

    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
