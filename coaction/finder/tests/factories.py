"""Factories for services and what hangs off them. Taxonomy terms and the bed-space unit are
loaded by a migration, so tests look them up rather than make them."""

import datetime

import factory

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
from coaction.organisations.tests.factories import OrganisationFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "Support for women and girls affected by domestic abuse."
    status = Service.Status.ACTIVE

    @factory.post_generation
    def term_codes(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        """`ServiceFactory(term_codes=["refuge", "nrpf-accepted"])` tags the service with
        terms of the VAWG taxonomy."""
        if create and extracted:
            obj.terms.add(*TaxonomyTerm.objects.filter(code__in=extracted))


class ServiceLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLanguage

    service = factory.SubFactory(ServiceFactory)
    code = "ur"
    name = "Urdu"
    mode = ServiceLanguage.Mode.STAFF


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Centre {n}")
    address_1 = factory.Sequence(lambda n: f"{n + 1} High Street")
    city = "Northbridge"
    postal_code = "NB1 1AA"
    latitude = factory.Faker("pydecimal", left_digits=2, right_digits=6, min_value=51, max_value=53)
    longitude = factory.Faker("pydecimal", left_digits=1, right_digits=6, min_value=-2, max_value=0)


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(
        LocationFactory, organisation=factory.SelfAttribute("..service.organisation")
    )


class AccessibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accessibility

    location = factory.SubFactory(LocationFactory)
    description = "Step-free entrance"
    step_free = True


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phone

    service = factory.SubFactory(ServiceFactory)
    number = factory.Sequence(lambda n: f"0161 496 {n % 10000:04d}")
    type = Phone.PhoneType.VOICE


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    byday = Schedule.Day.MO
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(17, 0)


class ServiceCapacityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCapacity

    service = factory.SubFactory(ServiceFactory)
    unit = factory.LazyFunction(lambda: Unit.objects.get(id="bed-space"))
    available = 2
    maximum = 6


class AreaLanguageFactory(factory.django.DjangoModelFactory):
    """A line of an area's population profile: residents whose main language is this one."""

    class Meta:
        model = "finder.AreaLanguage"

    area = factory.SubFactory("coaction.organisations.tests.factories.AreaFactory")
    language_code = "ur"
    language_name = "Urdu"
    speakers = 1200
    source = "Census 2021, TS024"
