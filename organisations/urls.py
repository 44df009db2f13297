from django.urls import path

from . import learning_views, views

app_name = "organisations"

urlpatterns = [
    path("leren/", learning_views.my_learning, name="my_learning"),
    path("aansluiten/", views.join, name="join"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("organisatie/", views.manager_home, name="manager_home"),
    path("organisatie/<slug:slug>/", views.dashboard, name="dashboard"),
    path("organisatie/<slug:slug>/mensen/<int:membership_id>/", views.person, name="person"),
    path(
        "organisatie/<slug:slug>/mensen/<int:membership_id>/herinneren/<int:assignment_id>/",
        views.remind_person,
        name="remind_person",
    ),
    path("organisatie/<slug:slug>/export.csv", views.export_csv, name="export_csv"),
    path("organisatie/<slug:slug>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("organisatie/<slug:slug>/certificaten.zip", views.certificates_zip, name="certificates"),
    path("organisatie/<slug:slug>/toewijzingen/", views.assignments, name="assignments"),
    path(
        "organisatie/<slug:slug>/toewijzingen/<int:assignment_id>/verwijderen/",
        views.assignment_delete,
        name="assignment_delete",
    ),
    path(
        "organisatie/<slug:slug>/toewijzingen/<int:assignment_id>/herinneren/",
        views.remind_overdue,
        name="remind_overdue",
    ),
    path("organisatie/<slug:slug>/uitnodigen/", views.invite, name="invite"),
    path("organisatie/<slug:slug>/importeren/", views.staff_upload, name="staff_upload"),
    path(
        "organisatie/<slug:slug>/importeren/bevestigen/",
        views.staff_confirm,
        name="staff_confirm",
    ),
]
