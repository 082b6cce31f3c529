from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "coaction.organisations"
    label = "organisations"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coaction.organisations import models

        auditlog.register(
            models.Organisation,
            m2m_fields={"communities", "languages", "specialisms", "areas"},
        )
        auditlog.register(models.OrganisationIdentifier)
        auditlog.register(models.ByAndForDeclaration)
        auditlog.register(models.Membership)
        auditlog.register(models.Invitation, exclude_fields=["token"])
        auditlog.register(models.ByAndForCriterion)
