"""Services in the shape of the Human Services Data Specification 3 and its UK profile (Open
Referral UK). Table and field names follow HSDS so import and export stay a mapping, not a
translation. HSDS has no way to keep an address private; `Location.confidential` adds one."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaction.organisations.models import Area, Organisation, validate_iso_639


def new_id() -> str:
    return str(uuid.uuid4())


class Taxonomy(models.Model):
    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=2000)
    uri = models.URLField(max_length=300, blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """A term in a taxonomy. The platform's VAWG taxonomy uses one set of terms for needs,
    eligibility, faith and communities; `facet` says which."""

    class Facet(models.TextChoices):
        NEED = "need", _("Help needed")
        ELIGIBILITY = "eligibility", _("Who it is for")
        FAITH = "faith", _("Faith-sensitive support")
        COMMUNITY = "community", _("Community served")
        OTHER = "other", _("Other")

    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.CASCADE, related_name="terms", null=True, blank=True
    )
    code = models.CharField(max_length=100, blank=True, db_index=True)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=2000)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    facet = models.CharField(max_length=12, choices=Facet.choices, default=Facet.OTHER)
    term_uri = models.URLField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["facet", "position", "name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = models.TextField(max_length=1000, blank=True)
    application_process = models.TextField(_("how to get help"), max_length=2000, blank=True)
    fees_description = models.TextField(max_length=1000, blank=True)
    eligibility_description = models.TextField(_("who it is for"), max_length=2000, blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    last_modified = models.DateTimeField(default=timezone.now)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services")
    # Search: the multilingual embedding of the service's text, and what it was made from, so
    # an unchanged text is not embedded again.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=100, blank=True, editable=False)
    embedded_text_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("finder:service", kwargs={"service_id": self.id})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ACTIVE


class ServiceLanguage(models.Model):
    """A language a service works in. Staff who speak it and an interpreter are not the same
    thing to a survivor, so the two are kept apart."""

    class Mode(models.TextChoices):
        STAFF = "staff", _("Staff speak it")
        INTERPRETER = "interpreter", _("Interpreter available")

    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=3)
    name = models.CharField(max_length=80)
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.STAFF)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "code", "mode"], name="one_language_mode_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_mode_display()})"


class Location(models.Model):
    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="locations"
    )
    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(max_length=2000, blank=True)
    url = models.URLField(max_length=500, blank=True)
    address_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    state_province = models.CharField(_("county"), max_length=100, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    country = models.CharField(max_length=2, default="GB")
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="locations"
    )
    confidential = models.BooleanField(
        _("keep the address confidential"),
        default=False,
        help_text=_("For refuges. The address and exact position never leave the server."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.address_1 or self.id


class ServiceAtLocation(models.Model):
    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="one_link_per_location")
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Phone(models.Model):
    class PhoneType(models.TextChoices):
        VOICE = "voice", _("Phone")
        TEXT = "text", _("Text message")
        TEXTPHONE = "textphone", _("Textphone")
        VIDEO = "video", _("Video relay (BSL)")
        FAX = "fax", _("Fax")

    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(max_length=10, blank=True)
    type = models.CharField(max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["type", "number"]

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    """A weekly opening time, as an RFC 5545 day (MO..SU) with opening and closing times.
    A service with no schedule rows is not shown as open or closed."""

    class Day(models.TextChoices):
        MO = "MO", _("Monday")
        TU = "TU", _("Tuesday")
        WE = "WE", _("Wednesday")
        TH = "TH", _("Thursday")
        FR = "FR", _("Friday")
        SA = "SA", _("Saturday")
        SU = "SU", _("Sunday")

    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(max_length=2, choices=Day.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["service", "byday", "opens_at"]

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class Accessibility(models.Model):
    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.CharField(max_length=300)
    details = models.TextField(max_length=1000, blank=True)
    # Flags the finder filters on, beside HSDS's free text.
    step_free = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    bsl = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = _("accessibility")

    def __str__(self) -> str:
        return self.description


class ServiceArea(models.Model):
    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=1000, blank=True)
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    name = models.CharField(max_length=100)
    scheme = models.CharField(max_length=100, blank=True)
    identifier = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.name


class ServiceCapacity(models.Model):
    """Spaces available, such as refuge bed spaces, with the time of the last update."""

    id = models.CharField(primary_key=True, max_length=100, default=new_id)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="capacities")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)
    available = models.PositiveIntegerField()
    maximum = models.PositiveIntegerField(null=True, blank=True)
    description = models.CharField(max_length=300, blank=True)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = _("service capacities")
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(available__lte=models.F("maximum")),
                name="capacity_available_within_maximum",
            ),
            models.UniqueConstraint(fields=["service", "unit"], name="one_capacity_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.available} {self.unit}"


class Postcode(models.Model):
    """A postcode centroid, loaded from the ONS Postcode Directory."""

    postcode = models.CharField(max_length=8, primary_key=True)  # upper case, no space
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    local_authority = models.CharField(max_length=9, blank=True)

    def __str__(self) -> str:
        return self.postcode


class AreaLanguage(models.Model):
    """Part of an area's population profile: how many residents have a language as their main
    language, as the Census 2021 table TS024 counts them (usual residents aged 3 and over).
    Entered by a hub administrator or loaded with `coaction import_area_languages`."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="languages_spoken")
    language_code = models.CharField(
        _("language code"),
        max_length=3,
        validators=[validate_iso_639],
        help_text=_("ISO 639-1 where it exists, otherwise ISO 639-3 (BSL is bfi)"),
    )
    language_name = models.CharField(_("language"), max_length=200)
    speakers = models.PositiveIntegerField(_("residents with this main language"))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("For example: Census 2021, TS024")
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "-speakers"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "language_code"], name="one_figure_per_area_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language_name} in {self.area}"
