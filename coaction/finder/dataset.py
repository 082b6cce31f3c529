"""Invented services for the demo and for benchmarks. Every name, address, phone number and
figure here is made up: phone numbers come from Ofcom's ranges reserved for drama, and
postcodes from the invented outward codes in fixtures/postcodes_demo.csv.

Demo scale: about 200 services across the demo organisations, each consistent with what its
organisation does, the languages it speaks and the communities it serves; refuges have
confidential addresses and recent vacancies. National scale: 20,000 services across the
national organisations. National services draw their name, description and tags from a pool
of about 200 templates, so their search embeddings are computed about 200 times, not 20,000."""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from coaction.core.dataset import DatasetContext, dataset_step
from coaction.finder.invented_services import (
    COMMUNITY_TERMS,
    INTERPRETED,
    KINDS,
    KINDS_BY_CODE,
    NAMED_KINDS,
    SPECIALISM_KINDS,
    STATUTORY_KINDS,
    STREET_TYPES,
    STREETS,
    Kind,
)
from coaction.finder.manage_selectors import BED_SPACE_UNIT_ID
from coaction.finder.models import (
    Accessibility,
    AreaLanguage,
    Location,
    Phone,
    Postcode,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceLanguage,
    TaxonomyTerm,
)
from coaction.lib.onspd import format_postcode
from coaction.organisations.models import Area, Language, Organisation

FIXTURES = Path(__file__).resolve().parent / "fixtures"
POSTCODES_FIXTURE = FIXTURES / "postcodes_demo.csv"
AREA_LANGUAGES_FIXTURE = FIXTURES / "area_languages_demo.csv"

DEMO_PREFIX = "demo-"
NATIONAL_PREFIX = "national-"
NATIONAL_SERVICES = 20_000
BATCH = 2000


@dataclass
class Plan:
    """One service to create, before it has ids."""

    id: str
    organisation_id: int
    name: str
    description: str
    application_process: str
    eligibility_description: str
    url: str
    email: str
    status: str
    terms: set[str]
    staff: list[str]
    interpreters: list[str]
    phones: list[tuple[str, str]]
    hours: list[tuple[str, time, time]]
    area_id: int | None
    served_area_ids: list[int]
    location_key: tuple[Any, ...] | None  # shared office locations share a key
    refuge: bool
    bed_spaces: tuple[int, int] | None = None
    updated_minutes_ago: int = 0
    location: dict[str, Any] = field(default_factory=dict)
    access: tuple[bool, bool, bool] = (False, False, False)


def description_pool() -> list[tuple[Kind, int, int]]:
    """Every (kind, opening, detail) combination: the distinct descriptions there are."""
    return [
        (kind, i, j)
        for kind in KINDS
        for i in range(len(kind.openings))
        for j in range(len(kind.details))
    ]


def describe(kind: Kind, opening: int, detail: int) -> tuple[str, set[str]]:
    text, extra = kind.details[detail]
    return f"{kind.openings[opening]} {text}", {*kind.needs, *kind.eligibility, *extra}


def _hours(kind: Kind, rng: Any) -> list[tuple[str, time, time]]:
    if kind.hours == "always":
        return [(day, time(0, 0), time(23, 59)) for day in Schedule.Day.values]
    opens, closes = rng.choice(
        [(time(9, 0), time(17, 0)), (time(9, 30), time(16, 30)), (time(10, 0), time(18, 0))]
    )
    hours = [(day, opens, closes) for day in ("MO", "TU", "WE", "TH", "FR")]
    if kind.hours == "extended" or rng.random() < 0.25:
        late = rng.choice(["TU", "TH"])
        hours = [(d, o, time(20, 0) if d == late else c) for d, o, c in hours]
    if rng.random() < 0.15:
        hours.append(("SA", time(10, 0), time(13, 0)))
    return hours


class _Numbers:
    """Invented phone numbers from Ofcom's drama ranges, never repeated."""

    def __init__(self) -> None:
        self.n = 0

    def next(self, kind: str) -> str:
        self.n += 1
        k = self.n % 1000
        if kind == "freephone":
            return f"0808 157 0{k:03d}"
        if kind == "mobile":
            return f"07700 900{k:03d}"
        prefix = ["020 7946 0", "0113 496 0", "0121 496 0", "0161 496 0", "0191 498 0"][
            (self.n // 1000) % 5
        ]
        return f"{prefix}{k:03d}"


def _phones(kind: Kind, terms: set[str], numbers: _Numbers, rng: Any) -> list[tuple[str, str]]:
    main = numbers.next("freephone" if kind.code == "helpline" else "landline")
    phones = [(main, "voice")]
    if kind.code == "helpline" or rng.random() < 0.3:
        phones.append((numbers.next("mobile"), "text"))
    if "deaf-bsl" in terms:
        phones.append((f"18001 {main}", "textphone"))
        phones.append((numbers.next("landline"), "video"))
    return phones


def _languages(org_languages: Sequence[str], known: set[str], rng: Any) -> tuple[list, list]:
    staff = sorted({"en", *org_languages} & known)
    interpreters: list[str] = []
    if rng.random() < 0.35:
        choices = [code for code in INTERPRETED if code not in staff and code in known]
        interpreters = sorted(rng.sample(choices, k=min(len(choices), rng.randint(1, 3))))
    return staff, interpreters


def _kinds_for(org: dict[str, Any], rng: Any) -> list[str]:
    if org["slug"] in NAMED_KINDS:
        return list(NAMED_KINDS[org["slug"]])
    if org["type"] == "statutory":
        for marker, kinds in STATUTORY_KINDS.items():
            if marker in org["name"]:
                return list(kinds)
        return ["housing-options"]
    kinds: list[str] = []
    for specialism in org["specialisms"]:
        for code in SPECIALISM_KINDS.get(specialism, ()):
            if code not in kinds:
                kinds.append(code)
    extras = ["outreach", "counselling", "helpline", "idva", "housing", "children"]
    rng.shuffle(extras)
    wanted = 3 + (rng.random() < 0.7)
    for code in extras:
        if len(kinds) >= wanted:
            break
        if code not in kinds:
            kinds.append(code)
    return kinds


def _load_organisations(organisations: Iterable[Organisation]) -> list[dict[str, Any]]:
    """Each organisation's profile as plain data, read in bulk."""
    orgs = {
        o.pk: {
            "pk": o.pk,
            "slug": o.slug,
            "name": o.name,
            "type": o.leadership_type,
            "specialisms": [],
            "communities": [],
            "languages": [],
            "areas": [],
        }
        for o in organisations
    }
    ids = list(orgs)
    for key, through, column in (
        ("specialisms", Organisation.specialisms.through, "specialism__code"),
        ("communities", Organisation.communities.through, "community__code"),
        ("languages", Organisation.languages.through, "language__code"),
        ("areas", Organisation.areas.through, "area_id"),
    ):
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            rows = through.objects.filter(organisation_id__in=chunk).values_list(
                "organisation_id", column
            )
            for org_id, value in rows:
                orgs[org_id][key].append(value)
    for org in orgs.values():
        for key in ("specialisms", "communities", "languages", "areas"):
            org[key].sort()
    return sorted(orgs.values(), key=lambda o: o["slug"])


class _Builder:
    def __init__(self, ctx: DatasetContext, prefix: str) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.prefix = prefix
        self.numbers = _Numbers()
        self.known_languages = dict(Language.objects.values_list("code", "name"))
        self.term_ids = dict(TaxonomyTerm.objects.values_list("code", "pk"))
        self.term_names = dict(TaxonomyTerm.objects.values_list("code", "name"))
        self.areas = {a.pk: a for a in Area.objects.all()}
        self.postcodes: dict[str, list[Postcode]] = {}
        for postcode in Postcode.objects.order_by("postcode"):
            self.postcodes.setdefault(postcode.local_authority, []).append(postcode)
        self.count = 0

    def next_id(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:05d}"

    def address(self, area_id: int | None) -> dict[str, Any]:
        rng = self.rng
        area = self.areas.get(area_id) if area_id else None
        street = f"{rng.randint(1, 240)} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
        place: dict[str, Any] = {
            "address_1": street,
            "city": area.name if area else "",
            "area_id": area_id,
            "postal_code": "",
            "latitude": None,
            "longitude": None,
        }
        candidates = self.postcodes.get(area.ons_code, []) if area else []
        if candidates:
            postcode = rng.choice(candidates)
            place.update(
                postal_code=format_postcode(postcode.postcode),
                latitude=postcode.latitude,
                longitude=postcode.longitude,
            )
        return place

    def save(self, plans: list[Plan]) -> list[str]:
        """Create the planned services and everything that hangs off them, in bulk."""
        now = timezone.now()
        Service.objects.bulk_create(
            [
                Service(
                    id=p.id,
                    organisation_id=p.organisation_id,
                    name=p.name,
                    description=p.description,
                    application_process=p.application_process,
                    eligibility_description=p.eligibility_description,
                    url=p.url,
                    email=p.email,
                    status=p.status,
                    last_modified=now,
                )
                for p in plans
            ]
        )
        through = Service.terms.through
        through.objects.bulk_create(
            [
                through(service_id=p.id, taxonomyterm_id=self.term_ids[code])
                for p in plans
                for code in sorted(p.terms)
                if code in self.term_ids
            ]
        )
        ServiceLanguage.objects.bulk_create(
            [
                ServiceLanguage(
                    id=f"{p.id}-{mode}-{code}",
                    service_id=p.id,
                    code=code,
                    name=self.known_languages.get(code, code),
                    mode=mode,
                )
                for p in plans
                for mode, codes in (("staff", p.staff), ("interpreter", p.interpreters))
                for code in codes
            ]
        )
        Phone.objects.bulk_create(
            [
                Phone(id=f"{p.id}-phone-{i}", service_id=p.id, number=number, type=kind)
                for p in plans
                for i, (number, kind) in enumerate(p.phones)
            ]
        )
        Schedule.objects.bulk_create(
            [
                Schedule(
                    id=f"{p.id}-hours-{day}",
                    service_id=p.id,
                    byday=day,
                    opens_at=opens,
                    closes_at=closes,
                )
                for p in plans
                for day, opens, closes in p.hours
            ]
        )
        ServiceArea.objects.bulk_create(
            [
                ServiceArea(
                    id=f"{p.id}-area-{area_id}",
                    service_id=p.id,
                    area_id=area_id,
                    name=self.areas[area_id].name,
                )
                for p in plans
                for area_id in p.served_area_ids
            ]
        )
        self._save_locations(plans)
        unit_id = BED_SPACE_UNIT_ID
        ServiceCapacity.objects.bulk_create(
            [
                ServiceCapacity(
                    id=f"{p.id}-beds",
                    service_id=p.id,
                    unit_id=unit_id,
                    available=p.bed_spaces[0],
                    maximum=p.bed_spaces[1],
                    updated=now - timedelta(minutes=p.updated_minutes_ago),
                )
                for p in plans
                if p.bed_spaces is not None
            ]
        )
        return [p.id for p in plans]

    def _save_locations(self, plans: list[Plan]) -> None:
        locations: dict[tuple[Any, ...], Location] = {}
        access: dict[tuple[Any, ...], tuple[bool, bool, bool]] = {}
        links = []
        for p in plans:
            if p.location_key is None:
                continue
            if p.location_key not in locations:
                digest = hashlib.sha1(repr(p.location_key).encode(), usedforsecurity=False)
                location_id = f"{self.prefix}loc-{digest.hexdigest()[:16]}"
                place = p.location
                locations[p.location_key] = Location(
                    id=location_id,
                    organisation_id=p.organisation_id,
                    name=place.get("name", ""),
                    address_1=place["address_1"],
                    city=place["city"],
                    postal_code=place["postal_code"],
                    latitude=place["latitude"],
                    longitude=place["longitude"],
                    area_id=place["area_id"],
                    confidential=p.refuge,
                )
                access[p.location_key] = p.access
            links.append(
                ServiceAtLocation(
                    id=f"{p.id}-at",
                    service_id=p.id,
                    location_id=locations[p.location_key].id,
                )
            )
        Location.objects.bulk_create(list(locations.values()))
        ServiceAtLocation.objects.bulk_create(links)
        descriptions = (
            (0, "Step-free access"),
            (1, "Hearing loop"),
            (2, "British Sign Language on site"),
        )
        Accessibility.objects.bulk_create(
            [
                Accessibility(
                    id=f"{locations[key].id}-access",
                    location_id=locations[key].id,
                    description="; ".join(text for i, text in descriptions if flags[i]),
                    step_free=flags[0],
                    hearing_loop=flags[1],
                    bsl=flags[2],
                )
                for key, flags in access.items()
                if any(flags)
            ]
        )


def _status(rng: Any) -> str:
    roll = rng.random()
    if roll < 0.04:
        return Service.Status.TEMPORARILY_CLOSED
    if roll < 0.06:
        return Service.Status.INACTIVE
    return Service.Status.ACTIVE


def _org_terms(org: dict[str, Any], kind: Kind) -> set[str]:
    """Community, faith and eligibility terms that come from the organisation's profile. A
    perpetrator programme is not tagged with the communities of the women's organisation
    running it."""
    if kind.code in {"perpetrator", "probation"}:
        return set()
    return {COMMUNITY_TERMS[c] for c in org["communities"] if c in COMMUNITY_TERMS}


REFUGE_HOUSES = [
    "Jasmine House", "Rowan House", "Hazel House", "Iris House", "Magnolia House",
    "Poppy House", "Acacia House", "Laurel House", "Sorrel House", "Primrose House",
]  # fmt: skip


def _service_name(org_name: str, kind: Kind, used: set[str], area_name: str, rng: Any) -> str:
    """The organisation's name and the kind's, without saying "Refuge" twice; a second refuge
    of the same organisation takes a house name."""
    words = set(org_name.lower().split())
    names = [n for n in kind.names if n.split()[-1].lower() not in words] or list(kind.names)
    name = f"{org_name} {rng.choice(names)}"
    if name in used and kind.refuge:
        houses = [h for h in REFUGE_HOUSES if f"{org_name}: {h}" not in used]
        name = f"{org_name}: {rng.choice(houses)}"
    elif name in used and area_name:
        name = f"{name} ({area_name})"
    n = 1
    base = name
    while name in used:
        n += 1
        name = f"{base} {n}"
    return name[:200]


def _plan_demo(builder: _Builder, orgs: list[dict[str, Any]]) -> list[Plan]:
    rng = builder.rng
    plans: list[Plan] = []
    for org in orgs:
        areas = org["areas"] or [None]
        names_used: set[str] = set()
        for kind_code in _kinds_for(org, rng):
            kind = KINDS_BY_CODE[kind_code]
            area_id = rng.choice(areas)
            choices = [
                i
                for i in range(len(kind.openings))
                if org["type"] == "by_and_for" or i not in kind.by_and_for_openings
            ]
            description, terms = describe(
                kind, rng.choice(choices), rng.randrange(len(kind.details))
            )
            terms |= _org_terms(org, kind)
            area_name = builder.areas[area_id].name if area_id else ""
            name = _service_name(org["name"], kind, names_used, area_name, rng)
            names_used.add(name)
            staff, interpreters = _languages(org["languages"], set(builder.known_languages), rng)
            if "deaf-bsl" in terms and "bfi" not in staff and "bfi" not in interpreters:
                interpreters.append("bfi")
            place = builder.address(area_id)
            if kind.refuge:
                # A refuge has its own address, which stays confidential.
                place["name"] = name
                location_key: tuple[Any, ...] | None = ("refuge", org["pk"], len(plans))
            elif kind.code == "helpline":
                location_key = None  # a phone line, available wherever the service says
            else:
                location_key = ("office", org["pk"], area_id)
            plan = Plan(
                id=builder.next_id(),
                organisation_id=org["pk"],
                name=name,
                description=description,
                application_process=kind.how,
                eligibility_description=kind.who,
                url=f"https://{org['slug'][:60]}.example.org/{slugify(kind.names[0])}",
                email=f"{kind.code}@{org['slug'][:60]}.example.org",
                status=_status(rng) if not kind.refuge else Service.Status.ACTIVE,
                terms=terms,
                staff=staff,
                interpreters=interpreters,
                phones=_phones(kind, terms, builder.numbers, rng),
                hours=_hours(kind, rng),
                area_id=area_id,
                served_area_ids=[a for a in org["areas"] if a is not None],
                location_key=location_key,
                refuge=kind.refuge,
                location=place,
                access=(rng.random() < 0.6, rng.random() < 0.25, "deaf-bsl" in terms),
            )
            if kind.refuge:
                maximum = rng.randint(4, 14)
                plan.bed_spaces = (rng.choice([0, 0, 0, 1, 1, 2, 3]), maximum)
                plan.updated_minutes_ago = rng.randint(15, 60 * 72)
            plans.append(plan)
    return plans


@dataclass(frozen=True)
class Template:
    """A national service's name, description and tags: about 200 of these make 20,000
    services, so the text to embed repeats."""

    kind: Kind
    name: str
    description: str
    terms: frozenset[str]


def national_templates(rng: Any) -> list[Template]:
    """One template per distinct description; some carry a community and a faith term."""
    communities = [c for c in COMMUNITY_TERMS.values() if c.startswith("community-")]
    faiths = [c for c in COMMUNITY_TERMS.values() if c.startswith("faith-")]
    templates = []
    for kind, i, j in description_pool():
        description, terms = describe(kind, i, j)
        if i in kind.by_and_for_openings or (
            kind.code not in {"perpetrator", "probation"} and rng.random() < 0.3
        ):
            terms.add(rng.choice(communities))
            if rng.random() < 0.5:
                terms.add(rng.choice(faiths))
        templates.append(
            Template(
                kind=kind,
                name=kind.names[(i + j) % len(kind.names)],
                description=description,
                terms=frozenset(terms),
            )
        )
    return templates


def _plan_national(builder: _Builder, orgs: list[dict[str, Any]], total: int) -> list[Plan]:
    """Plans for `total` services, spread evenly over the organisations."""
    rng = builder.rng
    templates = national_templates(rng)
    by_kind: dict[str, list[Template]] = {}
    for template in templates:
        by_kind.setdefault(template.kind.code, []).append(template)
    per_org = -(-total // len(orgs))
    plans: list[Plan] = []
    for org in orgs:
        kinds = _kinds_for(org, rng)
        for n in range(per_org):
            if len(plans) >= total:
                return plans
            template = rng.choice(by_kind[kinds[n % len(kinds)]])
            kind = template.kind
            area_id = rng.choice(org["areas"]) if org["areas"] else None
            staff, interpreters = _languages(org["languages"], set(builder.known_languages), rng)
            plan_id = builder.next_id()
            plan = Plan(
                id=plan_id,
                organisation_id=org["pk"],
                name=template.name,
                description=template.description,
                application_process=kind.how,
                eligibility_description=kind.who,
                url=f"https://{org['slug']}.example.org/{slugify(template.name)}",
                email=f"{kind.code}@{org['slug']}.example.org",
                status=_status(rng) if not kind.refuge else Service.Status.ACTIVE,
                terms=set(template.terms),
                staff=staff,
                interpreters=interpreters,
                phones=_phones(kind, set(template.terms), builder.numbers, rng),
                hours=_hours(kind, rng),
                area_id=area_id,
                served_area_ids=[area_id] if area_id else [],
                location_key=None if kind.code == "helpline" else ("service", plan_id),
                refuge=kind.refuge,
                location=builder.address(area_id),
                access=(rng.random() < 0.6, rng.random() < 0.2, "deaf-bsl" in template.terms),
            )
            if kind.refuge:
                plan.bed_spaces = (rng.choice([0, 0, 0, 1, 1, 2, 3]), rng.randint(4, 14))
                plan.updated_minutes_ago = rng.randint(15, 60 * 24 * 14)
            plans.append(plan)
    return plans


def compute_embeddings(ctx: DatasetContext, service_ids: list[str]) -> int:
    """Give the new services their search embeddings now, so the data set is searchable as
    soon as the command ends. The finder's `embed_services` embeds each distinct text once:
    the national scale's 20,000 services share about 200 texts. Returns how many texts went
    through the model."""
    from coaction.finder.tasks import embed_services

    report = embed_services(service_ids)
    ctx.log(
        f"{report.checked} services: {report.embedded} texts embedded, "
        f"{report.reused} reused a vector"
    )
    return report.embedded


def _load_demo_fixtures() -> None:
    call_command("import_postcodes", str(POSTCODES_FIXTURE), stdout=StringIO())
    demo_codes = {"E09000091", "E06000091", "E07000291"}
    if not AreaLanguage.objects.filter(area__ons_code__in=demo_codes).exists():
        call_command(
            "import_area_languages",
            str(AREA_LANGUAGES_FIXTURE),
            "--source",
            "Invented for the demo, in the shape of Census 2021 TS024",
            stdout=StringIO(),
        )


def _national_postcodes(ctx: DatasetContext) -> None:
    """Invented postcodes for the national areas, around a centre for each, in outward codes
    starting with Q (which no real postcode area uses)."""
    areas = list(Area.objects.filter(slug__startswith="national-area-").order_by("ons_code"))
    if not areas or Postcode.objects.filter(postcode__startswith="Q").exists():
        return
    rng = ctx.rng
    rows = []
    for index, area in enumerate(areas):
        lat = Decimal(f"{rng.uniform(50.8, 54.6):.6f}")
        lon = Decimal(f"{rng.uniform(-3.0, 1.4):.6f}")
        outward = f"Q{chr(65 + (index // 10) % 26)}{index % 10}"
        for k in range(10):
            rows.append(
                Postcode(
                    postcode=f"{outward}{k}{chr(65 + k)}{chr(66 + k)}",
                    latitude=lat + Decimal(f"{rng.uniform(-0.03, 0.03):.6f}"),
                    longitude=lon + Decimal(f"{rng.uniform(-0.05, 0.05):.6f}"),
                    local_authority=area.ons_code,
                )
            )
    Postcode.objects.bulk_create(rows, ignore_conflicts=True)


@dataset_step(20)
def services(ctx: DatasetContext) -> None:
    if ctx.scale == "demo":
        _demo(ctx)
    else:
        _national(ctx)


def _demo(ctx: DatasetContext) -> None:
    _load_demo_fixtures()
    if Service.objects.filter(pk__startswith=DEMO_PREFIX).exists():
        ctx.log("Demo services already present")
        return
    builder = _Builder(ctx, DEMO_PREFIX)
    orgs = _load_organisations(Organisation.objects.exclude(slug__startswith=NATIONAL_PREFIX))
    plans = _plan_demo(builder, orgs)
    ids = builder.save(plans)
    ctx.log(f"{len(ids)} demo services")
    compute_embeddings(ctx, ids)


def _national(ctx: DatasetContext) -> None:
    _national_postcodes(ctx)
    builder = _Builder(ctx, NATIONAL_PREFIX + "s")
    if Service.objects.filter(pk__startswith=builder.prefix).exists():
        ctx.log("National services already present")
        return
    orgs = _load_organisations(Organisation.objects.filter(slug__startswith=NATIONAL_PREFIX))
    if not orgs:
        ctx.log("No national organisations: no national services")
        return
    plans = _plan_national(builder, orgs, NATIONAL_SERVICES)
    ids: list[str] = []
    for start in range(0, len(plans), BATCH):
        ids += builder.save(plans[start : start + BATCH])
        ctx.log(f"{len(ids)} national services")
    compute_embeddings(ctx, ids)
