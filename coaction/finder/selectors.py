"""Reads of services. Everything public goes through here, so a confidential address is
withheld in one place."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet

from coaction.finder.models import Location, Service, ServiceAtLocation

# A confidential location is shown no more precisely than this: one decimal place is about
# 11 km north-south, which is coarser than a local authority's centre.
CONFIDENTIAL_PRECISION = Decimal("0.1")


def public_services() -> QuerySet[Service]:
    """Services anyone may see: active ones."""
    return Service.objects.filter(status=Service.Status.ACTIVE)


def with_public_details(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organisation").prefetch_related(
        "languages",
        "phones",
        "schedules",
        "terms",
        "capacities__unit",
        "service_areas",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location__area").prefetch_related(
                "location__accessibility"
            ),
        ),
    )


@dataclass(frozen=True)
class PublicLocation:
    """What may be shown of a location to anyone. For a confidential location: its town and
    area, never its street, postcode, name or exact position."""

    id: str
    location_type: str
    name: str
    address_1: str
    address_2: str
    city: str
    state_province: str
    postal_code: str
    country: str
    latitude: Decimal | None
    longitude: Decimal | None
    confidential: bool
    area_name: str


def _coarse(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(CONFIDENTIAL_PRECISION, rounding=ROUND_HALF_UP)


def public_location(location: Location) -> PublicLocation:
    area_name = location.area.name if location.area_id and location.area else ""
    if location.confidential:
        return PublicLocation(
            id=location.id,
            location_type=location.location_type,
            name="",
            address_1="",
            address_2="",
            city=location.city,
            state_province=location.state_province,
            postal_code="",
            country=location.country,
            latitude=_coarse(location.latitude),
            longitude=_coarse(location.longitude),
            confidential=True,
            area_name=area_name,
        )
    return PublicLocation(
        id=location.id,
        location_type=location.location_type,
        name=location.name,
        address_1=location.address_1,
        address_2=location.address_2,
        city=location.city,
        state_province=location.state_province,
        postal_code=location.postal_code,
        country=location.country,
        latitude=location.latitude,
        longitude=location.longitude,
        confidential=False,
        area_name=area_name,
    )
