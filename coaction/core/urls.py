from django.urls import path

from coaction.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("tasks/<uuid:progress_id>/", views.task_progress, name="task_progress"),
]
