import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaction.accounts import actions
from coaction.accounts.forms import AccountForm, SignInForm, TokenForm
from coaction.core.errors import ActionError

_PENDING = "pending_two_factor_user"


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(reverse_lazy("core:home"))


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if user_has_device(user, confirmed=True):
            # The password was right; the second factor decides.
            request.session[_PENDING] = user.pk
            request.session["pending_next"] = _safe_next(request)
            return redirect("accounts:verify")
        login(request, user)
        return redirect(_safe_next(request))
    return render(request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request)})


def verify(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(_PENDING)
    if not user_id:
        return redirect("accounts:login")
    user = get_user_model().objects.get(pk=user_id)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is None:
            form.add_error(
                "token", _("That code did not match. Check the time on your phone and try again.")
            )
        else:
            target = request.session.get("pending_next") or str(reverse_lazy("core:home"))
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            return redirect(target)
    return render(request, "accounts/verify.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("core:home")


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:settings")
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "has_two_factor": has_device,
            "memberships": request.user.memberships.select_related("organisation"),
        },
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            actions.do_confirm_totp_device(
                acting_user=request.user, device=device, token=form.cleaned_data["token"]
            )
        except ActionError as exc:
            form.add_error("token", exc.message)
        else:
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("accounts:settings")
    if device is None:
        device = actions.do_start_totp_setup(acting_user=request.user)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": _base32(device),
            "required": request.user.is_hub_admin,
        },
    )


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@login_required
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            actions.do_remove_two_factor(acting_user=request.user)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Two-factor sign-in is off."))
        return redirect("accounts:settings")
    return render(request, "accounts/two_factor_remove.html")


def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args: object, **kwargs: object
) -> HttpResponse:
    return render(request, "accounts/locked_out.html", status=429)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)
