"""Signed-in pages: managing services and vacancies, and provision gaps. Included by
`coaction.finder.urls`, so the names are in the `finder` namespace."""

from django.urls import path

from coaction.finder import manage_views

urlpatterns = [
    path(
        "organisations/<slug:slug>/services/",
        manage_views.service_list,
        name="manage_services",
    ),
    path(
        "organisations/<slug:slug>/services/add/",
        manage_views.service_add,
        name="manage_service_add",
    ),
    path(
        "organisations/<slug:slug>/services/<str:service_id>/edit/",
        manage_views.service_edit,
        name="manage_service_edit",
    ),
    path(
        "organisations/<slug:slug>/services/<str:service_id>/delete/",
        manage_views.service_delete,
        name="manage_service_delete",
    ),
    path(
        "organisations/<slug:slug>/vacancies/",
        manage_views.vacancies,
        name="manage_vacancies",
    ),
    path("gaps/", manage_views.gaps_index, name="gaps"),
    path("areas/<slug:slug>/gaps/", manage_views.area_gaps, name="area_gaps"),
    path(
        "areas/<slug:slug>/gaps/<slug:table>.csv",
        manage_views.area_gaps_csv,
        name="area_gaps_csv",
    ),
]
