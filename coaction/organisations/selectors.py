"""Reads of organisation data, and the one place that decides who may reach an organisation."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from coaction.accounts.models import User
from coaction.organisations.models import Area, Language, Membership, Organisation, Specialism


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
    """The directory's rows: only the columns its page shows."""
    return Organisation.objects.only("name", "slug", "leadership_type").order_by("name")


def directory_export_queryset() -> QuerySet[Organisation]:
    """Every column the CSV export writes, with its lists fetched in bulk."""
    return Organisation.objects.prefetch_related(
        "identifiers", "areas", "specialisms", "languages"
    ).order_by("name")


@dataclass(frozen=True)
class ReferenceLists:
    """The directory's filter options and the names behind ids, which change rarely."""

    areas: list[tuple[str, str]]
    specialisms: list[tuple[str, str]]
    languages: list[tuple[str, str]]
    specialism_names: dict[int, str]
    language_names: dict[int, str]


_REFERENCE_KEY = "organisations:reference-lists"


def reference_lists() -> ReferenceLists:
    """Cached until an area, specialism or language is saved or deleted (see apps.py)."""
    lists = cache.get(_REFERENCE_KEY)
    if lists is None:
        specialisms = list(Specialism.objects.order_by("name").values_list("pk", "code", "name"))
        languages = list(Language.objects.order_by("name").values_list("pk", "code", "name"))
        lists = ReferenceLists(
            areas=list(Area.objects.order_by("name").values_list("slug", "name")),
            specialisms=[(code, name) for _, code, name in specialisms],
            languages=[(code, name) for _, code, name in languages],
            specialism_names={pk: name for pk, _, name in specialisms},
            language_names={pk: name for pk, _, name in languages},
        )
        cache.set(_REFERENCE_KEY, lists, timeout=60 * 60)
    return lists


def forget_reference_lists(**_: object) -> None:
    cache.delete(_REFERENCE_KEY)


def with_directory_lists(organisations: Iterable[Organisation]) -> list[Organisation]:
    """Attach `specialism_list` and `language_list` (sorted names) to each organisation. Ids
    come from the link tables and names from the cached reference lists: far cheaper than
    prefetching model instances, and the directory shows a page of these on every request."""
    page = list(organisations)
    ids = [org.pk for org in page]
    lists = reference_lists()
    for attr, through, column, names in (
        (
            "specialism_list",
            Organisation.specialisms.through,
            "specialism_id",
            lists.specialism_names,
        ),
        ("language_list", Organisation.languages.through, "language_id", lists.language_names),
    ):
        by_org: dict[int, list[str]] = {}
        rows = through.objects.filter(organisation_id__in=ids).values_list(
            "organisation_id", column
        )
        for org_id, target_id in rows:
            by_org.setdefault(org_id, []).append(names.get(target_id, ""))
        for org in page:
            setattr(org, attr, sorted(by_org.get(org.pk, [])))
    return page


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
