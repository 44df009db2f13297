from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("", views.quiz_list, name="list"),
    path("categorie/<slug:slug>/", views.quiz_category, name="category"),
    path("<int:pk>/", views.quiz_detail, name="detail"),
    path("<int:pk>/start/", views.quiz_start, name="start"),
    path("<int:pk>/take/", views.quiz_take, name="take"),
    path("attempt/<int:pk>/", views.attempt_results, name="results"),
    path("attempt/<int:pk>/feedback/<int:question>/", views.attempt_feedback, name="feedback"),
    path("progress/", views.progress, name="progress"),
    path("trainer/marking/", views.marking_list, name="marking"),
    path("trainer/marking/<int:pk>/", views.marking_answer, name="mark"),
    path("trainer/results/", views.trainer_results, name="trainer_results"),
    path("trainer/statistics/<int:pk>/", views.statistics, name="statistics"),
]
