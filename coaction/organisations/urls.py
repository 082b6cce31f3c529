from django.urls import path

from coaction.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("organisations.csv", views.directory_csv, name="directory_csv"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("<slug:slug>/", views.profile, name="profile"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path(
        "<slug:slug>/members/<int:membership_id>/remove/", views.member_remove, name="member_remove"
    ),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
