"""A small corpus of services described in English, for search tests: several needs,
languages, a by-and-for organisation and confidential refuges. Built with the factories; the
embeddings are made by the real model (kept in memory between tests by the embeddings
module's cache, so each text goes through the model once per test session)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from coaction.finder.models import Postcode, Service, TaxonomyTerm
from coaction.finder.tasks import embed_services
from coaction.finder.tests.factories import (
    AccessibilityFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    ServiceLanguageFactory,
)
from coaction.organisations.tests.factories import OrganisationFactory

# Northbridge, an invented town placed in Greater Manchester.
CENTRE = (Decimal("53.480000"), Decimal("-2.240000"))
# A confidential refuge's real position, and the coarse position the public may see.
REFUGE_EXACT = (Decimal("53.512345"), Decimal("-2.287654"))
REFUGE_PUBLIC = (Decimal("53.5"), Decimal("-2.3"))

LANGUAGE_NAMES = {
    "en": "English",
    "ur": "Urdu",
    "pa": "Panjabi",
    "bn": "Bengali",
    "pl": "Polish",
    "ro": "Romanian",
    "so": "Somali",
    "ar": "Arabic",
    "pt": "Portuguese",
    "es": "Spanish",
}


@dataclass(frozen=True)
class Spec:
    key: str
    name: str
    description: str
    terms: tuple[str, ...]
    staff: tuple[str, ...] = ("en",)
    interpreters: tuple[str, ...] = ()
    by_and_for: bool = False
    confidential: bool = False
    position: tuple[Decimal, Decimal] | None = None
    step_free: bool = False
    always_open: bool = False
    weekdays_9_to_5: bool = False


SPECS = [
    Spec(
        "refuge",
        "Amber House Refuge",
        "Emergency refuge accommodation for women and children fleeing domestic abuse. "
        "Bed spaces in a shared house with 24-hour staff, support to settle and plan what "
        "comes next.",
        ("refuge", "children-young-people", "women-only"),
        confidential=True,
        position=REFUGE_EXACT,
    ),
    Spec(
        "refuge_by_and_for",
        "Sahara Refuge",
        "A refuge run by and for South Asian women, with space for women with no recourse "
        "to public funds. Halal food, prayer space and staff who understand family pressure.",
        ("refuge", "nrpf-accepted", "community-south-asian", "faith-muslim", "women-only"),
        staff=("en", "ur", "pa", "bn"),
        by_and_for=True,
        confidential=True,
        position=(Decimal("53.430000"), Decimal("-2.180000")),
    ),
    Spec(
        "forced_marriage",
        "Honour Shield",
        "Specialist support for women and girls facing forced marriage and honour-based "
        "abuse. We help you stay safe if your family is forcing you to marry.",
        ("hba-forced-marriage", "community-south-asian"),
        staff=("en", "ur", "pa"),
        by_and_for=True,
        position=(Decimal("53.481000"), Decimal("-2.242000")),
        step_free=True,
    ),
    Spec(
        "legal",
        "Family Law Clinic",
        "Free legal advice for survivors: divorce, non-molestation orders, child "
        "arrangements and the family court. A solicitor will see you.",
        ("legal",),
        interpreters=("ar", "bn"),
        position=(Decimal("53.470000"), Decimal("-2.250000")),
        weekdays_9_to_5=True,
    ),
    Spec(
        "idva",
        "Northbridge IDVA Service",
        "Independent domestic violence advocates support you when your partner is violent: "
        "risk assessment, safety planning, police and court.",
        ("advocacy-idva",),
        staff=("en", "pl", "ro"),
        position=(Decimal("53.600000"), Decimal("-2.100000")),
    ),
    Spec(
        "counselling",
        "Healing Voices Counselling",
        "Trauma counselling and emotional support for women who have experienced abuse. "
        "Talk to a counsellor in confidence.",
        ("counselling",),
        staff=("en", "pt", "es"),
    ),
    Spec(
        "sexual_violence",
        "Rape Crisis Northbridge",
        "Support after rape or sexual assault, independent sexual violence advisers "
        "(ISVA) and specialist counselling.",
        ("sexual-violence-isva",),
    ),
    Spec(
        "housing",
        "Home Safe Housing Advice",
        "Help with housing and homelessness applications, and with making your home safer so "
        "you can stay.",
        ("housing",),
    ),
    Spec(
        "fgm",
        "FGM Support Clinic",
        "Health care and support for women and girls affected by female genital mutilation.",
        ("fgm", "community-somali"),
        staff=("en", "so"),
        by_and_for=True,
    ),
    Spec(
        "economic",
        "Money Matters",
        "Help with debt, benefits and economic abuse when a partner controls your money.",
        ("economic-abuse",),
    ),
    Spec(
        "tech",
        "Stalking and Tech Safety",
        "Help if you are being tracked, monitored or stalked, including checking your phone "
        "for spyware.",
        ("tech-abuse-stalking",),
    ),
    Spec(
        "immigration",
        "Migrant Women's Rights",
        "Immigration advice and casework for women on spousal visas and women with no "
        "recourse to public funds.",
        ("immigration-nrpf", "nrpf-accepted"),
        staff=("en", "ar"),
    ),
    Spec(
        "children",
        "Young Hearts",
        "Group and one-to-one support for children and young people affected by domestic "
        "abuse at home.",
        ("children-young-people",),
    ),
    Spec(
        "helpline",
        "National Domestic Abuse Helpline",
        "Free, confidential phone helpline for anyone experiencing domestic abuse, open all "
        "day and night.",
        ("helpline",),
        interpreters=("so", "ur"),
        always_open=True,
    ),
    Spec(
        "lgbtq",
        "Rainbow Safety",
        "Domestic abuse support for lesbian, gay, bisexual and trans survivors.",
        ("lgbtq", "advocacy-idva"),
    ),
    Spec(
        "programme",
        "Change Programme",
        "A behaviour change programme for men who use abuse in their relationships.",
        ("perpetrator-programme",),
    ),
]


def build_corpus() -> dict[str, Service]:
    """Create the corpus, embed it, and return the services by key."""
    by_and_for = OrganisationFactory(name="Saheli Collective", leadership_type="by_and_for")
    mainstream = OrganisationFactory(name="Northbridge Women's Aid", leadership_type="white_led")
    services = {}
    for spec in SPECS:
        organisation = by_and_for if spec.by_and_for else mainstream
        service = ServiceFactory(
            organisation=organisation,
            name=spec.name,
            description=spec.description,
            term_codes=list(spec.terms),
        )
        for code in spec.staff:
            ServiceLanguageFactory(service=service, code=code, name=LANGUAGE_NAMES[code])
        for code in spec.interpreters:
            ServiceLanguageFactory(
                service=service, code=code, name=LANGUAGE_NAMES[code], mode="interpreter"
            )
        if spec.position:
            location = LocationFactory(
                organisation=organisation,
                latitude=spec.position[0],
                longitude=spec.position[1],
                confidential=spec.confidential,
            )
            ServiceAtLocationFactory(service=service, location=location)
            if spec.step_free:
                AccessibilityFactory(location=location, step_free=True)
        if spec.always_open:
            for day in ("MO", "TU", "WE", "TH", "FR", "SA", "SU"):
                ScheduleFactory(
                    service=service,
                    byday=day,
                    opens_at=datetime.time(0, 0),
                    closes_at=datetime.time(0, 0),
                )
        if spec.weekdays_9_to_5:
            for day in ("MO", "TU", "WE", "TH", "FR"):
                ScheduleFactory(service=service, byday=day)
        services[spec.key] = service
    ServiceFactory(
        organisation=mainstream,
        name="Closed Refuge Project",
        description="A refuge that has closed.",
        status=Service.Status.DEFUNCT,
        term_codes=["refuge"],
    )
    Postcode.objects.create(postcode="NB11AA", latitude=CENTRE[0], longitude=CENTRE[1])
    embed_services()
    return services


def term_name(code: str) -> str:
    return TaxonomyTerm.objects.get(code=code).name
