"""Our services in the shapes HSDS 3 publishes them: the fully nested service of
`GET /services/{id}`, list items of `GET /services` and `GET /service_at_locations`,
organisations, taxonomies and terms.

Every location goes through `public_location()`. A confidential location is published with
its type, town, county and a position rounded to about 11 km, and an attribute saying its
address is confidential: no name, description, address, postcode or exact position, and
accessibility only as the flags we keep, never free text that could describe the building.

Empty values are left out rather than sent as "" or null: HSDS types most fields as strings
with formats (uri, email) that an empty string would break."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from coaction.finder.models import (
    Accessibility,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)
from coaction.finder.oruk.ids import derived_uuid, hsds_uuid, organisation_uuid
from coaction.finder.selectors import public_location
from coaction.organisations.models import Area, Organisation

HSDS_VERSION = "3.0"
PROFILE_URL = "https://openreferraluk.org/"
WEEK = {day.value: n for n, day in enumerate(Schedule.Day)}
ONS_GEOGRAPHY_URI = "http://statistics.data.gov.uk/id/statistical-geography/"

# The attribute that marks a confidential location, here and in files we import.
CONFIDENTIAL_TERM = {
    "id": derived_uuid("taxonomy_term", "confidential-address"),
    "code": "confidential-address",
    "name": "Confidential address",
    "description": (
        "The address is withheld to keep the people who use this place safe, as for a refuge. "
        "Contact the service to be referred."
    ),
}


@dataclass
class Context:
    """Rows the serialisers look up by id, loaded once for a page rather than once a row."""

    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    areas: dict[int, Area] = field(default_factory=dict)

    @classmethod
    def for_services(cls, services: Iterable[Service]) -> "Context":
        area_ids = {
            area.area_id for s in services for area in s.service_areas.all() if area.area_id
        }
        return cls(
            taxonomies={t.pk: t for t in Taxonomy.objects.all()},
            areas=Area.objects.in_bulk(area_ids) if area_ids else {},
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _moment(value: Any) -> str | None:
    return value.isoformat() if value else None


# --- services -------------------------------------------------------------------------------


def service_summary(service: Service) -> dict[str, Any]:
    """One item of `GET /services`: the service's own fields and its organisation."""
    return {
        **_service_fields(service),
        "organization": organisation_summary(service.organisation),
    }


def _service_fields(service: Service) -> dict[str, Any]:
    return _clean(
        {
            "id": hsds_uuid("service", service.id),
            "organization_id": organisation_uuid(service.organisation),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "interpretation_services": service.interpretation_services,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.assured_date.isoformat() if service.assured_date else None,
            "last_modified": _moment(service.last_modified),
        }
    )


def service_minimal(service: Service) -> dict[str, Any]:
    return {"id": hsds_uuid("service", service.id), "last_modified": _moment(service.last_modified)}


def service_full(service: Service, context: Context) -> dict[str, Any]:
    """The fully nested service of `GET /services/{id}`. Expects `with_public_details()`."""
    service_id = hsds_uuid("service", service.id)
    return _clean(
        {
            **_service_fields(service),
            "organization": organisation_summary(service.organisation, identifiers=True),
            "phones": [phone(p, service_id) for p in service.phones.all()],
            "schedules": [
                schedule(s, service_id)
                for s in sorted(service.schedules.all(), key=lambda s: (WEEK[s.byday], s.opens_at))
            ],
            "service_areas": [
                service_area(a, service_id, context) for a in service.service_areas.all()
            ],
            "service_at_locations": [
                service_at_location(link, service_id) for link in service.service_at_locations.all()
            ],
            "languages": [language(lang, service_id) for lang in service.languages.all()],
            "attributes": [
                attribute(term, service_id, "service", context) for term in service.terms.all()
            ],
            # Not in HSDS 3.0; the shape of HSDS 3.1's service_capacity, for refuge spaces.
            "capacities": [capacity(c, service_id) for c in service.capacities.all()],
        }
    )


def phone(row: Phone, service_id: str) -> dict[str, Any]:
    return _clean(
        {
            "id": hsds_uuid("phone", row.id),
            "service_id": service_id,
            "number": row.number,
            "extension": int(row.extension) if row.extension.isdigit() else None,
            "type": row.type,
            "description": row.description,
        }
    )


def schedule(row: Schedule, service_id: str) -> dict[str, Any]:
    return _clean(
        {
            "id": hsds_uuid("schedule", row.id),
            "service_id": service_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": row.byday,
            "opens_at": row.opens_at.strftime("%H:%M"),
            "closes_at": row.closes_at.strftime("%H:%M"),
            "description": row.description,
        }
    )


def service_area(row: ServiceArea, service_id: str, context: Context) -> dict[str, Any]:
    area = context.areas.get(row.area_id) if row.area_id else None
    return _clean(
        {
            "id": hsds_uuid("service_area", row.id),
            "service_id": service_id,
            "name": row.name,
            "description": row.description,
            "extent_type": "ons_code" if area else None,
            "extent": area.ons_code if area else None,
            "uri": f"{ONS_GEOGRAPHY_URI}{area.ons_code}" if area else None,
        }
    )


def language(row: ServiceLanguage, service_id: str) -> dict[str, Any]:
    note = (
        "Interpreter available"
        if row.mode == ServiceLanguage.Mode.INTERPRETER
        else "Staff speak this language"
    )
    return _clean(
        {
            "id": hsds_uuid("language", row.id),
            "service_id": service_id,
            "name": row.name,
            "code": row.code,
            "note": note,
        }
    )


def capacity(row: ServiceCapacity, service_id: str) -> dict[str, Any]:
    return _clean(
        {
            "id": hsds_uuid("service_capacity", row.id),
            "service_id": service_id,
            "unit": _clean(
                {
                    "id": hsds_uuid("unit", row.unit.pk),
                    "name": row.unit.name,
                    "scheme": row.unit.scheme,
                    "identifier": row.unit.identifier,
                }
            ),
            "available": row.available,
            "maximum": row.maximum,
            "description": row.description,
            "updated": _moment(row.updated),
        }
    )


def attribute(term: TaxonomyTerm, link_id: str, entity: str, context: Context) -> dict[str, Any]:
    term_id = hsds_uuid("taxonomy_term", term.pk)
    return {
        "id": derived_uuid("attribute", link_id, term_id),
        "link_id": link_id,
        "link_entity": entity,
        "taxonomy_term_id": term_id,
        "taxonomy_term": taxonomy_term(term, context),
    }


def _confidential_attribute(location_id: str) -> dict[str, Any]:
    return {
        "id": derived_uuid("attribute", location_id, CONFIDENTIAL_TERM["id"]),
        "link_id": location_id,
        "link_entity": "location",
        "taxonomy_term_id": CONFIDENTIAL_TERM["id"],
        "taxonomy_term": dict(CONFIDENTIAL_TERM),
        "value": "true",
    }


# --- locations ------------------------------------------------------------------------------


def location_summary(location: Location) -> dict[str, Any]:
    """A location's one-to-one fields, as public_location() allows them."""
    shown = public_location(location)
    location_id = hsds_uuid("location", location.id)
    values: dict[str, Any] = {
        "id": location_id,
        "location_type": shown.location_type,
        "latitude": _number(shown.latitude),
        "longitude": _number(shown.longitude),
    }
    if shown.confidential:
        values["description"] = (
            f"Confidential address in {shown.city}" if shown.city else "Confidential address"
        )
    else:
        values |= {"name": shown.name, "description": location.description, "url": location.url}
    return _clean(values)


def location_full(location: Location) -> dict[str, Any]:
    shown = public_location(location)
    values = location_summary(location)
    location_id = values["id"]
    if shown.confidential:
        values["attributes"] = [_confidential_attribute(location_id)]
        values["accessibility"] = [
            accessibility(row, location_id, flags_only=True)
            for row in location.accessibility.all()
            if row.step_free or row.hearing_loop or row.bsl
        ]
    else:
        if shown.address_1 or shown.postal_code or shown.city:
            values["addresses"] = [
                _clean(
                    {
                        "id": derived_uuid("address", location_id),
                        "location_id": location_id,
                        "address_1": shown.address_1,
                        "address_2": shown.address_2,
                        "city": shown.city,
                        "state_province": shown.state_province,
                        "postal_code": shown.postal_code,
                        "country": shown.country,
                        "address_type": "postal"
                        if shown.location_type == Location.LocationType.POSTAL
                        else "physical",
                    }
                )
                | {
                    # Required by HSDS even when we do not know them.
                    "address_1": shown.address_1,
                    "city": shown.city,
                    "state_province": shown.state_province,
                    "postal_code": shown.postal_code,
                    "country": shown.country,
                }
            ]
        values["accessibility"] = [
            accessibility(row, location_id) for row in location.accessibility.all()
        ]
    return _clean(values)


def accessibility(
    row: Accessibility, location_id: str, *, flags_only: bool = False
) -> dict[str, Any]:
    if flags_only:
        described = "; ".join(
            text
            for on, text in (
                (row.step_free, "Step-free access"),
                (row.hearing_loop, "Hearing loop"),
                (row.bsl, "British Sign Language"),
            )
            if on
        )
        return {
            "id": hsds_uuid("accessibility", row.id),
            "location_id": location_id,
            "description": described,
        }
    return _clean(
        {
            "id": hsds_uuid("accessibility", row.id),
            "location_id": location_id,
            "description": row.description,
            "details": row.details,
        }
    )


def service_at_location(link: ServiceAtLocation, service_id: str) -> dict[str, Any]:
    """A service_at_location inside a fully nested service."""
    return _clean(
        {
            **_link_fields(link, service_id),
            "location": location_full(link.location),
        }
    )


def _link_fields(link: ServiceAtLocation, service_id: str) -> dict[str, Any]:
    location_id = hsds_uuid("location", link.location_id)
    return {
        "id": hsds_uuid("service_at_location", link.id),
        "service_id": service_id,
        "location_id": location_id,
        # Free text about a confidential place could describe where it is.
        "description": "" if link.location.confidential else link.description,
    }


def service_at_location_summary(link: ServiceAtLocation) -> dict[str, Any]:
    """One item of `GET /service_at_locations`."""
    service_id = hsds_uuid("service", link.service_id)
    return _clean(
        {
            **_link_fields(link, service_id),
            "location": location_summary(link.location),
            "service": service_summary(link.service),
        }
    )


def service_at_location_full(link: ServiceAtLocation, context: Context) -> dict[str, Any]:
    """`GET /service_at_locations/{id}`: the link, its location and its whole service."""
    service_id = hsds_uuid("service", link.service_id)
    return _clean(
        {
            **_link_fields(link, service_id),
            "location": location_full(link.location),
            "service": service_full(link.service, context),
        }
    )


# --- organisations and taxonomies -----------------------------------------------------------


def organisation_summary(
    organisation: Organisation, *, identifiers: bool = False
) -> dict[str, Any]:
    values = _clean(
        {
            "id": organisation_uuid(organisation),
            "name": organisation.name,
            "website": organisation.website,
        }
    )
    values["description"] = organisation.description  # required by HSDS, even when empty
    if identifiers:
        values |= _clean({"organization_identifiers": organisation_identifiers(organisation)})
    return values


def organisation_identifiers(organisation: Organisation) -> list[dict[str, Any]]:
    rows = []
    for identifier in organisation.identifiers.all():
        scheme = identifier.value.rpartition("-")[0]
        rows.append(
            {
                "id": derived_uuid("organization_identifier", identifier.value),
                "organization_id": organisation_uuid(organisation),
                "identifier_scheme": scheme,
                "identifier_type": "org-id",
                "identifier": identifier.value,
            }
        )
    return rows


def organisation_full(
    organisation: Organisation,
    services: Iterable[Service],
    *,
    full_services: bool = False,
    context: Context | None = None,
) -> dict[str, Any]:
    values = organisation_summary(organisation, identifiers=True)
    if full_services:
        services = list(services)
        context = context or Context.for_services(services)
        values["services"] = [service_full(s, context) for s in services]
    else:
        values["services"] = [_service_fields(s) for s in services]
    return values


def taxonomy(row: Taxonomy) -> dict[str, Any]:
    values = _clean(
        {
            "id": hsds_uuid("taxonomy", row.pk),
            "name": row.name,
            "uri": row.uri,
            "version": row.version,
        }
    )
    values["description"] = row.description
    return values


def taxonomy_term(term: TaxonomyTerm, context: Context) -> dict[str, Any]:
    parent = hsds_uuid("taxonomy_term", term.parent_id) if term.parent_id else None
    found = context.taxonomies.get(term.taxonomy_id) if term.taxonomy_id else None
    values = _clean(
        {
            "id": hsds_uuid("taxonomy_term", term.pk),
            "code": term.code,
            "name": term.name,
            "parent_id": parent,
            "taxonomy": found.name if found else None,
            "taxonomy_id": hsds_uuid("taxonomy", found.pk) if found else None,
            "taxonomy_detail": taxonomy(found) if found else None,
            "term_uri": term.term_uri,
            "language": "en",
        }
    )
    values["description"] = term.description
    return values
