from .pages import CourseIndexPage, CoursePage, LessonPage, SectorPage, SignalLibraryPage
from .progress import (
    Certificate,
    Enrolment,
    LessonProgress,
    Reflection,
    StatementAnswer,
)

__all__ = [
    "Certificate",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "Reflection",
    "SectorPage",
    "SignalLibraryPage",
    "StatementAnswer",
]
