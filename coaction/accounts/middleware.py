from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404

# Views a hub administrator can reach before setting up two-factor sign-in.
_ALLOWED = {"accounts:two_factor_setup", "accounts:logout", "core:home"}


class RequireTwoFactorForHubAdminsMiddleware:
    """Hub administrators can see every organisation's records, so they must sign in with a
    second factor. Until they have, every page sends them to set one up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_hub_admin:
            if not user.is_verified():
                try:
                    name = resolve(request.path_info).view_name
                except Resolver404:
                    name = ""
                if name not in _ALLOWED and not request.path_info.startswith("/static/"):
                    return redirect("accounts:two_factor_setup")
        return self.get_response(request)
