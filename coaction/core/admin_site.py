from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class HubAdminSite(admin.AdminSite):
    """Django admin, for hub administrators who have signed in with their second factor."""

    site_header = _("Coaction Hub administration")
    site_title = _("Coaction Hub administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and getattr(user, "is_hub_admin", False) and user.is_verified())

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if request.user.is_authenticated:
            # Signed in but not a hub administrator: refuse rather than ask again.
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return redirect(reverse("accounts:login") + "?next=" + reverse("admin:index"))
