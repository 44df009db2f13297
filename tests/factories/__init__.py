"""Factories for the tests, one module per app, all in factory_boy's style.

Rows are made by a factory class per model (`CoursePageFactory(parent=index, slug="basis")`,
`QuizFactory(questions=[QuestionFactory()])`), pages by wagtail-factories' PageFactory under
their `parent`. Besides the factories there are builders for data that is not a row, such as
StreamField blocks and scenario graphs, and in `progress` the steps a learner takes, through
the app's own services, to reach a state. Import them from here: `from tests.factories import
CoursePageFactory, UserFactory`.
"""

from .accounts import PASSWORD, UserFactory
from .courses import (
    AssessedLessonPageFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SignalLibraryPageFactory,
    block,
    quiz_block,
    statement_block,
)
from .library import SignalFactory
from .organisations import AssignmentFactory, ManagerFactory, MembershipFactory, OrganisationFactory
from .progress import complete_course, correct_ids, requirements_meet, wrong_ids
from .quizzes import QuestionBankFactory, QuestionFactory, QuizFactory
from .scenarios import ScenarioPageFactory, branching_spec, build_scenes, linear_spec, scene

__all__ = [
    "PASSWORD",
    "AssessedLessonPageFactory",
    "AssignmentFactory",
    "CourseIndexPageFactory",
    "CoursePageFactory",
    "LessonPageFactory",
    "ManagerFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "QuestionBankFactory",
    "QuestionFactory",
    "QuizFactory",
    "ScenarioPageFactory",
    "SignalFactory",
    "SignalLibraryPageFactory",
    "UserFactory",
    "block",
    "branching_spec",
    "build_scenes",
    "complete_course",
    "correct_ids",
    "linear_spec",
    "quiz_block",
    "requirements_meet",
    "scene",
    "statement_block",
    "wrong_ids",
]
