"""Pages where an organisation's managers keep their services up to date, and where the people
coordinating an area see its provision gaps. Every service is reached through its
organisation, so another organisation's service id in a URL is a 404."""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from coaction.core.errors import ActionError
from coaction.finder import actions, gaps, manage_selectors
from coaction.finder.manage_forms import ServiceEditor, vacancy_forms
from coaction.finder.models import Service
from coaction.organisations.models import Membership, Organisation
from coaction.organisations.selectors import get_organisation_for_role


def _organisation_for_manager(request: HttpRequest, slug: str) -> Organisation:
    return get_organisation_for_role(user=request.user, slug=slug, role=Membership.Role.MANAGER)


def _service_for_manager(request: HttpRequest, slug: str, service_id: str) -> Service:
    organisation = _organisation_for_manager(request, slug)
    return manage_selectors.get_service_of(organisation=organisation, service_id=service_id)


@login_required
def service_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_for_manager(request, slug)
    return render(
        request,
        "finder/manage/services.html",
        {
            "organisation": organisation,
            "services": [
                (
                    service,
                    ", ".join(gettext(t.name) for t in service.terms.all() if t.facet == "need"),
                )
                for service in manage_selectors.services_of(organisation=organisation)
            ],
            "refuge_count": manage_selectors.refuges_of(organisation=organisation).count(),
        },
    )


def _edit_page(
    request: HttpRequest, organisation: Organisation, service: Service | None
) -> HttpResponse:
    locations = manage_selectors.locations_of(service=service) if service else []
    editor = ServiceEditor(
        request.POST or None, organisation=organisation, service=service, locations=locations
    )
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if editor.is_valid():
            try:
                if service is None:
                    saved = actions.do_create_service(
                        acting_user=request.user,
                        organisation=organisation,
                        details=editor.details(),
                    )
                    messages.success(request, _("%(name)s has been added.") % {"name": saved.name})
                else:
                    saved = actions.do_update_service(
                        acting_user=request.user, service=service, details=editor.details()
                    )
                    messages.success(request, _("Your changes have been saved."))
            except ActionError as exc:
                errors.append({"text": exc.message})
            else:
                return redirect("finder:manage_services", slug=organisation.slug)
        errors = editor.error_list() + errors
    return render(
        request,
        "finder/manage/service_form.html",
        {
            "organisation": organisation,
            "service": service,
            "editor": editor,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def service_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit_page(request, _organisation_for_manager(request, slug), None)


@login_required
def service_edit(request: HttpRequest, slug: str, service_id: str) -> HttpResponse:
    service = _service_for_manager(request, slug, service_id)
    return _edit_page(request, service.organisation, service)


@login_required
def service_delete(request: HttpRequest, slug: str, service_id: str) -> HttpResponse:
    service = _service_for_manager(request, slug, service_id)
    if request.method == "POST":
        actions.do_delete_service(acting_user=request.user, service=service)
        messages.success(request, _("%(name)s has been deleted.") % {"name": service.name})
        return redirect("finder:manage_services", slug=slug)
    return render(request, "finder/manage/service_delete.html", {"service": service})


@login_required
def vacancies(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_for_manager(request, slug)
    refuges = list(manage_selectors.refuges_of(organisation=organisation))
    rows = vacancy_forms(request.POST or None, refuges)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if all([form.is_valid() for form in rows]):
            try:
                count = actions.do_update_vacancies(
                    acting_user=request.user,
                    organisation=organisation,
                    figures={form.service.pk: form.figures() for form in rows},
                )
            except ActionError as exc:
                errors.append({"text": exc.message})
            else:
                messages.success(
                    request,
                    ngettext(
                        "Bed spaces updated for %(count)s refuge.",
                        "Bed spaces updated for %(count)s refuges.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("finder:manage_vacancies", slug=slug)
        for form in rows:
            for bound in form:
                for error in bound.errors:
                    errors.append(
                        {
                            "text": _("%(service)s: %(error)s")
                            % {"service": form.service.name, "error": error},
                            "href": f"#{bound.auto_id}",
                        }
                    )
    return render(
        request,
        "finder/manage/vacancies.html",
        {"organisation": organisation, "rows": rows, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
def gaps_index(request: HttpRequest) -> HttpResponse:
    areas = list(gaps.coordinator_areas(user=request.user))
    if len(areas) == 1:
        return redirect("finder:area_gaps", slug=areas[0].slug)
    return render(request, "finder/manage/gaps_index.html", {"areas": areas})


@login_required
def area_gaps(request: HttpRequest, slug: str) -> HttpResponse:
    area = gaps.get_area_for_coordinator(user=request.user, slug=slug)
    return render(
        request,
        "finder/manage/area_gaps.html",
        {
            "area": area,
            "languages": gaps.languages_for(area),
            "needs": gaps.needs_for(area),
            "vacancies": gaps.refuge_vacancies_for(area),
        },
    )


def _fewer_than_5(count: int | None) -> str:
    return _("fewer than 5") if count is None else str(count)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _csv_rows(table: str, area: object) -> Iterator[list[str]]:
    if table == "languages":
        yield [
            "language_code",
            "language",
            "residents",
            "services_staff_speak",
            "services_with_interpreter",
            "no_service",
        ]
        for row in gaps.languages_for(area):  # type: ignore[arg-type]
            yield [
                row.code,
                row.name,
                _fewer_than_5(row.speakers),
                str(row.staff_services),
                str(row.interpreter_services),
                _yes_no(row.unmet),
            ]
    elif table == "needs":
        yield ["need_code", "need", "services", "by_and_for_services", "no_by_and_for"]
        for need in gaps.needs_for(area):  # type: ignore[arg-type]
            yield [
                need.code,
                need.name,
                str(need.services),
                str(need.by_and_for_services),
                _yes_no(need.no_by_and_for),
            ]
    else:
        yield ["group", "code", "name", "refuges", "refuges_with_space", "spaces", "total"]
        for vacancy in gaps.refuge_vacancies_for(area):  # type: ignore[arg-type]
            t = vacancy.totals
            yield [
                vacancy.group,
                vacancy.code,
                vacancy.name,
                str(t.refuges),
                str(t.with_space),
                str(t.available),
                str(t.maximum),
            ]


GAP_TABLES = ("languages", "needs", "refuges")


@login_required
def area_gaps_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    if table not in GAP_TABLES:
        raise Http404
    area = gaps.get_area_for_coordinator(user=request.user, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{area.slug}-{table}.csv"'
    writer = csv.writer(response)
    writer.writerows(_csv_rows(table, area))
    return response
