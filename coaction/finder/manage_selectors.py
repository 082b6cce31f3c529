"""Reads for the pages where an organisation manages its own services. Everything here hangs
off one organisation, fetched first through
`coaction.organisations.selectors.get_organisation_for_role`."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from coaction.finder.models import (
    Location,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    TaxonomyTerm,
    Unit,
)
from coaction.organisations.models import Organisation

BED_SPACE_UNIT_ID = "bed-space"  # loaded by migration 0002
REFUGE_NEED = "refuge"


def bed_space_unit() -> Unit:
    unit, _ = Unit.objects.get_or_create(
        id=BED_SPACE_UNIT_ID,
        defaults={"name": "Bed space", "scheme": "coaction", "identifier": BED_SPACE_UNIT_ID},
    )
    return unit


def services_of(*, organisation: Organisation) -> QuerySet[Service]:
    return (
        organisation.services.all()
        .prefetch_related("terms", "capacities")
        .only("id", "name", "status", "last_modified", "organisation_id")
        .order_by("name")
    )


def get_service_of(*, organisation: Organisation, service_id: str) -> Service:
    """One of the organisation's services; another organisation's id is a 404."""
    return get_object_or_404(
        Service.objects.prefetch_related(
            "terms",
            "languages",
            "phones",
            "schedules",
            "capacities",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__accessibility"
                ),
            ),
        ),
        pk=service_id,
        organisation=organisation,
    )


def locations_of(*, service: Service) -> list[Location]:
    return [link.location for link in service.service_at_locations.all()]


def refuges_of(*, organisation: Organisation) -> QuerySet[Service]:
    """The organisation's refuge services (tagged with the refuge need), whatever their
    status, with their bed-space figures."""
    return (
        organisation.services.filter(terms__code=REFUGE_NEED)
        .distinct()
        .prefetch_related(
            Prefetch(
                "capacities",
                queryset=ServiceCapacity.objects.filter(unit_id=BED_SPACE_UNIT_ID),
                to_attr="bed_spaces",
            )
        )
        .order_by("name")
    )


def terms_by_facet() -> dict[str, QuerySet[TaxonomyTerm]]:
    return {
        facet: TaxonomyTerm.objects.filter(facet=facet).order_by("position", "name")
        for facet in TaxonomyTerm.Facet.values
    }
