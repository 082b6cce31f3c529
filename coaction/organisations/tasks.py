from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from coaction.core.progress import tracking
from coaction.organisations.models import Invitation


@task()
def send_invitations(*, progress_id: str, invitation_ids: list[int], language: str) -> int:
    """Email each invitation, reporting progress as it goes."""
    with tracking(progress_id) as progress, translation.override(language):
        invitations = list(
            Invitation.objects.filter(pk__in=invitation_ids).select_related(
                "organisation", "invited_by"
            )
        )
        progress.update(done=0, total=len(invitations))
        for done, invitation in enumerate(invitations, start=1):
            context = {
                "invitation": invitation,
                "link": settings.SITE_URL.rstrip("/") + invitation.get_absolute_url(),
            }
            send_mail(
                subject=_("You are invited to join %(org)s on Coaction Hub")
                % {"org": invitation.organisation.name},
                message=render_to_string("organisations/email/invitation.txt", context),
                from_email=None,
                recipient_list=[invitation.email],
            )
            progress.update(done=done, message=_("Sent to %(email)s") % {"email": invitation.email})
        return len(invitations)
