from .pages import CourseIndexPage, CoursePage, LessonPage, SectorPage, SignalLibraryPage
from .progress import (
    Certificate,
    Enrolment,
    LessonProgress,
    Reflection,
    StatementAnswer,
)
from .signals import Signal

__all__ = [
    "Certificate",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "Reflection",
    "SectorPage",
    "Signal",
    "SignalLibraryPage",
    "StatementAnswer",
]
