"""Forms for managing an organisation's services. They check what a person typed; the actions
in `coaction.finder.actions` check it again against the database and do the writes."""

from datetime import time
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coaction.finder.actions import (
    SERVICE_FIELDS,
    BedSpaces,
    LocationEntry,
    OpeningHours,
    PhoneEntry,
    ServiceDetails,
)
from coaction.finder.models import Location, Phone, Schedule, Service, TaxonomyTerm
from coaction.lib.onspd import format_postcode, is_postcode
from coaction.organisations.models import Area, Language

# Characters a phone number may be written with: digits, spaces, +, brackets and dashes.
_PHONE_CHARACTERS = set("0123456789 +()-")
ALWAYS_OPEN = (time(0, 0), time(23, 59))


def _is_stored(service: Service) -> bool:
    # A new Service already has its id (a UUID default), so `pk` cannot tell.
    return not service._state.adding


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: TaxonomyTerm) -> str:  # type: ignore[override]
        return gettext(obj.name)


def _term_field(facet: str, label: Any, help_text: Any = "") -> TermChoiceField:
    return TermChoiceField(
        queryset=TaxonomyTerm.objects.filter(facet=facet).order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=label,
        help_text=help_text,
    )


class ServiceForm(forms.ModelForm):
    url = forms.URLField(label=_("Website"), max_length=500, required=False, assume_scheme="https")
    needs = _term_field(TaxonomyTerm.Facet.NEED, _("Help offered"), _("Select all that apply"))
    eligibility = _term_field(TaxonomyTerm.Facet.ELIGIBILITY, _("Who the service is for"))
    faith = _term_field(TaxonomyTerm.Facet.FAITH, _("Faith-sensitive support"))
    communities = _term_field(TaxonomyTerm.Facet.COMMUNITY, _("Communities served"))
    staff_languages = forms.MultipleChoiceField(
        label=_("Languages staff speak"),
        help_text=_(
            "Only languages someone on your staff speaks well enough to support a survivor in"
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interpreter_languages = forms.MultipleChoiceField(
        label=_("Languages offered with an interpreter"),
        help_text=_("Languages you offer through an interpreter, not your own staff"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    TERM_FIELDS = {
        "needs": TaxonomyTerm.Facet.NEED,
        "eligibility": TaxonomyTerm.Facet.ELIGIBILITY,
        "faith": TaxonomyTerm.Facet.FAITH,
        "communities": TaxonomyTerm.Facet.COMMUNITY,
    }

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "application_process",
            "eligibility_description",
            "url",
            "email",
            "status",
        ]
        labels = {
            "name": _("Service name"),
            "description": _("What the service does"),
            "application_process": _("How to get help"),
            "eligibility_description": _("Who it is for, in your words"),
            "email": _("Email address"),
            "status": _("Status"),
        }
        help_texts = {
            "description": _("Survivors read this. Say plainly what help you give."),
            "application_process": _("For example: call us, or ask any agency to refer you"),
        }
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        languages = list(Language.objects.order_by("name").values_list("code", "name"))
        for name in ("staff_languages", "interpreter_languages"):
            self.fields[name].choices = languages  # type: ignore[attr-defined]
        self.fields["description"].required = True
        service = self.instance
        if _is_stored(service):
            terms = list(service.terms.all())
            for name, facet in self.TERM_FIELDS.items():
                self.fields[name].initial = [t.pk for t in terms if t.facet == facet]
            spoken = list(service.languages.all())
            self.fields["staff_languages"].initial = [
                lang.code for lang in spoken if lang.mode == "staff"
            ]
            self.fields["interpreter_languages"].initial = [
                lang.code for lang in spoken if lang.mode == "interpreter"
            ]
        elif organisation is not None:
            # A new service starts with the languages the organisation says it speaks.
            self.fields["staff_languages"].initial = list(
                organisation.languages.values_list("code", flat=True)
            )

    def term_ids(self) -> list[str]:
        return [term.pk for name in self.TERM_FIELDS for term in self.cleaned_data[name]]


class BedSpacesForm(forms.Form):
    """Bed spaces for a refuge or other safe accommodation. Both blank: no figures kept."""

    available = forms.IntegerField(
        label=_("Bed spaces available now"), min_value=0, max_value=10000, required=False
    )
    maximum = forms.IntegerField(
        label=_("Bed spaces in total"), min_value=0, max_value=10000, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        available, maximum = data.get("available"), data.get("maximum")
        if available is None and maximum is not None:
            self.add_error("available", _("Enter how many bed spaces are available now"))
        elif available is not None and maximum is not None and available > maximum:
            self.add_error("available", _("Spaces available cannot be more than the total"))
        return data

    def figures(self) -> BedSpaces | None:
        available = self.cleaned_data.get("available")
        if available is None:
            return None
        return BedSpaces(available=available, maximum=self.cleaned_data.get("maximum"))


class PhoneForm(forms.Form):
    number = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    type = forms.ChoiceField(
        label=_("Type"),
        choices=Phone.PhoneType.choices,
        initial=Phone.PhoneType.VOICE,
        required=False,
    )

    def clean_number(self) -> str:
        number = " ".join(self.cleaned_data["number"].split())
        if number and (
            not set(number) <= _PHONE_CHARACTERS or sum(c.isdigit() for c in number) < 3
        ):
            raise forms.ValidationError(
                _("Enter a phone number using digits, spaces and + only, like 0808 000 0000")
            )
        return number


class BasePhoneFormSet(forms.BaseFormSet):
    def entries(self) -> list[PhoneEntry]:
        return [
            PhoneEntry(number=f.cleaned_data["number"], type=f.cleaned_data["type"] or "voice")
            for f in self.forms
            if f.cleaned_data.get("number")
        ]


PhoneFormSet = forms.formset_factory(
    PhoneForm, formset=BasePhoneFormSet, extra=2, max_num=10, validate_max=True
)


class OpeningHoursForm(forms.Form):
    """One pair of times for each day of the week; a day left blank is closed."""

    always_open = forms.BooleanField(
        label=_("Open 24 hours a day, every day"),
        required=False,
        help_text=_("For example, a helpline. The times below are then ignored."),
    )

    def __init__(self, *args: Any, service: Service | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored: dict[str, Schedule] = {}
        if service is not None and _is_stored(service):
            for row in service.schedules.all():
                stored.setdefault(row.byday, row)
        for day in Schedule.Day.values:
            row = stored.get(day)
            self.fields[f"{day}_opens"] = forms.TimeField(
                label=_("Opens"),
                required=False,
                input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
                initial=row.opens_at.strftime("%H:%M") if row else "",
            )
            self.fields[f"{day}_closes"] = forms.TimeField(
                label=_("Closes"),
                required=False,
                input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
                initial=row.closes_at.strftime("%H:%M") if row else "",
            )
        if len(stored) == 7 and all(
            (row.opens_at, row.closes_at) == ALWAYS_OPEN for row in stored.values()
        ):
            self.fields["always_open"].initial = True

    def days(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (str(name), self[f"{day}_opens"], self[f"{day}_closes"])
            for day, name in Schedule.Day.choices
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("always_open"):
            return data
        for day, _name in Schedule.Day.choices:
            opens, closes = data.get(f"{day}_opens"), data.get(f"{day}_closes")
            if (opens is None) != (closes is None):
                if f"{day}_opens" not in self.errors and f"{day}_closes" not in self.errors:
                    self.add_error(
                        f"{day}_closes" if closes is None else f"{day}_opens",
                        _("Enter both an opening and a closing time, or neither"),
                    )
            elif opens is not None and closes is not None and closes <= opens:
                self.add_error(
                    f"{day}_closes",
                    _("The closing time must be after the opening time (use 23:59 for midnight)"),
                )
        return data

    def entries(self) -> list[OpeningHours]:
        if self.cleaned_data.get("always_open"):
            return [OpeningHours(day, *ALWAYS_OPEN) for day in Schedule.Day.values]
        return [
            OpeningHours(day, self.cleaned_data[f"{day}_opens"], self.cleaned_data[f"{day}_closes"])
            for day in Schedule.Day.values
            if self.cleaned_data.get(f"{day}_opens") and self.cleaned_data.get(f"{day}_closes")
        ]


class LocationForm(forms.Form):
    location_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    location_type = forms.ChoiceField(
        label=_("Type of location"),
        choices=Location.LocationType.choices,
        initial=Location.LocationType.PHYSICAL,
        required=False,
    )
    name = forms.CharField(label=_("Name of the building or place"), max_length=200, required=False)
    address_1 = forms.CharField(label=_("Address line 1"), max_length=200, required=False)
    address_2 = forms.CharField(
        label=_("Address line 2 (optional)"), max_length=200, required=False
    )
    city = forms.CharField(label=_("Town or city"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    area = forms.ModelChoiceField(
        label=_("Local authority area"),
        queryset=Area.objects.order_by("name"),
        required=False,
        help_text=_("Found from the postcode when left blank"),
    )
    confidential = forms.BooleanField(
        label=_("Keep this address confidential (refuges)"),
        required=False,
        help_text=_(
            "The name, street, postcode and exact position are never shown to the public or "
            "in the open data. Only the town and area are."
        ),
    )
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    hearing_loop = forms.BooleanField(label=_("Hearing loop"), required=False)
    bsl = forms.BooleanField(label=_("British Sign Language on site"), required=False)
    remove = forms.BooleanField(label=_("Remove this location from the service"), required=False)

    ADDRESS_FIELDS = ("name", "address_1", "address_2", "city", "postal_code")

    @classmethod
    def initial_for(cls, location: Location) -> dict[str, Any]:
        access = next(iter(location.accessibility.all()), None)
        return {
            "location_id": location.id,
            "location_type": location.location_type,
            "name": location.name,
            "address_1": location.address_1,
            "address_2": location.address_2,
            "city": location.city,
            "postal_code": location.postal_code,
            "area": location.area_id,
            "confidential": location.confidential,
            "step_free": bool(access and access.step_free),
            "hearing_loop": bool(access and access.hearing_loop),
            "bsl": bool(access and access.bsl),
        }

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        if value and not is_postcode(value):
            raise forms.ValidationError(_("Enter a full UK postcode, like NB1 1AA"))
        return format_postcode(value) if value else ""

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("location_id") and not any(
            data.get(name) for name in self.ADDRESS_FIELDS
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("remove")
            and data.get("location_type", "physical") != "virtual"
            and (data.get("location_id") or any(data.get(n) for n in self.ADDRESS_FIELDS))
            and not (data.get("address_1") or data.get("postal_code") or data.get("city"))
        ):
            self.add_error("address_1", _("Enter an address, a town or a postcode"))
        return data

    def entry(self) -> LocationEntry:
        data = self.cleaned_data
        area = data.get("area")
        return LocationEntry(
            location_id=data.get("location_id") or "",
            location_type=data.get("location_type") or "physical",
            name=data.get("name", ""),
            address_1=data.get("address_1", ""),
            address_2=data.get("address_2", ""),
            city=data.get("city", ""),
            postal_code=data.get("postal_code", ""),
            area_id=area.pk if area else None,
            confidential=bool(data.get("confidential")),
            step_free=bool(data.get("step_free")),
            hearing_loop=bool(data.get("hearing_loop")),
            bsl=bool(data.get("bsl")),
            remove=bool(data.get("remove")),
        )


class BaseLocationFormSet(forms.BaseFormSet):
    def entries(self) -> list[LocationEntry]:
        return [f.entry() for f in self.forms if f.cleaned_data and not f.is_blank()]


LocationFormSet = forms.formset_factory(
    LocationForm, formset=BaseLocationFormSet, extra=1, max_num=20, validate_max=True
)


class ServiceEditor:
    """The service form and its parts, bound together, as the add and edit pages use them."""

    def __init__(
        self,
        data: Any = None,
        *,
        organisation: Any,
        service: Service | None = None,
        locations: list[Location] | None = None,
    ) -> None:
        service = service or Service(organisation=organisation)
        self.service = service
        self.form = ServiceForm(data, instance=service, organisation=organisation)
        phones = (
            [{"number": p.number, "type": p.type} for p in service.phones.all()]
            if _is_stored(service)
            else []
        )
        self.phones = PhoneFormSet(data, prefix="phones", initial=phones)
        self.hours = OpeningHoursForm(data, prefix="hours", service=service)
        self.locations = LocationFormSet(
            data,
            prefix="locations",
            initial=[LocationForm.initial_for(loc) for loc in (locations or [])],
        )
        bed_spaces = (
            next((c for c in service.capacities.all() if c.unit_id == "bed-space"), None)
            if _is_stored(service)
            else None
        )
        self.bed_spaces = BedSpacesForm(
            data,
            prefix="beds",
            initial={"available": bed_spaces.available, "maximum": bed_spaces.maximum}
            if bed_spaces
            else {},
        )

    def parts(self) -> list[forms.Form]:
        return [self.form, self.hours, self.bed_spaces, *self.phones, *self.locations]

    def is_valid(self) -> bool:
        results = [
            self.form.is_valid(),
            self.phones.is_valid(),
            self.hours.is_valid(),
            self.locations.is_valid(),
            self.bed_spaces.is_valid(),
        ]
        return all(results)

    def details(self) -> ServiceDetails:
        data = self.form.cleaned_data
        return ServiceDetails(
            fields={key: data[key] for key in SERVICE_FIELDS},
            term_ids=self.form.term_ids(),
            staff_languages=list(data["staff_languages"]),
            interpreter_languages=list(data["interpreter_languages"]),
            phones=self.phones.entries(),
            opening_hours=self.hours.entries(),
            locations=self.locations.entries(),
            bed_spaces=self.bed_spaces.figures(),
        )

    def error_list(self) -> list[dict[str, str]]:
        """Every error on the page, for one GOV.UK error summary."""
        items = []
        for form in [self.form, self.hours, self.bed_spaces, *self.phones, *self.locations]:
            for error in form.non_field_errors():
                items.append({"text": str(error)})
            for bound in form:
                for error in bound.errors:
                    items.append({"text": str(error), "href": f"#{bound.auto_id}"})
        for formset in (self.phones, self.locations):
            for error in formset.non_form_errors():
                items.append({"text": str(error)})
        return items


class VacancyForm(forms.Form):
    """One refuge's bed spaces on the vacancies page. Both figures are required: the page
    confirms every refuge's figures at once."""

    available = forms.IntegerField(
        label=_("Spaces available"),
        min_value=0,
        max_value=10000,
        error_messages={
            "required": _("Enter the number of spaces available"),
            "min_value": _("Spaces available cannot be a negative number"),
            "invalid": _("Spaces available must be a whole number"),
        },
    )
    maximum = forms.IntegerField(
        label=_("Spaces in total"),
        min_value=0,
        max_value=10000,
        error_messages={
            "required": _("Enter the total number of spaces"),
            "min_value": _("Spaces in total cannot be a negative number"),
            "invalid": _("Spaces in total must be a whole number"),
        },
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        available, maximum = data.get("available"), data.get("maximum")
        if available is not None and maximum is not None and available > maximum:
            self.add_error("available", _("Spaces available cannot be more than the total"))
        return data

    def figures(self) -> BedSpaces:
        return BedSpaces(
            available=self.cleaned_data["available"], maximum=self.cleaned_data["maximum"]
        )


def vacancy_forms(data: Any, refuges: list[Service]) -> list[VacancyForm]:
    """One form per refuge, prefixed by the service id, so a post can only name the refuges
    the page was built from."""
    forms_ = []
    for service in refuges:
        stored = service.bed_spaces[0] if getattr(service, "bed_spaces", None) else None
        forms_.append(
            VacancyForm(
                data,
                service=service,
                prefix=f"refuge-{service.pk}",
                initial={"available": stored.available, "maximum": stored.maximum}
                if stored
                else {},
            )
        )
    return forms_
