"""The quiz engine's models: content (banks, questions, quizzes) and learners' attempts."""

from .attempts import Answer, AnswerSelection, Attempt
from .content import Option, Question, QuestionBank, Quiz, QuizDraw, QuizQuestion

__all__ = [
    "Answer",
    "AnswerSelection",
    "Attempt",
    "Option",
    "Question",
    "QuestionBank",
    "Quiz",
    "QuizDraw",
    "QuizQuestion",
]
