"""Progress of anonymous visitors in public modules, kept in their session.

When the visitor signs up or logs in, `courses.services.session_progress_claim` moves it to
their account. The session holds lesson and page ids only, never text.
"""

LESSONS_KEY = "courses:completed_lessons"
STATEMENTS_KEY = "courses:statement_answers"


def session_completed_lesson_ids(session, *, course_id: int) -> set[int]:
    return set(session.get(LESSONS_KEY, {}).get(str(course_id), []))


def session_lesson_complete(session, *, course_id: int, lesson_id: int) -> None:
    progress = session.get(LESSONS_KEY, {})
    lessons = progress.setdefault(str(course_id), [])
    if lesson_id not in lessons:
        lessons.append(lesson_id)
    session[LESSONS_KEY] = progress


def session_statement_answers(session, *, lesson_id: int) -> dict[str, bool]:
    return dict(session.get(STATEMENTS_KEY, {}).get(str(lesson_id), {}))


def session_statement_answer(session, *, lesson_id: int, block_id: str, agrees: bool) -> None:
    answers = session.get(STATEMENTS_KEY, {})
    answers.setdefault(str(lesson_id), {})[block_id] = agrees
    session[STATEMENTS_KEY] = answers


def session_progress_pop(session) -> tuple[dict, dict]:
    """Remove and return the lesson progress and statement answers held in the session."""
    return session.pop(LESSONS_KEY, {}), session.pop(STATEMENTS_KEY, {})
