"""Every write to organisations, memberships and invitations. Each is atomic; django-auditlog
records who changed what (the acting user comes from the request through its middleware)."""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from coaction.accounts.models import User
from coaction.core.errors import ActionError
from coaction.core.models import TaskProgress
from coaction.core.progress import start_tracked_task
from coaction.organisations.models import (
    ByAndForCriterion,
    ByAndForDeclaration,
    Invitation,
    Membership,
    Organisation,
    OrganisationIdentifier,
)
from coaction.organisations.tasks import send_invitations


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def do_create_organisation(
    *, acting_user: User | None, name: str, leadership_type: str, **fields: Any
) -> Organisation:
    if acting_user is not None and not acting_user.is_hub_admin:
        raise ActionError(_("Only hub administrators can add organisations."))
    organisation = Organisation.objects.create(
        name=name, slug=unique_slug(name), leadership_type=leadership_type, **fields
    )
    if acting_user is not None:
        Membership.objects.create(
            user=acting_user, organisation=organisation, role=Membership.Role.ADMIN
        )
    return organisation


@transaction.atomic
def do_update_organisation(
    *,
    acting_user: User,
    organisation: Organisation,
    form_data: dict[str, Any],
    identifiers: Iterable[str],
    declarations: dict[str, tuple[bool, str]],
) -> Organisation:
    """Save the profile, its identifiers and its by-and-for declarations together."""
    identifiers = list(identifiers)
    taken = (
        OrganisationIdentifier.objects.filter(value__in=identifiers)
        .exclude(organisation=organisation)
        .values_list("value", flat=True)
    )
    if taken:
        raise ActionError(
            _("%(ids)s already belongs to another organisation") % {"ids": ", ".join(taken)},
            field="identifiers",
        )
    m2m = {k: form_data.pop(k) for k in ("communities", "languages", "specialisms", "areas")}
    # Compare with what is stored, not with the instance a form may already have changed.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = []
    for key, value in form_data.items():
        if getattr(organisation, key) != value:
            setattr(organisation, key, value)
            changed.append(key)
    if "name" in changed:
        organisation.slug = unique_slug(organisation.name, exclude_pk=organisation.pk)
        changed.append("slug")
    if changed:
        organisation.save(update_fields=[*changed, "updated_at"])
    for key, values in m2m.items():
        getattr(organisation, key).set(values)

    organisation.identifiers.exclude(value__in=identifiers).delete()
    existing = set(organisation.identifiers.values_list("value", flat=True))
    for value in identifiers:
        if value not in existing:
            OrganisationIdentifier.objects.create(organisation=organisation, value=value)

    criteria = {c.code: c for c in ByAndForCriterion.objects.filter(code__in=declarations)}
    for code, (met, evidence) in declarations.items():
        ByAndForDeclaration.objects.update_or_create(
            organisation=organisation,
            criterion=criteria[code],
            defaults={"met": met, "evidence": evidence},
        )
    return organisation


def _allowed_roles(acting_user: User, organisation: Organisation) -> list[str]:
    """A manager can give the member and manager roles; only an administrator can make
    another administrator."""
    if acting_user.is_hub_admin:
        return [r.value for r in Membership.Role]
    membership = Membership.objects.filter(user=acting_user, organisation=organisation).first()
    if membership is None or not membership.has_role(Membership.Role.MANAGER):
        return []
    return [r.value for r in Membership.Role if membership.has_role(r.value)]


def allowed_roles_for(*, acting_user: User, organisation: Organisation) -> list[str]:
    return _allowed_roles(acting_user, organisation)


@transaction.atomic
def do_invite_members(
    *, acting_user: User, organisation: Organisation, emails: list[str], role: str
) -> TaskProgress:
    """Create one invitation per address (skipping people already in the organisation) and send
    them in the background."""
    if role not in _allowed_roles(acting_user, organisation):
        raise ActionError(_("You cannot give that role."), field="role")
    already = set(
        organisation.memberships.filter(user__email__in=emails).values_list(
            "user__email", flat=True
        )
    )
    ids = []
    for email in emails:
        if email in already:
            continue
        organisation.invitations.filter(email=email, accepted_at__isnull=True).delete()
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, role=role, invited_by=acting_user
        )
        ids.append(invitation.pk)
    if not ids:
        raise ActionError(_("Everyone you entered is already a member."), field="emails")
    return start_tracked_task(
        send_invitations,
        label=ngettext(
            "Sending %(n)s invitation for %(org)s",
            "Sending %(n)s invitations for %(org)s",
            len(ids),
        )
        % {"n": len(ids), "org": organisation.name},
        owner=acting_user,
        result_url=reverse("organisations:members", kwargs={"slug": organisation.slug}),
        invitation_ids=ids,
        language=get_language() or "en",
    )


@transaction.atomic
def do_revoke_invitation(*, acting_user: User, invitation: Invitation) -> None:
    invitation.delete()


@transaction.atomic
def do_accept_invitation(
    *, invitation: Invitation, user: User | None = None, full_name: str = "", password: str = ""
) -> Membership:
    """Join the organisation, creating the account first when the person is new."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ActionError(_("This invitation has expired or has been used."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ActionError(_("An account already uses this email address. Sign in first."))
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
    elif user.email.lower() != invitation.email.lower():
        raise ActionError(_("This invitation was sent to a different email address."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organisation=invitation.organisation, role=invitation.role
            )
    except IntegrityError:
        membership = Membership.objects.get(user=user, organisation=invitation.organisation)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


def _guard_last_admin(membership: Membership) -> None:
    organisation = membership.organisation
    if (
        membership.role == Membership.Role.ADMIN
        and organisation.memberships.filter(role=Membership.Role.ADMIN).count() == 1
    ):
        raise ActionError(_("An organisation needs at least one administrator."))


@transaction.atomic
def do_change_member_role(*, acting_user: User, membership: Membership, role: str) -> Membership:
    allowed = _allowed_roles(acting_user, membership.organisation)
    if role not in allowed or membership.role not in allowed:
        raise ActionError(_("You cannot give that role."), field="role")
    if role != membership.role:
        _guard_last_admin(membership)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def do_remove_member(*, acting_user: User, membership: Membership) -> None:
    if membership.role not in _allowed_roles(acting_user, membership.organisation):
        raise ActionError(_("You cannot remove someone with that role."))
    _guard_last_admin(membership)
    membership.delete()
