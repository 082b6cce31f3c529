"""Organisations in a Co-ordinated Community Response, the areas they serve, and who works
for them."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaction.lib.areas import is_local_authority_code
from coaction.lib.orgid import OrgIdError, parse_org_id


def validate_ons_code(value: str) -> None:
    if not is_local_authority_code(value):
        raise ValidationError(
            _("Enter a local authority ONS code, like E09000013"), code="invalid_ons_code"
        )


def validate_org_id(value: str) -> None:
    try:
        parse_org_id(value)
    except OrgIdError as exc:
        raise ValidationError(str(exc), code="invalid_org_id") from exc


def validate_iso_639(value: str) -> None:
    import pycountry

    if (
        len(value) not in (2, 3)
        or pycountry.languages.get(**{"alpha_2" if len(value) == 2 else "alpha_3": value}) is None
    ):
        raise ValidationError(_("Enter an ISO 639 language code"), code="invalid_language")


class Area(models.Model):
    """A local authority area covered by a CCR partnership."""

    name = models.CharField(_("name"), max_length=120)
    ons_code = models.CharField(
        _("ONS code"), max_length=9, unique=True, validators=[validate_ons_code]
    )
    slug = models.SlugField(max_length=130, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language, by ISO 639-1 code where one exists and ISO 639-3 otherwise (BSL is bfi)."""

    code = models.CharField(max_length=3, unique=True, validators=[validate_iso_639])
    name = models.CharField(max_length=80)
    native_name = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Specialism(models.Model):
    """A specialism in domestic abuse and VAWG work, such as forced marriage or FGM."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    """A community an organisation serves, such as South Asian women."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        return self.name


class ByAndForCriterion(models.Model):
    """One criterion an organisation declares it meets to be counted as by-and-for. Hub
    administrators can change the set; the defaults follow sector practice (Imkaan)."""

    code = models.SlugField(max_length=60, unique=True)
    text = models.CharField(max_length=300)
    required = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = _("by-and-for criteria")

    def __str__(self) -> str:
        return self.text


class Organisation(models.Model):
    class LeadershipType(models.TextChoices):
        BY_AND_FOR = "by_and_for", _("By and for")
        WHITE_LED = "white_led", _("White-led specialist")
        GENERIC = "generic", _("Generic")
        STATUTORY = "statutory", _("Statutory")
        # Organisations that arrive through a directory import, until they declare a type.
        UNDECLARED = "undeclared", _("Not yet declared")

    class IncomeBand(models.TextChoices):
        UNDER_100K = "under_100k", _("Under £100,000")
        FROM_100K = "100k_500k", _("£100,000 to £500,000")
        FROM_500K = "500k_1m", _("£500,000 to £1 million")
        FROM_1M = "1m_5m", _("£1 million to £5 million")
        OVER_5M = "over_5m", _("Over £5 million")
        NOT_APPLICABLE = "n_a", _("Not applicable (statutory body)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=210, unique=True)
    leadership_type = models.CharField(
        _("leadership type"), max_length=20, choices=LeadershipType.choices
    )
    description = models.TextField(_("what the organisation does"), max_length=2000, blank=True)
    communities = models.ManyToManyField(
        Community, blank=True, related_name="organisations", verbose_name=_("communities served")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="organisations", verbose_name=_("languages spoken")
    )
    specialisms = models.ManyToManyField(
        Specialism, blank=True, related_name="organisations", verbose_name=_("specialisms")
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="organisations", verbose_name=_("areas served")
    )
    income_band = models.CharField(
        _("income band"), max_length=20, choices=IncomeBand.choices, blank=True
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    # The organisation's id in Open Referral (HSDS) data, so imports update, not duplicate.
    hsds_id = models.CharField(max_length=100, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    leadership_type__in=[
                        "by_and_for",
                        "white_led",
                        "generic",
                        "statutory",
                        "undeclared",
                    ]
                ),
                name="organisation_leadership_type_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:profile", kwargs={"slug": self.slug})

    @property
    def is_by_and_for(self) -> bool:
        return self.leadership_type == self.LeadershipType.BY_AND_FOR

    def role_of(self, user: "settings.AUTH_USER_MODEL") -> str | None:
        membership = self.memberships.filter(user=user).only("role").first()
        return membership.role if membership else None


class OrganisationIdentifier(models.Model):
    """An org-id.guide identifier, such as GB-CHC-1234567. One organisation may hold several
    (a charity number and a company number); each identifier names one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identifiers"
    )
    value = models.CharField(max_length=120, unique=True, validators=[validate_org_id])

    class Meta:
        ordering = ["value"]

    def __str__(self) -> str:
        return self.value

    @property
    def scheme(self) -> str:
        return parse_org_id(self.value).list_name


class ByAndForDeclaration(models.Model):
    """An organisation's answer to one by-and-for criterion, with its evidence."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="by_and_for_declarations"
    )
    criterion = models.ForeignKey(ByAndForCriterion, on_delete=models.PROTECT)
    met = models.BooleanField(default=False)
    evidence = models.TextField(max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "criterion"], name="one_declaration_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.criterion.code} {'met' if self.met else 'not met'}"


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MANAGER = "manager", _("Manager")
        ADMIN = "admin", _("Administrator")

    # Higher numbers can do everything lower numbers can.
    RANK = {Role.MEMBER: 1, Role.MANAGER: 2, Role.ADMIN: 3}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org"),
            models.CheckConstraint(
                condition=Q(role__in=["member", "manager", "admin"]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"

    def has_role(self, role: str) -> bool:
        return self.RANK[self.Role(self.role)] >= self.RANK[self.Role(role)]


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry():  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """An invitation to join an organisation, sent by email. The token is the only secret."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=10, choices=Membership.Role.choices)
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("organisations:accept_invitation", kwargs={"token": self.token})

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
