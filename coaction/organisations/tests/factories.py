import factory
from django.utils.text import slugify

from coaction.organisations.models import Area, Invitation, Organisation


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("ons_code",)

    name = factory.Sequence(lambda n: f"Area {n}")
    ons_code = factory.Sequence(lambda n: f"E09{n + 100:06d}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    leadership_type = Organisation.LeadershipType.WHITE_LED


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = "member"
