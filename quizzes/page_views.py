"""What a quiz shows in the editor's preview.

`Quiz` holds fields, panels and rules; its preview needs the reads and views, which import
the model, so it is reached through `website.page_view_registry` (its docstring says why).
QuizzesConfig.ready() imports this module.
"""

from website.page_view_registry import page_view

from .models import Quiz
from .views import quiz_preview


@page_view(Quiz, "preview")
def quiz_page_preview(quiz: Quiz, request, mode_name):
    return quiz_preview(request, quiz, show_answers=mode_name == "answers")
