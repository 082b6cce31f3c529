"""Every write to services. Each is atomic; django-auditlog records who changed what (the
acting user comes from the request through its middleware). After a save, the service's
search embedding is recomputed in the background once the transaction commits."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coaction.accounts.models import User
from coaction.core.errors import ActionError
from coaction.finder.manage_selectors import BED_SPACE_UNIT_ID, bed_space_unit, refuges_of
from coaction.finder.models import (
    Accessibility,
    Location,
    Phone,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceLanguage,
    TaxonomyTerm,
)
from coaction.finder.tasks import schedule_embedding
from coaction.lib.onspd import normalise_postcode
from coaction.organisations.models import Area, Language, Membership, Organisation

# The service's own columns that the edit form writes.
SERVICE_FIELDS = (
    "name",
    "description",
    "application_process",
    "eligibility_description",
    "url",
    "email",
    "status",
)


@dataclass(frozen=True)
class PhoneEntry:
    number: str
    type: str


@dataclass(frozen=True)
class OpeningHours:
    day: str  # Schedule.Day
    opens_at: time
    closes_at: time


@dataclass(frozen=True)
class LocationEntry:
    """A location as the form gives it. `location_id` is empty for a new location."""

    location_id: str
    location_type: str
    name: str
    address_1: str
    address_2: str
    city: str
    postal_code: str
    area_id: int | None
    confidential: bool
    step_free: bool = False
    hearing_loop: bool = False
    bsl: bool = False
    remove: bool = False


@dataclass(frozen=True)
class BedSpaces:
    available: int
    maximum: int | None


@dataclass(frozen=True)
class ServiceDetails:
    """Everything the service form edits, checked by the form; the action checks it again
    against the database."""

    fields: Mapping[str, Any]
    term_ids: list[str]
    staff_languages: list[str]
    interpreter_languages: list[str]
    phones: list[PhoneEntry]
    opening_hours: list[OpeningHours]
    locations: list[LocationEntry]
    bed_spaces: BedSpaces | None


def can_manage_services(*, user: User, organisation: Organisation) -> bool:
    if user.is_hub_admin:
        return True
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    return membership is not None and membership.has_role(Membership.Role.MANAGER)


def _require_manager(acting_user: User, organisation: Organisation) -> None:
    if not can_manage_services(user=acting_user, organisation=organisation):
        raise PermissionDenied


def _embed_on_commit(service: Service) -> None:
    service_ids = [service.id]
    transaction.on_commit(lambda: schedule_embedding(service_ids))


@transaction.atomic
def do_create_service(
    *, acting_user: User, organisation: Organisation, details: ServiceDetails
) -> Service:
    _require_manager(acting_user, organisation)
    service = Service(organisation=organisation, **_own_fields(details))
    service.full_clean(exclude=["embedding"])
    service.save()
    _apply_details(service, details)
    _embed_on_commit(service)
    return service


@transaction.atomic
def do_update_service(*, acting_user: User, service: Service, details: ServiceDetails) -> Service:
    _require_manager(acting_user, service.organisation)
    # Compare with what is stored, not with an instance a form may already have changed.
    service = Service.objects.select_for_update().get(pk=service.pk)
    changed = []
    for key, value in _own_fields(details).items():
        if getattr(service, key) != value:
            setattr(service, key, value)
            changed.append(key)
    service.last_modified = timezone.now()
    service.full_clean(exclude=["embedding"])
    service.save(update_fields=[*changed, "last_modified"])
    _apply_details(service, details)
    _embed_on_commit(service)
    return service


def _own_fields(details: ServiceDetails) -> dict[str, Any]:
    unknown = set(details.fields) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"Not a service field the form edits: {sorted(unknown)}")
    return {key: details.fields[key] for key in SERVICE_FIELDS if key in details.fields}


def _apply_details(service: Service, details: ServiceDetails) -> None:
    _set_terms(service, details.term_ids)
    _set_languages(service, details.staff_languages, details.interpreter_languages)
    _set_phones(service, details.phones)
    _set_opening_hours(service, details.opening_hours)
    _set_locations(service, details.locations)
    _set_bed_spaces(service, details.bed_spaces)


def _set_terms(service: Service, term_ids: list[str]) -> None:
    terms = list(TaxonomyTerm.objects.filter(pk__in=term_ids))
    if len(terms) != len(set(term_ids)):
        raise ActionError(_("Choose help and eligibility from the lists shown."))
    service.terms.set(terms)


def _set_languages(service: Service, staff: list[str], interpreter: list[str]) -> None:
    codes = set(staff) | set(interpreter)
    names = dict(Language.objects.filter(code__in=codes).values_list("code", "name"))
    if codes - set(names):
        raise ActionError(_("Choose languages from the lists shown."))
    wanted = {(code, ServiceLanguage.Mode.STAFF.value) for code in staff} | {
        (code, ServiceLanguage.Mode.INTERPRETER.value) for code in interpreter
    }
    stored = {(lang.code, lang.mode): lang for lang in service.languages.all()}
    for key, row in stored.items():
        if key not in wanted:
            row.delete()
    ServiceLanguage.objects.bulk_create(
        [
            ServiceLanguage(service=service, code=code, name=names[code], mode=mode)
            for code, mode in sorted(wanted - set(stored))
        ]
    )


def _set_phones(service: Service, phones: list[PhoneEntry]) -> None:
    wanted = [(p.number.strip(), p.type) for p in phones if p.number.strip()]
    stored = list(service.phones.all())
    keep = set()
    for phone in stored:
        key = (phone.number, phone.type)
        if key in wanted and key not in keep:
            keep.add(key)
        else:
            phone.delete()
    Phone.objects.bulk_create(
        [
            Phone(service=service, number=number, type=kind)
            for number, kind in dict.fromkeys(wanted)
            if (number, kind) not in keep
        ]
    )


def _set_opening_hours(service: Service, hours: list[OpeningHours]) -> None:
    for entry in hours:
        if entry.closes_at <= entry.opens_at:
            raise ActionError(
                _("The closing time must be after the opening time."), field="opening_hours"
            )
    wanted = {(h.day, h.opens_at, h.closes_at) for h in hours}
    stored = {(s.byday, s.opens_at, s.closes_at): s for s in service.schedules.all()}
    for key, row in stored.items():
        if key not in wanted:
            row.delete()
    Schedule.objects.bulk_create(
        [
            Schedule(service=service, byday=day, opens_at=opens, closes_at=closes)
            for day, opens, closes in sorted(wanted - set(stored))
        ]
    )


def _coordinates_for(postal_code: str) -> tuple[Any, Any, str]:
    if not postal_code:
        return None, None, ""
    found = Postcode.objects.filter(postcode=normalise_postcode(postal_code)).first()
    if found is None:
        return None, None, ""
    return found.latitude, found.longitude, found.local_authority


def _set_locations(service: Service, entries: list[LocationEntry]) -> None:
    organisation = service.organisation
    linked = {link.location_id: link for link in service.service_at_locations.all()}
    area_ids = {e.area_id for e in entries if e.area_id is not None}
    if area_ids and Area.objects.filter(pk__in=area_ids).count() != len(area_ids):
        raise ActionError(_("Choose an area from the list."), field="locations")
    for entry in entries:
        if entry.location_id:
            if entry.location_id not in linked:
                # Another service's or organisation's location: refuse the whole save.
                raise ActionError(_("That location is not one of this service's."))
            location = Location.objects.select_for_update().get(
                pk=entry.location_id, organisation=organisation
            )
            if entry.remove:
                linked[entry.location_id].delete()
                if not location.service_at_locations.exists():
                    location.delete()
                continue
        elif entry.remove:
            continue
        else:
            location = Location(organisation=organisation)
        _fill_location(location, entry)
        location.full_clean()
        location.save()
        if not entry.location_id:
            ServiceAtLocation.objects.create(service=service, location=location)
        _set_accessibility(location, entry)


def _fill_location(location: Location, entry: LocationEntry) -> None:
    postcode_changed = normalise_postcode(location.postal_code) != normalise_postcode(
        entry.postal_code
    )
    location.location_type = entry.location_type
    location.name = entry.name
    location.address_1 = entry.address_1
    location.address_2 = entry.address_2
    location.city = entry.city
    location.postal_code = entry.postal_code
    location.confidential = entry.confidential
    location.area_id = entry.area_id
    if postcode_changed or location.latitude is None:
        latitude, longitude, local_authority = _coordinates_for(entry.postal_code)
        if latitude is not None or postcode_changed:
            location.latitude, location.longitude = latitude, longitude
        if entry.area_id is None and local_authority:
            location.area = Area.objects.filter(ons_code=local_authority).first()


def _set_accessibility(location: Location, entry: LocationEntry) -> None:
    flags = {"step_free": entry.step_free, "hearing_loop": entry.hearing_loop, "bsl": entry.bsl}
    row = location.accessibility.order_by("pk").first()
    described = "; ".join(
        text
        for on, text in (
            (entry.step_free, "Step-free access"),
            (entry.hearing_loop, "Hearing loop"),
            (entry.bsl, "British Sign Language"),
        )
        if on
    )
    if row is None:
        if described:
            Accessibility.objects.create(location=location, description=described, **flags)
        return
    for key, value in flags.items():
        setattr(row, key, value)
    row.description = row.description or described or "Accessibility"
    row.save(update_fields=[*flags, "description"])


def _check_bed_spaces(figures: BedSpaces, service_name: str = "") -> None:
    problem = ""
    if figures.available < 0 or (figures.maximum is not None and figures.maximum < 0):
        problem = _("Bed spaces cannot be a negative number.")
    elif figures.maximum is not None and figures.available > figures.maximum:
        problem = _("Spaces available cannot be more than the maximum.")
    if problem:
        raise ActionError(
            _("%(service)s: %(problem)s") % {"service": service_name, "problem": problem}
            if service_name
            else problem
        )


def _set_bed_spaces(service: Service, figures: BedSpaces | None) -> None:
    stored = service.capacities.filter(unit_id=BED_SPACE_UNIT_ID).first()
    if figures is None:
        if stored is not None:
            stored.delete()
        return
    _check_bed_spaces(figures)
    if stored is None:
        ServiceCapacity.objects.create(
            service=service,
            unit=bed_space_unit(),
            available=figures.available,
            maximum=figures.maximum,
            updated=timezone.now(),
        )
    elif (stored.available, stored.maximum) != (figures.available, figures.maximum):
        stored.available, stored.maximum, stored.updated = (
            figures.available,
            figures.maximum,
            timezone.now(),
        )
        stored.save(update_fields=["available", "maximum", "updated"])


@transaction.atomic
def do_update_vacancies(
    *, acting_user: User, organisation: Organisation, figures: Mapping[str, BedSpaces]
) -> int:
    """Save the bed-space figures of an organisation's refuges together, each stamped with
    the time of this update: saving the page confirms every figure on it. A figure for a
    service that is not one of the organisation's refuges, or a bad figure, changes nothing.
    Returns how many refuges were updated."""
    _require_manager(acting_user, organisation)
    refuges = {service.id: service for service in refuges_of(organisation=organisation)}
    if set(figures) - set(refuges):
        raise ActionError(_("Those spaces are not for one of your refuges."))
    for service_id, entry in figures.items():
        _check_bed_spaces(entry, refuges[service_id].name)
    now = timezone.now()
    unit = bed_space_unit()
    for service_id, entry in figures.items():
        capacity = (
            ServiceCapacity.objects.select_for_update()
            .filter(service_id=service_id, unit=unit)
            .first()
        )
        if capacity is None:
            capacity = ServiceCapacity(service_id=service_id, unit=unit)
        capacity.available, capacity.maximum, capacity.updated = (
            entry.available,
            entry.maximum,
            now,
        )
        capacity.save()
    if figures:
        Service.objects.filter(pk__in=list(figures)).update(last_modified=now)
    return len(figures)


@transaction.atomic
def do_delete_service(*, acting_user: User, service: Service) -> None:
    """Delete a service, and any of its locations no other service uses, so that a refuge's
    confidential address does not outlive it."""
    _require_manager(acting_user, service.organisation)
    location_ids = list(service.service_at_locations.values_list("location_id", flat=True))
    service.delete()
    Location.objects.filter(pk__in=location_ids, service_at_locations__isnull=True).delete()


# --- Open Referral UK import ----------------------------------------------------------------
# Kept together, with its own imports, so this section stands on its own.

from collections.abc import Iterable  # noqa: E402

from coaction.finder.oruk.importing import Importer, ImportSummary  # noqa: E402
from coaction.finder.oruk.source import SourceRecord  # noqa: E402


def do_import_oruk(*, acting_user: User | None, records: Iterable[SourceRecord]) -> ImportSummary:
    """Import services from ORUK records (see `coaction.finder.oruk.source.read_records`):
    each is checked against the HSDS service schema and upserted by id with its organisation,
    languages, phones, opening times, locations, areas, taxonomy terms and capacities.

    All or nothing: if any record is refused, `ImportRejected` lists the problems (record,
    id, JSON path, message) and nothing is written. `acting_user` is None on the command
    line; in the web app only hub administrators may import."""
    if acting_user is not None and not acting_user.is_hub_admin:
        raise PermissionDenied
    with transaction.atomic():
        summary = Importer().run(records)
        changed = list(summary.changed_service_ids)
        if changed:
            transaction.on_commit(lambda: schedule_embedding(changed))
    return summary
