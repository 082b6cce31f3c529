"""Writing ORUK services into our tables, for `do_import_oruk`. Each service is upserted by its
id with everything that hangs off it; a row is saved only when something in it changed, so a
second import of the same file writes nothing.

The whole file is one transaction. Each record is written in a savepoint: a record that fails
is rolled back and reported, the rest are still checked, and if any failed the caller's
transaction rolls back everything."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import Q
from django.utils import timezone

from coaction.finder.models import (
    Accessibility,
    Location,
    Phone,
    Postcode,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
    Unit,
)
from coaction.finder.oruk.ids import derived_uuid, hsds_uuid, organisation_pk_from_uuid
from coaction.finder.oruk.records import (
    CapacityData,
    RecordError,
    RecordProblems,
    ServiceAtLocationData,
    ServiceData,
    TermRef,
    read_service,
    record_id_of,
)
from coaction.finder.oruk.source import SourceRecord
from coaction.finder.taxonomy import TAXONOMY_ID
from coaction.lib.onspd import normalise_postcode
from coaction.lib.orgid import OrgIdError, parse_org_id
from coaction.organisations.models import Area, Organisation, OrganisationIdentifier

# Past this many problems the report stops listing them (it still counts them) and records
# are only checked against the schema, no longer written.
MAX_REPORTED_ERRORS = 100
REFUGE_CODE = "refuge"
SERVICE_NOT_CLEANED = ("embedding", "embedding_model", "embedded_text_hash", "organisation")


@dataclass
class ImportSummary:
    services: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations: set[int] = field(default_factory=set)
    new_organisations: int = 0
    changed_service_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        services = "service" if self.services == 1 else "services"
        organisations = "organisation" if len(self.organisations) == 1 else "organisations"
        counts = f"{self.new} new, {self.updated} updated"
        if self.unchanged:
            counts += f", {self.unchanged} unchanged"
        return (
            f"Imported {self.services} {services} ({counts}) "
            f"from {len(self.organisations)} {organisations}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "services": self.services,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "organisations": len(self.organisations),
            "new_organisations": self.new_organisations,
        }


class ImportRejected(Exception):
    """The file was refused whole; nothing was written."""

    def __init__(self, errors: list[RecordError], *, total: int, records: int) -> None:
        super().__init__(f"{total} problems in {records} records")
        self.errors = errors
        self.total = total
        self.records = records

    def line(self) -> str:
        problems = "problem" if self.total == 1 else "problems"
        records = "record" if self.records == 1 else "records"
        return f"Nothing was imported: {self.total} {problems} in {self.records} {records}" + (
            f" (the first {len(self.errors)} are listed)" if self.total > len(self.errors) else ""
        )


class Importer:
    def __init__(self) -> None:
        self.summary = ImportSummary()
        self.errors: list[RecordError] = []
        self.error_total = 0
        self.failed_records: set[int] = set()
        self.seen: dict[str, int] = {}
        self.now = timezone.now()
        self._reset_caches()

    def _reset_caches(self) -> None:
        """Forget rows a rolled-back record may have made."""
        self.organisations: dict[str, Organisation] = {}
        self.terms: dict[str, TaxonomyTerm] | None = None
        self.taxonomies: dict[str, Taxonomy] | None = None
        self.units: dict[str, Unit] | None = None
        self.areas: dict[str, int | None] = {}

    def run(self, records: Iterable[SourceRecord]) -> ImportSummary:
        for record in records:
            self._one(record)
        if self.error_total:
            raise ImportRejected(
                self.errors, total=self.error_total, records=len(self.failed_records)
            )
        return self.summary

    def _one(self, record: SourceRecord) -> None:
        try:
            data = read_service(record)
        except RecordProblems as exc:
            self._reject(record.number, record_id_of(record.data), exc.problems)
            return
        if data.id in self.seen:
            self._reject(
                record.number, data.id, [("$.id", f"record {self.seen[data.id]} has this id too")]
            )
            return
        self.seen[data.id] = record.number
        if self.error_total >= MAX_REPORTED_ERRORS:
            return  # already refused: go on only to count what else is wrong
        try:
            with transaction.atomic():
                outcome = self._write(data)
        except RecordProblems as exc:
            self._reset_caches()
            self._reject(record.number, data.id, exc.problems)
            return
        except (DatabaseError, ValidationError) as exc:
            self._reset_caches()
            self._reject(record.number, data.id, [("$", f"could not be saved: {exc}")])
            return
        self.summary.services += 1
        if outcome == "new":
            self.summary.new += 1
        elif outcome == "updated":
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1
        if outcome != "unchanged":
            self.summary.changed_service_ids.append(data.id)

    def _reject(self, number: int, record_id: str, problems: list[tuple[str, str]]) -> None:
        self.failed_records.add(number)
        for path, message in problems:
            self.error_total += 1
            if len(self.errors) < MAX_REPORTED_ERRORS:
                self.errors.append(RecordError(number, record_id, path, message))

    # --- one service ----------------------------------------------------------------------

    def _write(self, data: ServiceData) -> str:
        organisation = self._organisation(data)
        self.summary.organisations.add(organisation.pk)
        terms = [self._term(ref) for ref in data.terms]
        refuge = data.named_refuge or any(term.code == REFUGE_CODE for term in terms)
        fields = {**data.fields, "organisation_id": organisation.pk}
        service = Service.objects.filter(pk=data.id).first()
        new = service is None
        if service is None:
            service = Service(id=data.id, last_modified=data.last_modified or self.now, **fields)
            _clean(service, "$", exclude=SERVICE_NOT_CLEANED)
            service.save(force_insert=True)
            own_changes: list[str] = []
        else:
            own_changes = _assign(service, fields)
        changed = bool(own_changes)
        changed |= self._set_terms(service, terms, new)
        changed |= self._sync(ServiceLanguage, service, data.languages, "$.languages", new)
        changed |= self._sync(Phone, service, data.phones, "$.phones", new)
        changed |= self._sync(Schedule, service, data.schedules, "$.schedules", new)
        areas = [
            {**{k: v for k, v in row.items() if k != "ons_code"}, "area_id": self._area(row)}
            for row in data.service_areas
        ]
        changed |= self._sync(ServiceArea, service, areas, "$.service_areas", new)
        changed |= self._sync_locations(service, data, organisation, refuge, new)
        changed |= self._sync_capacities(service, data.capacities, new)
        if not new:
            stamp = data.last_modified or (self.now if changed else service.last_modified)
            if service.last_modified != stamp:
                service.last_modified = stamp
                own_changes.append("last_modified")
            if own_changes:
                _clean(service, "$", exclude=SERVICE_NOT_CLEANED)
                service.save(update_fields=own_changes)
        return "new" if new else ("updated" if changed else "unchanged")

    def _organisation(self, data: ServiceData) -> Organisation:
        key = data.organisation_id
        if key in self.organisations:
            return self.organisations[key]
        organisation = Organisation.objects.filter(hsds_id=key).first()
        if organisation is None and (pk := organisation_pk_from_uuid(key)) is not None:
            organisation = Organisation.objects.filter(pk=pk).first()
        given = data.organisation
        if organisation is None and given and given.identifiers:
            match = (
                OrganisationIdentifier.objects.filter(value__in=_org_ids(given.identifiers))
                .select_related("organisation")
                .first()
            )
            if match is not None:
                organisation = match.organisation
                if (
                    organisation.hsds_id is None
                    and not Organisation.objects.filter(hsds_id=key).exists()
                ):
                    organisation.hsds_id = key
                    organisation.save(update_fields=["hsds_id"])
        if organisation is None:
            if given is None:
                raise RecordProblems(
                    [
                        (
                            "$.organization_id",
                            f"no organisation has the id {key}; include the organization",
                        )
                    ]
                )
            organisation = self._new_organisation(key, given)
        elif given is not None:
            # The organisation keeps its own profile; an import only fills what is missing.
            filled = []
            if not organisation.description and given.description:
                organisation.description = given.description
                filled.append("description")
            if not organisation.website and given.website:
                organisation.website = given.website
                filled.append("website")
            if filled:
                organisation.save(update_fields=[*filled, "updated_at"])
        self.organisations[key] = organisation
        return organisation

    def _new_organisation(self, key: str, given: Any) -> Organisation:
        from coaction.organisations.actions import unique_slug

        organisation = Organisation(
            name=given.name,
            slug=unique_slug(given.name),
            leadership_type=Organisation.LeadershipType.UNDECLARED,
            description=given.description,
            website=given.website,
            hsds_id=key,
        )
        _clean(organisation, "$.organization", exclude=("slug",), validate_unique=True)
        organisation.save()
        for value in _org_ids(given.identifiers, valid_only=True):
            if not OrganisationIdentifier.objects.filter(value=value).exists():
                OrganisationIdentifier.objects.create(organisation=organisation, value=value)
        self.summary.new_organisations += 1
        return organisation

    # --- taxonomy --------------------------------------------------------------------------

    def _load_taxonomy(self) -> tuple[dict[str, TaxonomyTerm], dict[str, Taxonomy]]:
        if self.terms is None or self.taxonomies is None:
            self.taxonomies = {}
            for taxonomy in Taxonomy.objects.all():
                self.taxonomies[taxonomy.pk] = taxonomy
                self.taxonomies[hsds_uuid("taxonomy", taxonomy.pk)] = taxonomy
            self.terms = {}
            for term in TaxonomyTerm.objects.all():
                self.terms[term.pk] = term
                self.terms[hsds_uuid("taxonomy_term", term.pk)] = term
                self.terms[f"{term.taxonomy_id}|{term.code}"] = term
        return self.terms, self.taxonomies

    def _term(self, ref: TermRef) -> TaxonomyTerm:
        terms, taxonomies = self._load_taxonomy()
        if ref.term_id and ref.term_id in terms:
            return terms[ref.term_id]
        taxonomy = taxonomies.get(ref.taxonomy_id) if ref.taxonomy_id else None
        if ref.code and (taxonomy is not None or not ref.taxonomy_id):
            found = terms.get(f"{taxonomy.pk if taxonomy else TAXONOMY_ID}|{ref.code}")
            if found is not None:
                return found
        if not (ref.term_id and ref.name):
            raise RecordProblems(
                [
                    (
                        ref.path,
                        f"no taxonomy term {ref.term_id or ref.code!r} is known here; "
                        "give the taxonomy_term with its id, name and description",
                    )
                ]
            )
        if taxonomy is None and ref.taxonomy_id:
            taxonomy = Taxonomy.objects.create(
                id=ref.taxonomy_id,
                name=(ref.taxonomy_name or "Imported taxonomy")[:200],
                description=(ref.taxonomy_description or ref.taxonomy_name)[:2000],
                uri=ref.taxonomy_uri[:300],
                version=ref.taxonomy_version[:50],
            )
            taxonomies[taxonomy.pk] = taxonomy
        term = TaxonomyTerm(
            id=ref.term_id,
            taxonomy=taxonomy,
            code=ref.code,
            name=ref.name,
            description=ref.description[:2000],
            facet=TaxonomyTerm.Facet.OTHER,
            term_uri=ref.term_uri[:300],
            parent=terms.get(ref.parent_id) if ref.parent_id else None,
        )
        _clean(term, f"{ref.path}.taxonomy_term", exclude=("taxonomy", "parent"))
        term.save(force_insert=True)
        terms[term.pk] = term
        terms[f"{term.taxonomy_id}|{term.code}"] = term
        return term

    def _set_terms(self, service: Service, terms: list[TaxonomyTerm], new: bool) -> bool:
        wanted = {term.pk for term in terms}
        stored = set() if new else set(service.terms.values_list("pk", flat=True))
        if wanted == stored:
            return False
        service.terms.set(wanted)
        return True

    def _area(self, row: dict[str, Any]) -> int | None:
        code = row.get("ons_code") or ""
        if not code:
            return None
        if code not in self.areas:
            self.areas[code] = (
                Area.objects.filter(ons_code=code).values_list("pk", flat=True).first()
            )
        return self.areas[code]

    # --- rows that belong to one service or one location ----------------------------------

    def _sync(
        self,
        model: type[models.Model],
        owner: models.Model,
        rows: list[dict[str, Any]],
        path: str,
        new: bool,
        *,
        owner_field: str = "service",
        keep_flags: tuple[str, ...] = (),
    ) -> bool:
        """Make the owner's rows of `model` exactly `rows`, matched by id. `keep_flags` are
        booleans an import may set but never clears (a manager may have set them)."""
        ids = [row["id"] for row in rows]
        if not ids and new:
            return False
        manager = model._default_manager
        # One query for both: the owner's rows, and any row elsewhere with an id we want.
        wanted = Q(pk__in=ids)
        found = list(manager.filter(wanted if new else wanted | Q(**{owner_field: owner})))
        owner_id = f"{owner_field}_id"
        taken = [obj.pk for obj in found if getattr(obj, owner_id) != owner.pk]
        if taken:
            raise RecordProblems(
                [(path, f"id {pk} already belongs to another {owner_field}") for pk in taken]
            )
        stored = {obj.pk: obj for obj in found}
        changed = False
        stale = [pk for pk in stored if pk not in set(ids)]
        if stale:
            manager.filter(pk__in=stale).delete()
            changed = True
        for row in rows:
            values = {k: v for k, v in row.items() if k != "id"}
            obj = stored.get(row["id"])
            if obj is None:
                obj = model(pk=row["id"], **{owner_field: owner}, **values)
                _clean(obj, f"{path} (id {row['id']})", exclude=(owner_field, "area", "unit"))
                obj.save(force_insert=True)
                changed = True
                continue
            for flag in keep_flags:
                values[flag] = values[flag] or getattr(obj, flag)
            fields = _assign(obj, values)
            if fields:
                obj.save(update_fields=fields)
                changed = True
        return changed

    def _sync_locations(
        self,
        service: Service,
        data: ServiceData,
        organisation: Organisation,
        refuge: bool,
        new: bool,
    ) -> bool:
        rows = data.service_at_locations
        ids = [row.id for row in rows]
        taken = list(
            ServiceAtLocation.objects.filter(pk__in=ids)
            .exclude(service=service)
            .values_list("pk", flat=True)
        )
        if taken:
            raise RecordProblems(
                [
                    ("$.service_at_locations", f"id {pk} already belongs to another service")
                    for pk in taken
                ]
            )
        stored = {} if new else {link.pk: link for link in service.service_at_locations.all()}
        changed = False
        stale = [pk for pk in stored if pk not in set(ids)]
        if stale:
            ServiceAtLocation.objects.filter(pk__in=stale).delete()
            changed = True
        for row in rows:
            location, location_changed = self._location(row, organisation, refuge)
            changed |= location_changed
            link = stored.get(row.id)
            if link is None:
                ServiceAtLocation.objects.create(
                    id=row.id, service=service, location=location, description=row.description
                )
                changed = True
                continue
            description = row.description
            if location.confidential and not description:
                description = link.description  # withheld when published, so kept here
            fields = _assign(link, {"location_id": location.pk, "description": description})
            if fields:
                link.save(update_fields=fields)
                changed = True
        return changed

    def _location(
        self, row: ServiceAtLocationData, organisation: Organisation, refuge: bool
    ) -> tuple[Location, bool]:
        given = row.location
        if given is None:
            location = Location.objects.filter(pk=row.location_id).first()
            if location is None:
                raise RecordProblems(
                    [
                        (
                            f"{row.path}.location_id",
                            f"no location has the id {row.location_id}; include the location",
                        )
                    ]
                )
            if refuge and not location.confidential:
                location.confidential = True
                location.save(update_fields=["confidential"])
                return location, True
            return location, False
        fields = dict(given.fields)
        fields["confidential"] = given.confidential or (
            refuge
            and fields["location_type"]
            in (Location.LocationType.PHYSICAL, Location.LocationType.POSTAL)
        )
        area_id = None
        if fields["postal_code"]:
            centroid = Postcode.objects.filter(
                postcode=normalise_postcode(fields["postal_code"])
            ).first()
            if centroid is not None:
                if fields["latitude"] is None or fields["longitude"] is None:
                    fields["latitude"], fields["longitude"] = (
                        centroid.latitude,
                        centroid.longitude,
                    )
                if centroid.local_authority:
                    area_id = self._area({"ons_code": centroid.local_authority})
        location = Location.objects.filter(pk=given.id).first()
        if (
            location is not None
            and location.confidential
            and given.confidential
            and not given.has_address
        ):
            # Published as we publish it (no address, a rough position): keep what we know.
            return location, False
        created = changed = location is None
        if location is None:
            location = Location(id=given.id, organisation=organisation, area_id=area_id, **fields)
            _clean(location, given.path, exclude=("organisation", "area"))
            location.save(force_insert=True)
        else:
            # An import can make an address confidential but never publishes one that is.
            fields["confidential"] = fields["confidential"] or location.confidential
            if location.area_id is None and area_id is not None:
                fields["area_id"] = area_id
            updated = _assign(location, fields)
            if updated:
                _clean(location, given.path, exclude=("organisation", "area"))
                location.save(update_fields=updated)
                changed = True
        accessibility = [
            {
                "id": item.id,
                "description": item.description,
                "details": item.details,
                "step_free": item.step_free,
                "hearing_loop": item.hearing_loop,
                "bsl": item.bsl,
            }
            for item in given.accessibility
        ]
        changed |= self._sync(
            Accessibility,
            location,
            accessibility,
            f"{given.path}.accessibility",
            created,
            owner_field="location",
            keep_flags=("step_free", "hearing_loop", "bsl"),
        )
        return location, changed

    def _unit(self, row: CapacityData) -> Unit:
        if self.units is None:
            self.units = {}
            for unit in Unit.objects.all():
                for key in (unit.pk, hsds_uuid("unit", unit.pk), unit.identifier, unit.name):
                    if key:
                        self.units.setdefault(key.lower(), unit)
        for key in (row.unit_id, row.unit_identifier, row.unit_name):
            if key and key.lower() in self.units:
                return self.units[key.lower()]
        if not row.unit_name:
            raise RecordProblems([(f"{row.path}.unit", "name the unit (such as bed spaces)")])
        unit = Unit.objects.create(
            id=row.unit_id or derived_uuid("unit", row.unit_name.lower()),
            name=row.unit_name,
            scheme=row.unit_scheme,
            identifier=row.unit_identifier,
        )
        self.units[unit.pk.lower()] = unit
        self.units[unit.name.lower()] = unit
        return unit

    def _sync_capacities(self, service: Service, rows: list[CapacityData], new: bool) -> bool:
        stored = {} if new else {c.pk: c for c in service.capacities.all()}
        wanted = []
        for row in rows:
            unit = self._unit(row)
            previous = stored.get(row.id)
            values = {
                "id": row.id,
                "unit_id": unit.pk,
                "available": row.available,
                "maximum": row.maximum,
                "description": row.description,
            }
            moved = previous is None or any(
                getattr(previous, k) != v for k, v in values.items() if k != "id"
            )
            values["updated"] = row.updated or (
                self.now if moved or previous is None else previous.updated
            )
            wanted.append(values)
        units = [v["unit_id"] for v in wanted]
        if len(set(units)) != len(units):
            raise RecordProblems([("$.capacities", "gives the same unit twice")])
        return self._sync(ServiceCapacity, service, wanted, "$.capacities", new)


def _org_ids(values: Iterable[str], *, valid_only: bool = False) -> list[str]:
    """Identifiers as org-id.guide writes them (GB-CHC-1234567); those that are not org-ids
    are kept as given unless `valid_only`."""
    found = []
    for value in values:
        try:
            found.append(str(parse_org_id(value)))
        except OrgIdError:
            if not valid_only:
                found.append(value.strip())
    return list(dict.fromkeys(found))


def _clean(
    obj: models.Model, path: str, *, exclude: Iterable[str] = (), validate_unique: bool = False
) -> None:
    """Django's own checks of a row (URLs, emails, choices, constraints), as problems with a
    path into the record. Ids are checked by the import itself, so uniqueness only when
    asked."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=validate_unique)
    except ValidationError as exc:
        problems = []
        for name, messages in exc.message_dict.items():
            where = path if name == NON_FIELD_ERRORS else f"{path}.{name}"
            problems += [(where, str(message)) for message in messages]
        raise RecordProblems(problems) from exc


def _assign(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ and say which they were."""
    changed = []
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed.append(key)
    return changed
