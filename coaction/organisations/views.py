import csv

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaction.core.errors import ActionError
from coaction.organisations import actions, selectors
from coaction.organisations.filters import DirectoryFilter
from coaction.organisations.forms import (
    InviteForm,
    MembershipRoleForm,
    NewAccountForm,
    OrganisationForm,
)
from coaction.organisations.models import Invitation, Membership, Organisation

PAGE_SIZE = 50


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    filterset = DirectoryFilter(request.GET or None, queryset=selectors.directory_queryset())
    if filterset.is_bound and not filterset.is_valid():
        organisations = Organisation.objects.none()
    else:
        organisations = filterset.qs
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_directory_lists(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organisations/directory.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "type_labels": {k: str(v) for k, v in Organisation.LeadershipType.choices},
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def directory_csv(request: HttpRequest) -> HttpResponse:
    filterset = DirectoryFilter(request.GET or None, queryset=selectors.directory_export_queryset())
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse(_("Unknown filter value"), status=400, content_type="text/plain")
    writer = csv.writer(_Echo())

    def rows():  # type: ignore[no-untyped-def]
        yield writer.writerow(
            [
                "name",
                "leadership_type",
                "identifiers",
                "areas",
                "specialisms",
                "languages",
                "website",
            ]
        )
        for org in filterset.qs.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    org.name,
                    org.leadership_type,
                    " ".join(i.value for i in org.identifiers.all()),
                    "; ".join(a.name for a in org.areas.all()),
                    "; ".join(s.name for s in org.specialisms.all()),
                    " ".join(lang.code for lang in org.languages.all()),
                    org.website,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations.csv"'
    return response


@login_required
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.get_organisation(slug=slug)
    role = organisation.role_of(request.user)
    can_manage = request.user.is_hub_admin or (
        role is not None and Membership.RANK[Membership.Role(role)] >= 2
    )
    return render(
        request,
        "organisations/profile.html",
        {
            "organisation": organisation,
            "can_manage": can_manage,
            "declarations": organisation.by_and_for_declarations.select_related("criterion"),
            "neighbours": selectors.organisations_sharing_areas_with(organisation=organisation)[
                :20
            ],
        },
    )


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.get_organisation_for_role(
        user=request.user, slug=slug, role=Membership.Role.MANAGER
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in OrganisationForm.Meta.fields}
        try:
            organisation = actions.do_update_organisation(
                acting_user=request.user,
                organisation=organisation,
                form_data=data,
                identifiers=form.cleaned_data["identifiers"],
                declarations=form.declarations(),
            )
        except ActionError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(organisation)
    if request.method == "POST":
        # Nothing was saved: show the page again with the stored values underneath.
        organisation.refresh_from_db()
    return render(request, "organisations/edit.html", {"organisation": organisation, "form": form})


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.get_organisation_for_role(
        user=request.user, slug=slug, role=Membership.Role.MANAGER
    )
    allowed = actions.allowed_roles_for(acting_user=request.user, organisation=organisation)
    form = InviteForm(request.POST or None, allowed_roles=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            progress = actions.do_invite_members(
                acting_user=request.user,
                organisation=organisation,
                emails=form.cleaned_data["emails"],
                role=form.cleaned_data["role"],
            )
        except ActionError as exc:
            form.add_error(exc.field, exc.message)
        else:
            return redirect("core:task_progress", progress_id=progress.pk)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "memberships": selectors.members_of(organisation=organisation),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True),
            "form": form,
        },
    )


def _get_membership_for_manager(request: HttpRequest, slug: str, membership_id: int) -> Membership:
    organisation = selectors.get_organisation_for_role(
        user=request.user, slug=slug, role=Membership.Role.MANAGER
    )
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=organisation,
    )


@login_required
def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _get_membership_for_manager(request, slug, membership_id)
    form = MembershipRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_change_member_role(
                acting_user=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except ActionError as exc:
            form.add_error("role", exc.message)
        else:
            messages.success(request, _("Role changed for %(name)s.") % {"name": membership.user})
            return redirect("organisations:members", slug=slug)
    return render(
        request, "organisations/member_role.html", {"membership": membership, "form": form}
    )


@login_required
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _get_membership_for_manager(request, slug, membership_id)
    if request.method == "POST":
        try:
            actions.do_remove_member(acting_user=request.user, membership=membership)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s has been removed.") % {"name": membership.user})
        return redirect("organisations:members", slug=slug)
    return render(request, "organisations/member_remove.html", {"membership": membership})


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_role(
        user=request.user, slug=slug, role=Membership.Role.MANAGER
    )
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    actions.do_revoke_invitation(acting_user=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("organisations:members", slug=slug)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    if not invitation.is_open:
        return render(request, "organisations/invitation_closed.html", status=410)
    user = request.user if request.user.is_authenticated else None
    form = None if user else NewAccountForm(request.POST or None, email=invitation.email)
    if user is None and actions.User.objects.filter(email__iexact=invitation.email).exists():
        login_url = reverse("accounts:login") + "?next=" + request.path
        return render(
            request,
            "organisations/invitation_sign_in.html",
            {"invitation": invitation, "login_url": login_url},
        )
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = actions.do_accept_invitation(
                invitation=invitation,
                user=user,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except ActionError as exc:
            if form is None:
                return render(request, "errors/403.html", {"detail": exc.message}, status=403)
            form.add_error(None, exc.message)
        else:
            if user is None:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("You have joined %(org)s.") % {"org": invitation.organisation}
            )
            return redirect(invitation.organisation)
    return render(
        request, "organisations/accept_invitation.html", {"invitation": invitation, "form": form}
    )
