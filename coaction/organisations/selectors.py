"""Reads of organisation data, and the one place that decides who may reach an organisation."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from coaction.accounts.models import User
from coaction.organisations.models import Area, Membership, Organisation


def get_organisation(*, slug: str) -> Organisation:
    """Organisation profiles are visible to every signed-in member of the platform."""
    return get_object_or_404(Organisation, slug=slug)


def get_organisation_for_role(*, user: User, slug: str, role: str) -> Organisation:
    """The organisation, if `user` holds `role` (or higher) in it, or is a hub administrator.
    A missing organisation is a 404; someone without the role gets a 403."""
    organisation = get_organisation(slug=slug)
    if user.is_hub_admin:
        return organisation
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None or not membership.has_role(role):
        raise PermissionDenied
    return organisation


def directory_queryset() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("specialisms", "languages", "areas").order_by(
        "name"
    )


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__full_name")


def home_summary_for(*, user: User) -> dict[str, Any]:
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related(Prefetch("organisation__areas"))
    )
    area_ids = {area.pk for m in memberships for area in m.organisation.areas.all()}
    areas = []
    for area in Area.objects.filter(pk__in=area_ids).order_by("name"):
        counts = dict(
            Organisation.objects.filter(areas=area)
            .values_list("leadership_type")
            .annotate(n=Count("pk"))
            .values_list("leadership_type", "n")
        )
        areas.append(
            {
                "name": area.name,
                "slug": area.slug,
                "by_type": [
                    {"value": value, "label": label, "count": counts.get(value, 0)}
                    for value, label in Organisation.LeadershipType.choices
                ],
            }
        )
    return {"memberships": memberships, "areas": areas}


def organisations_sharing_areas_with(*, organisation: Organisation) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(Q(areas__in=organisation.areas.all()))
        .exclude(pk=organisation.pk)
        .distinct()
        .order_by("name")
    )
