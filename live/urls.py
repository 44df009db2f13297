from django.urls import path

from . import trainer_views, views

app_name = "live"

urlpatterns = [
    # Participants: short addresses, typed from the screen or reached by the QR code.
    path("doe-mee/", views.join, name="join"),
    path("doe-mee/<str:code>/", views.room, name="room"),
    path("doe-mee/<str:code>/stem/", views.vote, name="vote"),
    path("doe-mee/<str:code>/stand/", views.room_poll, name="room_poll"),
    # Trainers.
    path("live/", trainer_views.index, name="index"),
    path("live/start/<str:kind>/", trainer_views.start, name="start"),
    path("live/<int:pk>/", trainer_views.present, name="present"),
    path("live/<int:pk>/stap/<str:action>/", trainer_views.move, name="move"),
    path("live/<int:pk>/stand/", trainer_views.tally, name="tally"),
    path("live/<int:pk>/overzicht/", trainer_views.summary, name="summary"),
    path("live/<int:pk>/overzicht.csv", trainer_views.summary_csv, name="summary_csv"),
    path("live/<int:pk>/overzicht.pdf", trainer_views.summary_pdf, name="summary_pdf"),
]
