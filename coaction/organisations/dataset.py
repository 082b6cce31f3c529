"""Invented organisations, areas and people for the demo and for benchmarks. Every name,
number and address here is made up."""

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from coaction.accounts.models import User
from coaction.core.dataset import DatasetContext, dataset_step
from coaction.organisations.models import (
    Area,
    ByAndForCriterion,
    ByAndForDeclaration,
    Community,
    Language,
    Membership,
    Organisation,
    OrganisationIdentifier,
    Specialism,
)

DEMO_PASSWORD = "coaction-demo-2026"  # noqa: S105 - printed for the demo on purpose

DEMO_AREAS = [
    ("Northbridge", "E09000091"),
    ("Eastmere", "E06000091"),
    ("Wyndham Vale", "E07000291"),
]

# (name, leadership type, specialisms, communities, languages)
NAMED_ORGANISATIONS = [
    (
        "Saffron Sisters",
        "by_and_for",
        ["domestic-abuse", "forced-marriage", "honour-based-abuse", "idva"],
        ["south-asian", "muslim", "sikh"],
        ["ur", "pa", "bn", "syl", "hi"],
    ),
    (
        "Amani Women's Centre",
        "by_and_for",
        ["domestic-abuse", "fgm", "immigration-nrpf"],
        ["black-african-caribbean", "somali", "migrant-refugee"],
        ["so", "sw", "am", "ti"],
    ),
    (
        "Noor Refuge",
        "by_and_for",
        ["refuge", "domestic-abuse", "honour-based-abuse"],
        ["south-asian", "middle-eastern-kurdish", "muslim"],
        ["ar", "ur", "fa", "ku"],
    ),
    (
        "Siostry Eastern European Women's Project",
        "by_and_for",
        ["domestic-abuse", "economic-abuse", "modern-slavery"],
        ["eastern-european", "gypsy-roma-traveller"],
        ["pl", "ro", "lt", "bg", "rom"],
    ),
    (
        "Latina Women's Voice",
        "by_and_for",
        ["domestic-abuse", "immigration-nrpf", "legal"],
        ["latin-american", "migrant-refugee"],
        ["es", "pt"],
    ),
    (
        "Golden Lotus Women's Association",
        "by_and_for",
        ["domestic-abuse", "counselling"],
        ["chinese-vietnamese"],
        ["zh", "yue", "vi"],
    ),
    (
        "Coaction Hub Partnership",
        "by_and_for",
        ["domestic-abuse", "honour-based-abuse"],
        ["south-asian", "black-african-caribbean"],
        ["ur", "bn"],
    ),
    (
        "Northbridge Women's Aid",
        "white_led",
        ["refuge", "idva", "domestic-abuse", "children-young-people"],
        ["young-women"],
        ["en"],
    ),
    (
        "Eastmere Domestic Abuse Service",
        "white_led",
        ["idva", "domestic-abuse", "stalking"],
        [],
        ["en"],
    ),
    (
        "Clearwater Rape Crisis",
        "white_led",
        ["sexual-violence", "isva", "counselling"],
        [],
        ["en", "bfi"],
    ),
    ("Northbridge Borough Council", "statutory", ["domestic-abuse"], [], ["en"]),
    ("Eastmere Council", "statutory", ["domestic-abuse"], [], ["en"]),
    ("Greystone Housing Group", "generic", ["housing", "idva", "refuge"], [], ["en"]),
]

PREFIXES = [
    "Haven",
    "Oak",
    "Bridge",
    "Compass",
    "Lantern",
    "Harbour",
    "Willow",
    "Beacon",
    "Meridian",
    "Kestrel",
    "Riverside",
    "Hollybank",
    "Ashgrove",
    "Fairfield",
    "Maple",
    "Juniper",
    "Cedar",
    "Linden",
    "Marigold",
    "Orchard",
]
BY_AND_FOR_SUFFIXES = [
    "Asian Women's Project",
    "Black Women's Collective",
    "Kurdish Women's Network",
    "Somali Women's Group",
    "Migrant Women's Centre",
    "Roma Women's Circle",
    "Tamil Women's Forum",
    "Turkish Women's Support",
    "Arab Women's Association",
    "Deaf Women's Project",
]
WHITE_LED_SUFFIXES = [
    "Women's Aid",
    "Domestic Abuse Service",
    "Rape Crisis",
    "Advocacy Service",
    "Women's Centre",
    "Stalking Service",
]
GENERIC_SUFFIXES = [
    "Housing Association",
    "Homes",
    "Community Trust",
    "Family Support",
    "Citizens Advice",
    "Wellbeing Trust",
]
STATUTORY_SUFFIXES = [
    "Police Basic Command Unit",
    "NHS Foundation Trust",
    "Probation Delivery Unit",
    "Integrated Care Board",
    "Children's Services",
    "Fire and Rescue Service",
]

FIRST_NAMES = [
    "Amina",
    "Claire",
    "Dev",
    "Priya",
    "Bushra",
    "Grace",
    "Halima",
    "Joanna",
    "Kiran",
    "Leah",
    "Marta",
    "Nadia",
    "Olu",
    "Rosa",
    "Sana",
    "Tomasz",
    "Uzma",
    "Vanessa",
    "Wen",
    "Yasmin",
    "Zara",
    "Fatou",
    "Ioana",
    "Lucy",
    "Sarah",
]
LAST_NAMES = [
    "Rahman",
    "Holt",
    "Patel",
    "Shah",
    "Akhtar",
    "Mensah",
    "Ali",
    "Kowalska",
    "Kaur",
    "Brown",
    "Nowak",
    "Hussain",
    "Adeyemi",
    "Garcia",
    "Begum",
    "Zielinski",
    "Iqbal",
    "Clarke",
    "Li",
    "Osman",
    "Khan",
    "Diallo",
    "Popescu",
    "Evans",
    "Green",
]


def _income_for(leadership_type: str, rng) -> str:  # type: ignore[no-untyped-def]
    bands = {
        "by_and_for": ["under_100k", "under_100k", "100k_500k", "100k_500k", "500k_1m"],
        "white_led": ["100k_500k", "500k_1m", "1m_5m", "1m_5m", "over_5m"],
        "generic": ["1m_5m", "over_5m", "over_5m"],
        "statutory": ["n_a"],
    }[leadership_type]
    return str(rng.choice(bands))


def _suffixes(leadership_type: str) -> list[str]:
    return {
        "by_and_for": BY_AND_FOR_SUFFIXES,
        "white_led": WHITE_LED_SUFFIXES,
        "generic": GENERIC_SUFFIXES,
        "statutory": STATUTORY_SUFFIXES,
    }[leadership_type]


class _Builder:
    """Builds organisations with bulk inserts, so the national scale takes seconds."""

    def __init__(self, ctx: DatasetContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.specialisms = {s.code: s.pk for s in Specialism.objects.all()}
        self.communities = {c.code: c.pk for c in Community.objects.all()}
        self.languages = {lang.code: lang.pk for lang in Language.objects.all()}
        self.criteria = list(ByAndForCriterion.objects.filter(active=True))
        self.password = make_password(DEMO_PASSWORD)
        self.next_charity = 1_190_000 + self.rng.randrange(1000)

    def random_profile(self, leadership_type: str) -> tuple[list[str], list[str], list[str]]:
        rng = self.rng
        specs = rng.sample(list(self.specialisms), k=rng.randint(1, 4))
        if leadership_type == "by_and_for":
            comms = rng.sample(
                [c for c in self.communities if c not in {"lgbtq", "older-women"}],
                k=rng.randint(1, 3),
            )
            langs = [
                "en",
                *rng.sample([c for c in self.languages if c != "en"], k=rng.randint(1, 4)),
            ]
        else:
            comms = rng.sample(list(self.communities), k=rng.randint(0, 1))
            langs = [
                "en",
                *rng.sample([c for c in self.languages if c != "en"], k=rng.randint(0, 1)),
            ]
        return specs, comms, langs

    def build(self, rows: list[dict]) -> list[Organisation]:  # type: ignore[type-arg]
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=row["name"],
                    slug=row["slug"],
                    leadership_type=row["type"],
                    description=row.get("description", ""),
                    income_band=_income_for(row["type"], self.rng),
                    website=f"https://{row['slug']}.example.org",
                )
                for row in rows
            ]
        )
        through = Organisation.specialisms.through
        through.objects.bulk_create(
            [
                through(organisation_id=o.pk, specialism_id=self.specialisms[c])
                for o, r in zip(orgs, rows, strict=True)
                for c in r["specialisms"]
            ]
        )
        through = Organisation.communities.through
        through.objects.bulk_create(
            [
                through(organisation_id=o.pk, community_id=self.communities[c])
                for o, r in zip(orgs, rows, strict=True)
                for c in r["communities"]
            ]
        )
        through = Organisation.languages.through
        through.objects.bulk_create(
            [
                through(organisation_id=o.pk, language_id=self.languages[c])
                for o, r in zip(orgs, rows, strict=True)
                for c in r["languages"]
            ]
        )
        through = Organisation.areas.through
        through.objects.bulk_create(
            [
                through(organisation_id=o.pk, area_id=a)
                for o, r in zip(orgs, rows, strict=True)
                for a in r["areas"]
            ]
        )
        identifiers = []
        declarations = []
        for org in orgs:
            if org.leadership_type == "statutory":
                code = "".join(w[0] for w in org.name.split()[:3]).upper().ljust(3, "X")
                identifiers.append(
                    OrganisationIdentifier(
                        organisation=org, value=f"GB-LAE-{code}{org.pk % 10}"[:12]
                    )
                )
            else:
                self.next_charity += 1
                identifiers.append(
                    OrganisationIdentifier(organisation=org, value=f"GB-CHC-{self.next_charity}")
                )
            if org.leadership_type == "by_and_for":
                declarations += [
                    ByAndForDeclaration(
                        organisation=org,
                        criterion=c,
                        met=True,
                        evidence=f"Board and staff listed on {org.website}/about",
                    )
                    for c in self.criteria
                    if c.required
                ]
        OrganisationIdentifier.objects.bulk_create(identifiers, ignore_conflicts=True)
        ByAndForDeclaration.objects.bulk_create(declarations)
        return orgs

    def people(self, orgs: list[Organisation], per_org: int) -> None:
        users = []
        plan = []
        for org in orgs:
            for i in range(per_org):
                first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
                email = f"{first.lower()}.{last.lower()}.{i}@{org.slug[:40]}.example.org"
                users.append(User(email=email, full_name=f"{first} {last}", password=self.password))
                plan.append((org, Membership.Role.MANAGER if i == 0 else Membership.Role.MEMBER))
        users = User.objects.bulk_create(users)
        Membership.objects.bulk_create(
            [
                Membership(user=u, organisation=o, role=r)
                for u, (o, r) in zip(users, plan, strict=True)
            ]
        )


@dataset_step(10)
def organisations(ctx: DatasetContext) -> None:
    if ctx.scale == "demo":
        _demo(ctx)
    else:
        _national(ctx)


def _demo(ctx: DatasetContext) -> None:
    builder = _Builder(ctx)
    already = Area.objects.filter(ons_code=DEMO_AREAS[0][1]).exists()
    if not already:
        areas = [Area.objects.create(name=n, ons_code=c, slug=slugify(n)) for n, c in DEMO_AREAS]
        home = areas[0]
        rows = []
        for name, kind, specs, comms, langs in NAMED_ORGANISATIONS:
            rows.append(
                {
                    "name": name,
                    "slug": slugify(name),
                    "type": kind,
                    "specialisms": specs,
                    "communities": comms,
                    "languages": langs,
                    "areas": [home.pk, areas[1].pk]
                    if kind != "statutory"
                    else [home.pk if "Northbridge" in name else areas[1].pk],
                    "description": f"{name} is an invented organisation in the Coaction Hub demo.",
                }
            )
        used = {r["slug"] for r in rows}
        counts = {"by_and_for": 11, "white_led": 11, "generic": 12, "statutory": 13}
        for kind, n in counts.items():
            for _ in range(n):
                while True:
                    name = f"{ctx.rng.choice(PREFIXES)} {ctx.rng.choice(_suffixes(kind))}"
                    if slugify(name) not in used:
                        break
                used.add(slugify(name))
                specs, comms, langs = builder.random_profile(kind)
                served = ctx.rng.sample([a.pk for a in areas], k=ctx.rng.randint(1, 2))
                rows.append(
                    {
                        "name": name,
                        "slug": slugify(name),
                        "type": kind,
                        "specialisms": specs,
                        "communities": comms,
                        "languages": langs,
                        "areas": served,
                        "description": f"{name} is an invented organisation in the demo.",
                    }
                )
        orgs = builder.build(rows)
        builder.people(
            [o for o in orgs if o.name not in {r[0] for r in NAMED_ORGANISATIONS}], per_org=2
        )
        _personas()
    ctx.sign_ins += [
        (
            "Amina, service manager, Saffron Sisters (by and for)",
            "amina@saffron-sisters.example.org",
            DEMO_PASSWORD,
        ),
        (
            "Bushra, member of staff, Saffron Sisters",
            "bushra@saffron-sisters.example.org",
            DEMO_PASSWORD,
        ),
        (
            "Claire, head of partnerships, Northbridge Women's Aid",
            "claire@northbridge-womens-aid.example.org",
            DEMO_PASSWORD,
        ),
        (
            "Dev, DA coordinator, Northbridge Borough Council",
            "dev@northbridge.example.gov.uk",
            DEMO_PASSWORD,
        ),
        (
            "Priya, researcher, Coaction Hub Partnership",
            "priya@coaction-hub.example.org",
            DEMO_PASSWORD,
        ),
        (
            "Hub administrator (sets up two-factor on first sign-in)",
            "admin@coaction-hub.example.org",
            DEMO_PASSWORD,
        ),
    ]


def _personas() -> None:
    people = [
        (
            "amina@saffron-sisters.example.org",
            "Amina Rahman",
            "saffron-sisters",
            Membership.Role.MANAGER,
        ),
        (
            "bushra@saffron-sisters.example.org",
            "Bushra Akhtar",
            "saffron-sisters",
            Membership.Role.MEMBER,
        ),
        (
            "claire@northbridge-womens-aid.example.org",
            "Claire Holt",
            "northbridge-womens-aid",
            Membership.Role.MANAGER,
        ),
        (
            "dev@northbridge.example.gov.uk",
            "Dev Patel",
            "northbridge-borough-council",
            Membership.Role.ADMIN,
        ),
        (
            "priya@coaction-hub.example.org",
            "Priya Shah",
            "coaction-hub-partnership",
            Membership.Role.MANAGER,
        ),
    ]
    for email, name, slug, role in people:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
        Membership.objects.create(
            user=user, organisation=Organisation.objects.get(slug=slug), role=role
        )
    # Every named organisation needs an administrator.
    for org in Organisation.objects.filter(memberships__isnull=True):
        user = User.objects.create_user(
            f"admin@{org.slug}.example.org", DEMO_PASSWORD, full_name=f"{org.name} administrator"
        )
        Membership.objects.create(user=user, organisation=org, role=Membership.Role.ADMIN)
    for org in Organisation.objects.exclude(memberships__role=Membership.Role.ADMIN):
        first = org.memberships.order_by("pk").first()
        if first is not None:
            first.role = Membership.Role.ADMIN
            first.save(update_fields=["role"])
    User.objects.create_superuser(
        "admin@coaction-hub.example.org", DEMO_PASSWORD, full_name="Hub Administrator"
    )


NATIONAL_ORGANISATIONS = 3000
NATIONAL_AREAS = 150


def _national(ctx: DatasetContext) -> None:
    if Organisation.objects.filter(slug__startswith="national-").exists():
        ctx.log("National organisations already present")
        return
    builder = _Builder(ctx)
    areas = Area.objects.bulk_create(
        [
            Area(
                name=f"Area {i:03d}", ons_code=f"E07{900000 + i:06d}", slug=f"national-area-{i:03d}"
            )
            for i in range(NATIONAL_AREAS)
        ]
    )
    kinds = ["by_and_for"] * 30 + ["white_led"] * 25 + ["generic"] * 20 + ["statutory"] * 25
    rows = []
    for i in range(NATIONAL_ORGANISATIONS):
        kind = kinds[i % len(kinds)]
        name = f"{ctx.rng.choice(PREFIXES)} {ctx.rng.choice(_suffixes(kind))} {i:04d}"
        specs, comms, langs = builder.random_profile(kind)
        served = ctx.rng.sample([a.pk for a in areas], k=ctx.rng.randint(1, 3))
        rows.append(
            {
                "name": name,
                "slug": f"national-{i:04d}",
                "type": kind,
                "specialisms": specs,
                "communities": comms,
                "languages": langs,
                "areas": served,
            }
        )
    for start in range(0, len(rows), 500):
        orgs = builder.build(rows[start : start + 500])
        builder.people(orgs, per_org=1)
        ctx.log(f"{start + len(orgs)} organisations")
