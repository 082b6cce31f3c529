"""Embedding services in the background.

Embedding a description takes 20-50 ms, too slow to do inside a request or, for thousands of
services, inside an import. Whatever saves or imports services calls
`schedule_embedding(service_ids)`; once the transaction commits, a task embeds them.

Work is skipped where it is not needed: a service whose text is unchanged since it was last
embedded with the current model keeps its vector, and services with identical text share one
embedding (the national data set repeats descriptions; so do chains of services)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django_tasks import task

from coaction.finder import embeddings
from coaction.finder.models import Service, TaxonomyTerm

# Task arguments are stored as JSON: keep each task's list of ids modest.
TASK_BATCH = 500
# Texts embedded per call to the model, and rows written per UPDATE.
EMBED_BATCH = 32
WRITE_BATCH = 500


@dataclass
class EmbeddingReport:
    checked: int = 0
    embedded: int = 0  # texts run through the model
    reused: int = 0  # services given a vector already stored for the same text
    unchanged: int = 0


def document_for(service: Service) -> str:
    """The text embedded for a service (terms must be prefetched or are queried)."""
    return embeddings.service_document(
        name=service.name,
        alternate_name=service.alternate_name,
        description=service.description,
        eligibility_description=service.eligibility_description,
        term_names=[term.name for term in service.terms.all()],
    )


def embed_services(
    service_ids: Iterable[str] | None = None,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> EmbeddingReport:
    """Embed the given services (all services when None) whose text or model changed since
    they were last embedded, or every one of them when `force` is set."""
    model = embeddings.model_name()
    services = Service.objects.only(
        "id",
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "embedding_model",
        "embedded_text_hash",
    ).prefetch_related(Prefetch("terms", queryset=TaxonomyTerm.objects.only("id", "name")))
    if service_ids is not None:
        services = services.filter(id__in=list(service_ids))
    report = EmbeddingReport()
    stale: list[tuple[Service, str, str]] = []  # (service, text, hash)
    for service in services.order_by("id").iterator(chunk_size=2000):
        report.checked += 1
        text = document_for(service)
        digest = embeddings.text_hash(text)
        if not force and service.embedded_text_hash == digest and service.embedding_model == model:
            report.unchanged += 1
            continue
        stale.append((service, text, digest))
    total = len(stale)
    if progress:
        progress(0, total)

    # Vectors already stored for the same text by the same model: reuse them.
    by_hash: dict[str, bytes] = {}
    if not force:
        wanted = list({digest for _, _, digest in stale})
        for start in range(0, len(wanted), 500):
            rows = (
                Service.objects.filter(
                    embedded_text_hash__in=wanted[start : start + 500], embedding_model=model
                )
                .exclude(embedding=None)
                .values_list("embedded_text_hash", "embedding")
            )
            for digest, data in rows:
                by_hash.setdefault(digest, bytes(data))
                embeddings.remember_passage(digest, embeddings.from_bytes(data))

    done = 0
    pending: list[Service] = []
    for start in range(0, total, EMBED_BATCH):
        batch = stale[start : start + EMBED_BATCH]
        new_texts = {digest: text for _, text, digest in batch if digest not in by_hash}
        if new_texts:
            vectors = embeddings.passage_vectors(list(new_texts.values()))
            for digest, vector in zip(new_texts, vectors, strict=True):
                by_hash[digest] = embeddings.to_bytes(vector)
            report.embedded += len(new_texts)
        for service, _, digest in batch:
            service.embedding = by_hash[digest]
            service.embedding_model = model
            service.embedded_text_hash = digest
            pending.append(service)
        report.reused += len(batch) - len(new_texts)
        done += len(batch)
        if len(pending) >= WRITE_BATCH or done == total:
            _write(pending)
            pending = []
        if progress:
            progress(done, total)
    return report


def _write(services: list[Service]) -> None:
    # bulk_update writes only the derived fields: no save() signals, no audit entry, and
    # last_modified (the record's HSDS date) is left alone.
    with transaction.atomic():
        Service.objects.bulk_update(
            services, ["embedding", "embedding_model", "embedded_text_hash"], batch_size=100
        )


@task()
def embed_services_task(*, service_ids: list[str]) -> int:
    """Embed these services; returns how many texts went through the model."""
    return embed_services(service_ids).embedded


def schedule_embedding(service_ids: Iterable[str]) -> None:
    """Embed these services in the background once the current transaction commits. Call it
    from anything that creates services or changes their text or terms."""
    ids = list(dict.fromkeys(str(service_id) for service_id in service_ids))
    if not ids:
        return

    def enqueue() -> None:
        for start in range(0, len(ids), TASK_BATCH):
            embed_services_task.enqueue(service_ids=ids[start : start + TASK_BATCH])

    transaction.on_commit(enqueue)
