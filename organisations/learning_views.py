"""The learner's own page, 'Mijn leren': it brings together the modules they follow, what
their organisations asked of them and their progress per signal category.

It lives here, in the top app, because it combines the modules (courses), the quizzes and
the organisations' assignments; the apps below know nothing of each other's pages.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from courses.selectors import learner_dashboard
from quizzes.selectors import category_progress

from .selectors import learner_assignments, organisations_managed_by


@require_GET
@login_required
def my_learning(request):
    return render(
        request,
        "organisations/my_learning.html",
        {
            "dashboard": learner_dashboard(user=request.user),
            "assignments": learner_assignments(user=request.user),
            "managed_organisations": list(organisations_managed_by(request.user)),
            "progress": category_progress(user=request.user),
        },
    )
