from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("module/<int:course_id>/starten/", views.course_start, name="course_start"),
    path("module/<int:course_id>/opnieuw/", views.course_restart, name="course_restart"),
    path("les/<int:lesson_id>/klaar/", views.lesson_complete, name="lesson_complete"),
    path(
        "les/<int:lesson_id>/stelling/<str:block_id>/",
        views.statement_answer,
        name="statement_answer",
    ),
    path(
        "les/<int:lesson_id>/reflectie/<str:block_id>/",
        views.reflection_save,
        name="reflection_save",
    ),
    path("certificaat/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("certificaat/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
]
