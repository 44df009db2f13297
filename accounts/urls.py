from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.privacy, name="privacy"),
    path("download/", views.data_download, name="data_download"),
    path("verwijderen/", views.delete, name="delete"),
]
