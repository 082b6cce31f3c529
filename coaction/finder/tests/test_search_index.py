"""The search's index: the text index and generation token kept by triggers, the in-memory
vectors, and embedding on save through the task queue."""

import signal

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from coaction.finder import embeddings, lexical, search_index
from coaction.finder.models import Service, TaxonomyTerm
from coaction.finder.tasks import embed_services, schedule_embedding
from coaction.finder.tests.factories import ServiceFactory, ServiceLanguageFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_the_text_index_in_step_after_all_migrations():
    """If a later migration rebuilds finder_service (SQLite does for some changes), the
    triggers go with it; that migration must call lexical.install() again."""
    service = ServiceFactory(name="Lantern House", description="Outreach for rural women.")
    assert lexical.search("lantern") == [service.id]
    service.description = "Drop-in sessions at the library."
    service.save()
    assert lexical.search("library") == [service.id]
    assert lexical.search("outreach") == []
    service.delete()
    assert lexical.search("library") == []


def test_it_ranks_more_and_rarer_words_first():
    weak = ServiceFactory(name="Advice Centre", description="General advice on housing.")
    strong = ServiceFactory(name="Housing Advice for Survivors", description="Housing advice.")
    assert lexical.search("housing advice survivors")[:2] == [strong.id, weak.id]


def test_it_searches_words_only_within_a_queryset():
    inside = ServiceFactory(name="Lantern House")
    ServiceFactory(name="Lantern Outreach", status="inactive")
    assert lexical.search("lantern", within=Service.objects.filter(status="active")) == [inside.id]


def test_it_ignores_accents_and_case_in_words():
    service = ServiceFactory(name="Café Refuge", description="")
    assert lexical.search("CAFE") == [service.id]


def test_it_changes_the_generation_on_every_write_that_matters():
    seen = {lexical.generation()}
    service = ServiceFactory()
    seen.add(lexical.generation())
    ServiceLanguageFactory(service=service, code="so", name="Somali")
    seen.add(lexical.generation())
    service.terms.add(*TaxonomyTerm.objects.filter(code="fgm"))
    seen.add(lexical.generation())
    Service.objects.filter(pk=service.pk).update(embedding=b"\0" * 8)
    seen.add(lexical.generation())
    assert len(seen) == 5


def test_it_embeds_services_and_skips_unchanged_text():
    first = ServiceFactory(description="Support for survivors of forced marriage.")
    twin = ServiceFactory(name=first.name + " ", description=first.description)
    twin.name = first.name
    Service.objects.filter(pk=twin.pk).update(name=first.name)
    report = embed_services([first.id, twin.id])
    assert report.checked == 2
    assert report.embedded + report.reused == 2
    first.refresh_from_db()
    assert first.embedding_model == embeddings.model_name()
    assert first.embedded_text_hash == embeddings.text_hash(
        embeddings.service_document(name=first.name, description=first.description)
    )
    vector = embeddings.from_bytes(first.embedding)
    assert vector.shape == (384,)
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-3)
    again = embed_services([first.id, twin.id])
    assert (again.embedded, again.unchanged) == (0, 2)


def test_it_embeds_again_when_the_text_changes():
    service = ServiceFactory(description="Counselling.")
    embed_services([service.id])
    Service.objects.filter(pk=service.pk).update(description="Legal advice.")
    assert embed_services([service.id]).unchanged == 0


def test_it_reuses_a_stored_vector_for_identical_text():
    first = ServiceFactory(name="Same", description="Identical text.")
    embed_services([first.id])
    second = ServiceFactory(name="Same", description="Identical text.")
    report = embed_services([second.id])
    assert (report.embedded, report.reused) == (0, 1)
    second.refresh_from_db()
    first.refresh_from_db()
    assert bytes(second.embedding) == bytes(first.embedding)


def test_it_embeds_after_commit_when_scheduled(django_capture_on_commit_callbacks):
    service = ServiceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        schedule_embedding([service.id])
        service.refresh_from_db()
        assert service.embedding is None  # not before the commit
    service.refresh_from_db()
    assert service.embedding is not None


@pytest.fixture
def _keep_the_test_connection(monkeypatch):
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def run_worker():
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {number: signal.getsignal(number) for number in signals}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


@pytest.mark.usefixtures("_keep_the_test_connection")
def test_it_embeds_through_the_database_task_queue(db_tasks, django_capture_on_commit_callbacks):
    service = ServiceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        schedule_embedding([service.id, service.id])
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "coaction.finder.tasks.embed_services_task"
    assert queued.args_kwargs["kwargs"]["service_ids"] == [service.id]
    service.refresh_from_db()
    assert service.embedding is None
    run_worker()
    service.refresh_from_db()
    assert service.embedding is not None


def test_the_command_embeds_what_is_missing(capsys):
    done = ServiceFactory()
    embed_services([done.id])
    missing = ServiceFactory(description="Not embedded yet.")
    call_command("embed_services")
    out = capsys.readouterr().out
    assert "1 texts embedded" in out and "1 unchanged" in out
    missing.refresh_from_db()
    assert missing.embedding is not None
    call_command("embed_services", "--all")
    assert "2 texts embedded" in capsys.readouterr().out


def test_the_index_holds_public_services_with_vectors_terms_and_coarse_positions():
    from coaction.finder.tests.factories import LocationFactory, ServiceAtLocationFactory

    public = ServiceFactory(name="A", term_codes=["refuge"])
    ServiceFactory(name="B", status="inactive")
    location = LocationFactory(
        organisation=public.organisation,
        latitude="51.512345",
        longitude="-0.123456",
        confidential=True,
    )
    ServiceAtLocationFactory(service=public, location=location)
    embed_services([public.id])
    index = search_index.current()
    assert index.ids == [public.id]
    assert index.has_vector.tolist() == [True]
    assert index.term_members["refuge"].tolist() == [True]
    assert index.location_lats.tolist() == [51.5]
    assert index.location_lons.tolist() == [-0.1]
    assert search_index.current() is index  # nothing changed: the same index


def test_it_ignores_vectors_from_another_model(settings):
    service = ServiceFactory()
    Service.objects.filter(pk=service.pk).update(
        embedding=b"\0" * 16, embedding_model="another-model"
    )
    index = search_index.current()
    assert index.has_vector.tolist() == [False]


def test_the_database_has_the_text_index():
    tables = connection.introspection.table_names()
    assert lexical.GENERATION_TABLE in tables
