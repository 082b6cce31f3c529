from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from coaction.accounts.models import User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(label=_("Email address"), max_length=254)

    error_messages = {
        "invalid_login": _("Enter a correct email address and password. Both are case-sensitive."),
        "inactive": _("This account has been switched off."),
    }


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Security code"),
        help_text=_("The 6-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the 6-digit code from your authenticator app")},
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip()


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]
        labels = {"full_name": _("Full name")}
