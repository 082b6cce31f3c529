from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "coaction.finder"
    label = "finder"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coaction.finder import models

        # Who changed a service, its locations (and whether an address is confidential) and
        # its vacancies. Embeddings are derived data, not worth a log entry.
        auditlog.register(
            models.Service,
            m2m_fields={"terms"},
            exclude_fields=["embedding", "embedding_model", "embedded_text_hash"],
        )
        auditlog.register(models.Location)
        auditlog.register(models.ServiceCapacity)
        auditlog.register(models.AreaLanguage)
