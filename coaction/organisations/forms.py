from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from coaction.lib.orgid import OrgIdError, parse_org_id
from coaction.organisations.models import ByAndForCriterion, Membership, Organisation

MAX_INVITES = 50


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), max_length=300, required=False, assume_scheme="https"
    )
    identifiers = forms.CharField(
        label=_("Organisation identifiers"),
        help_text=_("One per line, for example GB-CHC-1234567 or GB-COH-01234567"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "description",
            "leadership_type",
            "income_band",
            "website",
            "communities",
            "languages",
            "specialisms",
            "areas",
        ]
        widgets = {
            "leadership_type": forms.RadioSelect,
            "communities": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "specialisms": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.criteria = list(ByAndForCriterion.objects.filter(active=True))
        declared = {}
        if self.instance.pk:
            declared = {d.criterion_id: d for d in self.instance.by_and_for_declarations.all()}
            self.fields["identifiers"].initial = "\n".join(
                i.value for i in self.instance.identifiers.all()
            )
        for criterion in self.criteria:
            current = declared.get(criterion.pk)
            self.fields[f"criterion_{criterion.code}"] = forms.BooleanField(
                label=criterion.text, required=False, initial=bool(current and current.met)
            )
            self.fields[f"evidence_{criterion.code}"] = forms.CharField(
                label=_("Evidence"),
                help_text=_("How you know, for example a link to your trustees page"),
                required=False,
                max_length=2000,
                widget=forms.Textarea,
                initial=current.evidence if current else "",
            )

    def criterion_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"criterion_{c.code}"], self[f"evidence_{c.code}"]) for c in self.criteria]

    def clean_identifiers(self) -> list[str]:
        values = []
        for line in self.cleaned_data["identifiers"].splitlines():
            if not line.strip():
                continue
            try:
                values.append(str(parse_org_id(line)))
            except OrgIdError as exc:
                raise forms.ValidationError(str(exc)) from exc
        if len(set(values)) != len(values):
            raise forms.ValidationError(_("Each identifier should appear once"))
        return values

    def declarations(self) -> dict[str, tuple[bool, str]]:
        return {
            c.code: (
                self.cleaned_data[f"criterion_{c.code}"],
                self.cleaned_data[f"evidence_{c.code}"],
            )
            for c in self.criteria
        }


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea,
        max_length=MAX_INVITES * 260,
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        widget=forms.RadioSelect,
        initial=Membership.Role.MEMBER,
    )

    def __init__(self, *args: object, allowed_roles: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Filled in here, not on the class, so it is in the language of the request.
        self.fields["emails"].help_text = _("One per line. Up to %(n)s at a time.") % {
            "n": MAX_INVITES
        }
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Membership.Role.choices if value in allowed_roles
        ]

    def clean_emails(self) -> list[str]:
        emails = []
        for line in self.cleaned_data["emails"].replace(",", "\n").splitlines():
            email = line.strip().lower()
            if not email:
                continue
            try:
                validate_email(email)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("%(email)s is not an email address") % {"email": email[:100]}
                ) from exc
            if email not in emails:
                emails.append(email)
        if not emails:
            raise forms.ValidationError(_("Enter at least one email address"))
        if len(emails) > MAX_INVITES:
            raise forms.ValidationError(
                _("Invite up to %(n)s people at a time") % {"n": MAX_INVITES}
            )
        return emails


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, widget=forms.RadioSelect
    )


class NewAccountForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Create a password"),
        widget=forms.PasswordInput,
        help_text=_("At least 10 characters"),
        max_length=128,
    )
    password2 = forms.CharField(
        label=_("Confirm your password"), widget=forms.PasswordInput, max_length=128
    )

    def __init__(self, *args: object, email: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.email = email

    def clean(self) -> dict[str, object]:
        from django.contrib.auth import password_validation

        from coaction.accounts.models import User

        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The passwords do not match"))
        elif p1:
            try:
                password_validation.validate_password(
                    str(p1), User(email=self.email, full_name=str(data.get("full_name", "")))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
