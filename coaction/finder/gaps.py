"""Provision gaps in an area, for the people who coordinate its response: which languages
residents speak that no service works in, which needs no by-and-for service meets, and how
many refuge spaces there are now for the women each refuge accepts. Aggregate figures only;
the definitions live in `coaction.lib.gaps`."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from coaction.accounts.models import User
from coaction.finder.manage_selectors import BED_SPACE_UNIT_ID, REFUGE_NEED
from coaction.finder.models import (
    AreaLanguage,
    Service,
    ServiceCapacity,
    ServiceLanguage,
    TaxonomyTerm,
)
from coaction.finder.selectors import public_services
from coaction.lib.gaps import (
    LanguageProvision,
    NeedProvision,
    VacancyTotals,
    language_provision,
    need_provision,
    vacancy_totals,
)
from coaction.organisations.models import Area, Organisation

# Refuges are also counted by this need: a refuge that supports children takes women with
# their children.
CHILDREN_NEED = "children-young-people"


def coordinator_areas(*, user: User) -> QuerySet[Area]:
    """Areas whose gaps `user` may see: every area for a hub administrator; otherwise the
    areas served by an organisation the user belongs to (in any role)."""
    if user.is_hub_admin:
        return Area.objects.order_by("name")
    return Area.objects.filter(organisations__memberships__user=user).distinct().order_by("name")


def get_area_for_coordinator(*, user: User, slug: str) -> Area:
    """A missing area is a 404; an area none of the user's organisations serves is a 403."""
    area = get_object_or_404(Area, slug=slug)
    if not user.is_hub_admin and not coordinator_areas(user=user).filter(pk=area.pk).exists():
        raise PermissionDenied
    return area


def services_in_area(area: Area) -> QuerySet[Service]:
    """Active services available in the area: those with a location in it, or a service area
    that names it. A national helpline counts where it says it serves."""
    return public_services().filter(
        Q(service_at_locations__location__area=area) | Q(service_areas__area=area)
    )


def _service_ids(area: Area) -> QuerySet[Service]:
    return Service.objects.filter(pk__in=services_in_area(area).values("pk"))


def languages_for(area: Area) -> list[LanguageProvision]:
    """Each language in the area's population profile against the services there working in
    it (see `coaction.lib.gaps.language_provision`)."""
    spoken = [
        (row.language_code, row.language_name, row.speakers)
        for row in AreaLanguage.objects.filter(area=area)
    ]
    staff: dict[str, set[str]] = {}
    interpreters: dict[str, set[str]] = {}
    rows = ServiceLanguage.objects.filter(service__in=_service_ids(area)).values_list(
        "service_id", "code", "mode"
    )
    for service_id, code, mode in rows:
        target = staff if mode == ServiceLanguage.Mode.STAFF else interpreters
        target.setdefault(code, set()).add(service_id)
    return language_provision(spoken, staff, interpreters)


def needs_for(area: Area) -> list[NeedProvision]:
    """Each need in the VAWG taxonomy against the services in the area that meet it, and how
    many of those a by-and-for organisation runs."""
    needs = [
        (code, gettext(name))
        for code, name in TaxonomyTerm.objects.filter(facet=TaxonomyTerm.Facet.NEED)
        .order_by("position")
        .values_list("code", "name")
    ]
    through = Service.terms.through
    offered = (
        through.objects.filter(
            service__in=_service_ids(area), taxonomyterm__facet=TaxonomyTerm.Facet.NEED
        )
        .values_list("service_id", "taxonomyterm__code", "service__organisation__leadership_type")
        .distinct()
    )
    return need_provision(
        needs,
        (
            (service_id, code, kind == Organisation.LeadershipType.BY_AND_FOR)
            for service_id, code, kind in offered
        ),
    )


@dataclass(frozen=True)
class VacancyRow:
    group: str  # "all", "eligibility" or "community"
    code: str
    name: str
    totals: VacancyTotals


def refuge_vacancies_for(area: Area) -> list[VacancyRow]:
    """Bed spaces in the area's refuges (services meeting the refuge need that publish
    bed-space figures): first all refuges, then by who each accepts (eligibility terms and
    support for children), then by community served. A refuge appears in every group whose
    term it carries."""
    refuges = (
        services_in_area(area)
        .filter(terms__code=REFUGE_NEED, capacities__unit_id=BED_SPACE_UNIT_ID)
        .distinct()
    )
    capacity = {
        service_id: (available, maximum)
        for service_id, available, maximum in ServiceCapacity.objects.filter(
            unit_id=BED_SPACE_UNIT_ID, service__in=refuges.values("pk")
        ).values_list("service_id", "available", "maximum")
    }
    through = Service.terms.through
    carried: dict[str, set[str]] = {}
    for service_id, code in through.objects.filter(service_id__in=list(capacity)).values_list(
        "service_id", "taxonomyterm__code"
    ):
        carried.setdefault(code, set()).add(service_id)

    rows = [
        VacancyRow(
            group="all",
            code="",
            name=gettext("All refuges"),
            totals=vacancy_totals(capacity.values()),
        )
    ]
    groups = [
        (
            "eligibility",
            TaxonomyTerm.objects.filter(
                Q(facet=TaxonomyTerm.Facet.ELIGIBILITY) | Q(code=CHILDREN_NEED)
            ),
        ),
        ("community", TaxonomyTerm.objects.filter(facet=TaxonomyTerm.Facet.COMMUNITY)),
    ]
    for group, terms in groups:
        for code, name in terms.order_by("facet", "position").values_list("code", "name"):
            label = gettext("Women with children") if code == CHILDREN_NEED else gettext(name)
            rows.append(
                VacancyRow(
                    group=group,
                    code=code,
                    name=label,
                    totals=vacancy_totals(capacity[s] for s in carried.get(code, ())),
                )
            )
    return rows
