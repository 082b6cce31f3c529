"""Reading one HSDS 3 service (the shape of `GET /services/{id}`) into plain data the import
can write. Nothing here touches the database: what needs it (organisations, taxonomy terms,
ids already taken) is resolved by the import action.

Every record is checked against the compiled HSDS service schema first, then against what our
tables can hold (lengths, ages, days, times, codes). Each problem names its JSON path.

What marks a location confidential (its address is then never published):
- `"confidential": true` on the location object (not part of HSDS 3, which has no such flag);
- an attribute on the location, on its service_at_location, on one of its addresses or on the
  service itself whose taxonomy term code is `confidential-address` (or `confidential`),
  unless the attribute's value is "false", "no" or "0";
- any physical or postal location of a refuge: a service whose name says refuge, or which
  carries the VAWG taxonomy's `refuge` term (decided in the import action).
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
from django.db import models

from coaction.finder.models import (
    Accessibility,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceLanguage,
    TaxonomyTerm,
    Unit,
)
from coaction.finder.oruk.ids import is_uuid
from coaction.finder.oruk.schemas import schema_errors
from coaction.finder.oruk.source import SourceRecord

CONFIDENTIAL_CODES = frozenset({"confidential-address", "confidential"})
FALSE_VALUES = frozenset({"false", "no", "0", "n"})
REFUGE_NAME = re.compile(r"\brefuges?\b", re.IGNORECASE)
INTERPRETER_NOTE = re.compile(r"interpret", re.IGNORECASE)
ONS_CODE = re.compile(r"\b([ENSW]\d{8})\b")
TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
DAYS = {day.value for day in Schedule.Day}
COORDINATE = Decimal("0.000001")

# HSDS leaves phone types open; these are the values seen in UK directories.
PHONE_TYPES = {
    "voice": Phone.PhoneType.VOICE,
    "landline": Phone.PhoneType.VOICE,
    "cell": Phone.PhoneType.VOICE,
    "mobile": Phone.PhoneType.VOICE,
    "pager": Phone.PhoneType.VOICE,
    "helpline": Phone.PhoneType.VOICE,
    "text": Phone.PhoneType.TEXT,
    "sms": Phone.PhoneType.TEXT,
    "textphone": Phone.PhoneType.TEXTPHONE,
    "text phone": Phone.PhoneType.TEXTPHONE,
    "tty": Phone.PhoneType.TEXTPHONE,
    "minicom": Phone.PhoneType.TEXTPHONE,
    "text relay": Phone.PhoneType.TEXTPHONE,
    "relay uk": Phone.PhoneType.TEXTPHONE,
    "typetalk": Phone.PhoneType.TEXTPHONE,
    "video": Phone.PhoneType.VIDEO,
    "video relay": Phone.PhoneType.VIDEO,
    "bsl": Phone.PhoneType.VIDEO,
    "fax": Phone.PhoneType.FAX,
}

STEP_FREE = re.compile(r"step[- ]?free|wheelchair|level access|ramp|lift", re.IGNORECASE)
HEARING_LOOP = re.compile(r"hearing loop|induction loop|loop system", re.IGNORECASE)
BSL = re.compile(r"\bBSL\b|british sign language", re.IGNORECASE)


class RecordProblems(Exception):
    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{p}: {m}" for p, m in problems))
        self.problems = problems


@dataclass(frozen=True)
class RecordError:
    """One problem with one record, for the person who runs the import."""

    number: int
    record_id: str
    path: str
    message: str

    def __str__(self) -> str:
        who = f"record {self.number}" + (f" (id {self.record_id})" if self.record_id else "")
        return f"{who}: {self.path}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "record": self.number,
            "id": self.record_id,
            "path": self.path,
            "message": self.message,
        }


@dataclass
class OrganisationData:
    id: str
    name: str
    description: str
    website: str
    identifiers: list[str]


@dataclass
class TermRef:
    """A taxonomy term an attribute points to, by id, by code, or described in full."""

    path: str
    term_id: str
    code: str
    name: str = ""
    description: str = ""
    parent_id: str = ""
    term_uri: str = ""
    taxonomy_id: str = ""
    taxonomy_name: str = ""
    taxonomy_description: str = ""
    taxonomy_uri: str = ""
    taxonomy_version: str = ""


@dataclass
class AccessibilityData:
    id: str
    description: str
    details: str
    step_free: bool
    hearing_loop: bool
    bsl: bool


@dataclass
class LocationData:
    id: str
    path: str
    fields: dict[str, Any]
    confidential: bool
    accessibility: list[AccessibilityData]
    has_address: bool = True


@dataclass
class ServiceAtLocationData:
    id: str
    path: str
    description: str
    location_id: str
    location: LocationData | None


@dataclass
class CapacityData:
    id: str
    path: str
    unit_id: str
    unit_name: str
    unit_scheme: str
    unit_identifier: str
    available: int
    maximum: int | None
    description: str
    updated: datetime.datetime | None


@dataclass
class ServiceData:
    number: int
    id: str
    fields: dict[str, Any]
    last_modified: datetime.datetime | None
    organisation: OrganisationData | None
    organisation_id: str
    languages: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    service_areas: list[dict[str, Any]] = field(default_factory=list)
    service_at_locations: list[ServiceAtLocationData] = field(default_factory=list)
    terms: list[TermRef] = field(default_factory=list)
    capacities: list[CapacityData] = field(default_factory=list)
    confidential_everywhere: bool = False
    named_refuge: bool = False


def record_id_of(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return data["id"][:100]
    return ""


def read_service(record: SourceRecord) -> ServiceData:
    """Check one record and read it, or raise RecordProblems naming every problem found."""
    if record.error:
        raise RecordProblems([("$", record.error)])
    problems = schema_errors("service", record.data)
    if problems:
        raise RecordProblems(problems)
    reader = _Reader()
    service = reader.service(record.number, record.data)
    if reader.problems:
        raise RecordProblems(reader.problems)
    return service


def _max_length(model: type[models.Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length  # type: ignore[union-attr]


class _Reader:
    """Reads one service, gathering problems rather than stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def text(
        self, obj: dict[str, Any], key: str, path: str, model: type[models.Model], name: str = ""
    ) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        value = str(value).strip()
        limit = _max_length(model, name or key)
        if limit is not None and len(value) > limit:
            self.problem(f"{path}.{key}", f"is {len(value)} characters long; at most {limit}")
        return value

    def whole_number(self, obj: dict[str, Any], key: str, path: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            self.problem(f"{path}.{key}", "must be a whole number")
            return None
        if not 0 <= value <= 32767:
            self.problem(f"{path}.{key}", "must be between 0 and 32767")
            return None
        return int(value)

    def date_time(self, value: Any, path: str) -> datetime.datetime | None:
        if value in (None, ""):
            return None
        try:
            parsed = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            self.problem(path, "is not a date and time (RFC 3339)")
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.UTC)
        return parsed

    # --- the service -----------------------------------------------------------------------

    def service(self, number: int, data: dict[str, Any]) -> ServiceData:
        path = "$"
        fields: dict[str, Any] = {
            name: self.text(data, name, path, Service)
            for name in (
                "name",
                "alternate_name",
                "description",
                "url",
                "email",
                "interpretation_services",
                "application_process",
                "fees_description",
                "eligibility_description",
            )
        }
        if not fields["name"]:
            self.problem("$.name", "must not be empty")
        fields["status"] = data["status"]
        fields["minimum_age"] = self.whole_number(data, "minimum_age", path)
        fields["maximum_age"] = self.whole_number(data, "maximum_age", path)
        if (
            fields["minimum_age"] is not None
            and fields["maximum_age"] is not None
            and fields["minimum_age"] > fields["maximum_age"]
        ):
            self.problem("$.maximum_age", "must not be below minimum_age")
        fields["assured_date"] = self.date(data.get("assured_date"), "$.assured_date")
        organisation = None
        if isinstance(data.get("organization"), dict):
            organisation = self.organisation(data["organization"], "$.organization")
        organisation_id = organisation.id if organisation else data.get("organization_id", "")
        if not organisation_id:
            self.problem("$", "a service needs an organization (or an organization_id)")
        service = ServiceData(
            number=number,
            id=data["id"].lower(),
            fields=fields,
            last_modified=self.date_time(data.get("last_modified"), "$.last_modified"),
            organisation=organisation,
            organisation_id=organisation_id.lower(),
            named_refuge=bool(REFUGE_NAME.search(fields["name"])),
        )
        service.languages = self.languages(data.get("languages") or [], "$.languages")
        service.phones = self.phones(data.get("phones") or [], "$.phones")
        service.schedules = self.schedules(data.get("schedules") or [], "$.schedules")
        service.service_areas = self.service_areas(
            data.get("service_areas") or [], "$.service_areas"
        )
        service.terms, service.confidential_everywhere = self.attributes(
            data.get("attributes") or [], "$.attributes"
        )
        for i, sal in enumerate(data.get("service_at_locations") or []):
            sal_path = f"$.service_at_locations[{i}]"
            service.service_at_locations.append(
                self.service_at_location(sal, sal_path, service.confidential_everywhere)
            )
            # Phones and opening times given for one place belong to the service here.
            service.phones += self.phones(sal.get("phones") or [], f"{sal_path}.phones")
            service.schedules += self.schedules(sal.get("schedules") or [], f"{sal_path}.schedules")
        location_ids = [s.location_id for s in service.service_at_locations]
        if len(set(location_ids)) != len(location_ids):
            self.problem("$.service_at_locations", "lists the same location twice")
        if "capacities" in data:
            service.capacities = self.capacities(data["capacities"], "$.capacities")
        for kind, rows in (
            ("languages", service.languages),
            ("phones", service.phones),
            ("schedules", service.schedules),
            ("service_areas", service.service_areas),
            ("service_at_locations", service.service_at_locations),
            ("capacities", service.capacities),
        ):
            ids = [row["id"] if isinstance(row, dict) else row.id for row in rows]
            if len(set(ids)) != len(ids):
                self.problem(f"$.{kind}", "uses the same id twice")
        return service

    def date(self, value: Any, path: str) -> datetime.date | None:
        if value in (None, ""):
            return None
        try:
            return datetime.date.fromisoformat(str(value)[:10])
        except ValueError:
            self.problem(path, "is not a date (YYYY-MM-DD)")
            return None

    def organisation(self, data: dict[str, Any], path: str) -> OrganisationData:
        from coaction.organisations.models import Organisation

        name = self.text(data, "name", path, Organisation)
        if not name:
            self.problem(f"{path}.name", "must not be empty")
        website = self.text(data, "website", path, Organisation) or self.text(
            data, "uri", path, Organisation, "website"
        )
        identifiers = []
        for item in data.get("organization_identifiers") or []:
            value = str(item.get("identifier") or "").strip()
            scheme = str(item.get("identifier_scheme") or "").strip()
            if scheme and value and not value.upper().startswith(scheme.upper()):
                identifiers.append(f"{scheme}-{value}")
            if value:
                identifiers.append(value)
        return OrganisationData(
            id=data["id"].lower(),
            name=name,
            description=self.text(data, "description", path, Organisation),
            website=website,
            identifiers=identifiers,
        )

    def languages(self, items: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            code, name = _language(item.get("code"), item.get("name"))
            if not code:
                self.problem(
                    item_path,
                    f"cannot tell which language this is: give an ISO 639 code "
                    f"(code {item.get('code')!r}, name {item.get('name')!r})",
                )
                continue
            note = str(item.get("note") or "")
            mode = (
                ServiceLanguage.Mode.INTERPRETER
                if INTERPRETER_NOTE.search(note)
                else ServiceLanguage.Mode.STAFF
            )
            if (code, mode) in seen:
                continue
            seen.add((code, mode))
            limit = _max_length(ServiceLanguage, "name") or 80
            rows.append(
                {"id": item["id"].lower(), "code": code, "name": name[:limit], "mode": mode}
            )
        return rows

    def phones(self, items: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
        rows = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            number = self.text(item, "number", item_path, Phone)
            if not number:
                self.problem(f"{item_path}.number", "must not be empty")
            extension = item.get("extension")
            extension = "" if extension is None else str(int(extension))
            if len(extension) > (_max_length(Phone, "extension") or 10):
                self.problem(f"{item_path}.extension", "is too long")
            kind = str(item.get("type") or "voice").strip().lower()
            rows.append(
                {
                    "id": item["id"].lower(),
                    "number": number,
                    "extension": extension,
                    "type": PHONE_TYPES.get(kind, Phone.PhoneType.VOICE),
                    "description": self.text(item, "description", item_path, Phone),
                }
            )
        return rows

    def schedules(self, items: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
        """Weekly opening times. A schedule given some other way (monthly, by date, or only
        in words) cannot be shown as open or closed, so it is left out."""
        rows = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            byday = str(item.get("byday") or "")
            if (
                item.get("freq") == "MONTHLY"
                or not byday.strip()
                or not item.get("opens_at")
                or not item.get("closes_at")
            ):
                continue
            days = [d.strip().upper() for d in byday.split(",") if d.strip()]
            if any(re.match(r"^[+-]?\d", d) for d in days):
                continue  # "1MO": the first Monday of a month
            unknown = [d for d in days if d not in DAYS]
            if unknown:
                self.problem(
                    f"{item_path}.byday",
                    f"{', '.join(unknown)}: days are written MO, TU, WE, TH, FR, SA, SU",
                )
                continue
            opens = self.time(item["opens_at"], f"{item_path}.opens_at")
            closes = self.time(item["closes_at"], f"{item_path}.closes_at")
            if opens is None or closes is None:
                continue
            description = self.text(item, "description", item_path, Schedule)
            source_id = item["id"].lower()
            for day in dict.fromkeys(days):
                rows.append(
                    {
                        "id": source_id if len(days) == 1 else _day_id(source_id, day),
                        "byday": day,
                        "opens_at": opens,
                        "closes_at": closes,
                        "description": description,
                    }
                )
        return rows

    def time(self, value: Any, path: str) -> datetime.time | None:
        match = TIME.match(str(value).strip())
        if match:
            hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
            if (hour, minute, second) == (24, 0, 0):
                return datetime.time(23, 59)
            if hour < 24 and minute < 60 and second < 60:
                return datetime.time(hour, minute, second)
        self.problem(path, f"{value!r} is not a time of day (HH:MM)")
        return None

    def service_areas(self, items: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
        from coaction.finder.models import ServiceArea

        rows = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            name = self.text(item, "name", item_path, ServiceArea)
            description = self.text(item, "description", item_path, ServiceArea)
            name = name or description[:200] or str(item.get("extent") or "")[:200]
            if not name:
                self.problem(item_path, "a service area needs a name or a description")
            found = ONS_CODE.search(
                " ".join(str(item.get(k) or "") for k in ("uri", "name", "extent"))
            )
            rows.append(
                {
                    "id": item["id"].lower(),
                    "name": name,
                    "description": description,
                    "ons_code": found[1] if found else "",
                }
            )
        return rows

    def attributes(self, items: list[dict[str, Any]], path: str) -> tuple[list[TermRef], bool]:
        """Taxonomy terms the attributes point to, and whether one of them says the address
        is confidential."""
        terms: list[TermRef] = []
        confidential = False
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            term = item.get("taxonomy_term") or {}
            code = str(term.get("code") or "").strip()
            term_id = str(term.get("id") or item.get("taxonomy_term_id") or "").lower()
            if code.lower() in CONFIDENTIAL_CODES:
                if str(item.get("value") or "").strip().lower() not in FALSE_VALUES:
                    confidential = True
                continue
            if not term_id and not code:
                continue  # an attribute that names no term says nothing we keep
            detail = term.get("taxonomy_detail") or {}
            terms.append(
                TermRef(
                    path=item_path,
                    term_id=term_id,
                    code=code[: _max_length(TaxonomyTerm, "code") or 100],
                    name=self.text(term, "name", f"{item_path}.taxonomy_term", TaxonomyTerm),
                    description=str(term.get("description") or ""),
                    parent_id=str(term.get("parent_id") or "").lower(),
                    term_uri=str(term.get("term_uri") or ""),
                    taxonomy_id=str(term.get("taxonomy_id") or detail.get("id") or "").lower(),
                    taxonomy_name=str(detail.get("name") or term.get("taxonomy") or ""),
                    taxonomy_description=str(detail.get("description") or ""),
                    taxonomy_uri=str(detail.get("uri") or ""),
                    taxonomy_version=str(detail.get("version") or ""),
                )
            )
        return terms, confidential

    def service_at_location(
        self, item: dict[str, Any], path: str, confidential_everywhere: bool
    ) -> ServiceAtLocationData:
        location = None
        location_id = str(item.get("location_id") or "").lower()
        _, sal_confidential = self.attributes(item.get("attributes") or [], f"{path}.attributes")
        if isinstance(item.get("location"), dict):
            location = self.location(
                item["location"],
                f"{path}.location",
                confidential=confidential_everywhere or sal_confidential,
            )
            location_id = location.id
        if not location_id:
            self.problem(path, "needs a location (or a location_id)")
        return ServiceAtLocationData(
            id=item["id"].lower(),
            path=path,
            description=self.text(item, "description", path, ServiceAtLocation),
            location_id=location_id,
            location=location,
        )

    def location(self, item: dict[str, Any], path: str, *, confidential: bool) -> LocationData:
        fields: dict[str, Any] = {
            "location_type": item["location_type"],
            "name": self.text(item, "name", path, Location),
            "description": self.text(item, "description", path, Location),
            "url": self.text(item, "url", path, Location),
        }
        flag = item.get("confidential")
        if flag is True or str(flag).strip().lower() in {"true", "yes", "1"}:
            confidential = True
        _, marked = self.attributes(item.get("attributes") or [], f"{path}.attributes")
        confidential = confidential or marked
        addresses = item.get("addresses") or []
        address: dict[str, Any] = addresses[0] if addresses else {}
        address_path = f"{path}.addresses[0]"
        for key in ("address_1", "address_2", "city", "state_province", "postal_code"):
            fields[key] = self.text(address, key, address_path, Location)
        if address:
            _, marked = self.attributes(
                address.get("attributes") or [], f"{address_path}.attributes"
            )
            confidential = confidential or marked
            fields["country"] = self.country(address.get("country"), f"{address_path}.country")
        else:
            fields["country"] = "GB"
        fields["postal_code"] = _postcode(fields["postal_code"])
        fields["latitude"] = self.coordinate(item.get("latitude"), f"{path}.latitude", 90)
        fields["longitude"] = self.coordinate(item.get("longitude"), f"{path}.longitude", 180)
        return LocationData(
            id=item["id"].lower(),
            path=path,
            fields=fields,
            confidential=confidential,
            accessibility=self.accessibility(
                item.get("accessibility") or [], f"{path}.accessibility"
            ),
            has_address=bool(address),
        )

    def country(self, value: Any, path: str) -> str:
        text = str(value or "").strip()
        if not text:
            return "GB"
        if text.upper() in {"UK", "GB", "GBR", "UNITED KINGDOM", "GREAT BRITAIN"}:
            return "GB"
        try:
            return str(pycountry.countries.lookup(text).alpha_2)
        except LookupError:
            self.problem(path, f"{text!r} is not a country (use an ISO 3166 code such as GB)")
            return "GB"

    def coordinate(self, value: Any, path: str, bound: int) -> Decimal | None:
        if value is None:
            return None
        try:
            number = Decimal(str(value)).quantize(COORDINATE)
        except InvalidOperation:
            self.problem(path, "must be a number")
            return None
        if not -bound <= number <= bound:
            self.problem(path, f"must be between -{bound} and {bound}")
            return None
        return number

    def accessibility(self, items: list[dict[str, Any]], path: str) -> list[AccessibilityData]:
        rows = []
        limit = _max_length(Accessibility, "description") or 300
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            description = str(item.get("description") or "").strip()
            details = self.text(item, "details", item_path, Accessibility)
            if not description and not details:
                continue
            text = f"{description} {details}"
            rows.append(
                AccessibilityData(
                    id=item["id"].lower(),
                    description=(description or details)[:limit],
                    details=details if description else "",
                    step_free=bool(STEP_FREE.search(text)),
                    hearing_loop=bool(HEARING_LOOP.search(text)),
                    bsl=bool(BSL.search(text)),
                )
            )
        return rows

    def capacities(self, items: Any, path: str) -> list[CapacityData]:
        """Spaces available, in the shape HSDS 3.1 gives `service_capacity` (3.0 has none)."""
        if not isinstance(items, list):
            self.problem(path, "must be a list")
            return []
        rows = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            if not isinstance(item, dict):
                self.problem(item_path, "must be an object")
                continue
            capacity_id = str(item.get("id") or "")
            if not is_uuid(capacity_id):
                self.problem(f"{item_path}.id", "must be a UUID")
            unit = item.get("unit") if isinstance(item.get("unit"), dict) else {}
            unit_id = str(unit.get("id") or item.get("unit_id") or "").lower()
            unit_name = str(unit.get("name") or "").strip()
            if not unit_id and not unit_name:
                self.problem(f"{item_path}.unit", "name the unit (such as bed spaces)")
            available = self.whole_number(item, "available", item_path)
            if available is None and "available" not in item:
                self.problem(f"{item_path}.available", "is required")
            maximum = self.whole_number(item, "maximum", item_path)
            if available is not None and maximum is not None and available > maximum:
                self.problem(f"{item_path}.available", "must not be above maximum")
            rows.append(
                CapacityData(
                    id=capacity_id.lower(),
                    path=item_path,
                    unit_id=unit_id,
                    unit_name=unit_name[: _max_length(Unit, "name") or 100],
                    unit_scheme=str(unit.get("scheme") or "")[:100],
                    unit_identifier=str(unit.get("identifier") or "")[:100],
                    available=available or 0,
                    maximum=maximum,
                    description=self.text(item, "description", item_path, ServiceCapacity),
                    updated=self.date_time(item.get("updated"), f"{item_path}.updated"),
                )
            )
        return rows


def _day_id(source_id: str, day: str) -> str:
    from coaction.finder.oruk.ids import derived_uuid

    return derived_uuid("schedule", source_id, day)


def _postcode(value: str) -> str:
    """Upper case with one space before the inward code, as Royal Mail writes it."""
    compact = re.sub(r"\s+", "", value).upper()
    if 5 <= len(compact) <= 7 and compact[-3:-2].isdigit():
        return f"{compact[:-3]} {compact[-3:]}"
    return value.strip()


def _language(code: Any, name: Any) -> tuple[str, str]:
    """(ISO 639 code, English name): 639-1 where the language has one, else 639-3."""
    code = str(code or "").strip().lower().replace("_", "-").split("-")[0]
    name = str(name or "").strip()
    found = None
    if len(code) == 2:
        found = pycountry.languages.get(alpha_2=code)
    elif len(code) == 3:
        found = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    if found is None and not code and name:
        try:
            found = pycountry.languages.lookup(name)
        except LookupError:
            found = None
    if found is None:
        return "", name
    return getattr(found, "alpha_2", None) or found.alpha_3, name or found.name
