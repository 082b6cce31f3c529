from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "coaction.organisations"
    label = "organisations"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_delete, post_save

        from coaction.organisations import models, selectors

        for model in (models.Area, models.Specialism, models.Language):
            post_save.connect(selectors.forget_reference_lists, sender=model)
            post_delete.connect(selectors.forget_reference_lists, sender=model)

        auditlog.register(
            models.Organisation,
            m2m_fields={"communities", "languages", "specialisms", "areas"},
        )
        auditlog.register(models.OrganisationIdentifier)
        auditlog.register(models.ByAndForDeclaration)
        auditlog.register(models.Membership)
        auditlog.register(models.Invitation, exclude_fields=["token"])
        auditlog.register(models.ByAndForCriterion)
