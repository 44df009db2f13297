from django import template

from organisations.selectors import learner_assignments

register = template.Library()


@register.simple_tag
def assignments_for(user):
    """The learner's assigned modules, for the include on the learner dashboard."""
    return learner_assignments(user=user)
