"""The invented services in `coaction generate_dataset`."""

import io
from datetime import timedelta

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from coaction.finder import dataset
from coaction.finder.models import (
    AreaLanguage,
    Location,
    Phone,
    Postcode,
    Schedule,
    Service,
    ServiceCapacity,
    ServiceLanguage,
)
from coaction.finder.tests.factories import ServiceFactory


@pytest.fixture
def embedded(monkeypatch):
    """Record what the data set asks to embed, instead of running the model."""
    asked: list[list[str]] = []
    monkeypatch.setattr(dataset, "compute_embeddings", lambda ctx, ids: asked.append(ids))
    return asked


@pytest.fixture
def demo(db, embedded):
    call_command("generate_dataset", "--scale", "demo", stdout=io.StringIO())
    return embedded


def test_the_demo_has_about_200_services_and_asks_for_their_embeddings(demo):
    count = Service.objects.count()
    assert 180 <= count <= 220
    assert demo == [sorted(Service.objects.values_list("pk", flat=True))]
    assert Service.objects.filter(status="active").count() > 0.9 * count
    # Every organisation that does this work has services; statutory bodies too.
    assert Service.objects.filter(organisation__leadership_type="statutory").exists()
    assert Service.objects.filter(organisation__leadership_type="by_and_for").count() > 40


def test_demo_refuges_have_confidential_addresses_and_recent_vacancies(demo):
    refuges = Service.objects.filter(terms__code="refuge").distinct()
    assert refuges.count() >= 8
    for refuge in refuges:
        locations = Location.objects.filter(service_at_locations__service=refuge)
        assert locations and all(loc.confidential for loc in locations)
        capacity = ServiceCapacity.objects.get(service=refuge, unit_id="bed-space")
        assert 0 <= capacity.available <= capacity.maximum
        assert capacity.updated > timezone.now() - timedelta(days=3)
    assert ServiceCapacity.objects.filter(available__gt=0).exists()
    assert ServiceCapacity.objects.filter(available=0).exists()


def test_a_demo_refuge_address_stays_off_the_public_page(client, demo):
    refuge = Service.objects.filter(terms__code="refuge", status="active").first()
    location = Location.objects.get(service_at_locations__service=refuge)
    body = client.get(reverse("finder:service", kwargs={"service_id": refuge.pk})).content
    assert refuge.name.encode() in body.replace(b"&#39;", b"'")
    assert location.address_1.encode() not in body
    assert location.postal_code.encode() not in body


def test_demo_tags_and_languages_agree_with_the_descriptions(demo):
    for service in Service.objects.prefetch_related("terms", "languages", "organisation"):
        codes = {t.code for t in service.terms.all()}
        text = service.description
        if "no recourse to public funds" in text and "We accept" in text:
            assert "nrpf-accepted" in codes, service.description
        if "British Sign Language" in text or "BSL" in text:
            assert "deaf-bsl" in codes, service.description
        if "refuge" in service.name.lower() and "Refuge" not in service.organisation.name:
            assert "refuge" in codes
        spoken = set(service.organisation.languages.values_list("code", flat=True)) | {"en"}
        staff = {lang.code for lang in service.languages.all() if lang.mode == "staff"}
        assert staff and staff <= spoken, service.name
    assert ServiceLanguage.objects.filter(mode="interpreter").exists()


def test_demo_services_have_phones_hours_and_known_postcodes(demo):
    kinds = set(Phone.objects.values_list("type", flat=True))
    assert {"voice", "text", "textphone", "video"} <= kinds
    always = Schedule.objects.filter(opens_at="00:00", closes_at="23:59", byday="SU")
    assert always.count() >= 10  # helplines and refuges open all week
    postcodes = set(Postcode.objects.values_list("postcode", flat=True))
    located = Location.objects.exclude(postal_code="")
    assert located.count() > 50
    assert all(loc.postal_code.replace(" ", "") in postcodes for loc in located)
    assert all(loc.latitude is not None and loc.area_id for loc in located)


def test_the_demo_areas_have_a_language_profile(demo):
    for code in ("E09000091", "E06000091", "E07000291"):
        assert AreaLanguage.objects.filter(area__ons_code=code, language_code="pl").exists()


def test_running_the_demo_twice_leaves_one_copy(demo):
    counts = [
        model.objects.count()
        for model in (Service, Location, ServiceCapacity, Postcode, AreaLanguage, Phone)
    ]
    call_command("generate_dataset", "--scale", "demo", stdout=io.StringIO())
    assert [
        model.objects.count()
        for model in (Service, Location, ServiceCapacity, Postcode, AreaLanguage, Phone)
    ] == counts


def test_national_services_reuse_about_200_texts(db):
    from coaction.core.dataset import DatasetContext
    from coaction.finder.embeddings import service_document

    ctx = DatasetContext(scale="national", rng=__import__("random").Random(1), log=lambda _: None)
    builder = dataset._Builder(ctx, "test-")
    orgs = [
        {
            "pk": n,
            "slug": f"national-{n:04d}",
            "name": f"Organisation {n}",
            "type": ["by_and_for", "white_led", "generic", "statutory"][n % 4],
            "specialisms": [["refuge", "idva"], ["fgm"], ["housing", "legal"], []][n % 4],
            "communities": [],
            "languages": ["ur", "pl"],
            "areas": [],
        }
        for n in range(300)
    ]
    plans = dataset._plan_national(builder, orgs, 3000)
    assert len(plans) == 3000
    documents = {
        service_document(
            name=p.name,
            description=p.description,
            eligibility_description=p.eligibility_description,
            term_names=sorted(p.terms),
        )
        for p in plans
    }
    assert len(documents) <= len(dataset.description_pool()) <= 230
    assert not any("Organisation" in p.name for p in plans)


def test_embeddings_are_computed_once_per_distinct_text(db, org_a, monkeypatch):
    from coaction.core.dataset import DatasetContext
    from coaction.finder import embeddings

    seen: list[str] = []

    class Counting:
        def passages(self, texts):
            seen.extend(texts)
            return np.ones((len(texts), 4), dtype=np.float32) / 2

    monkeypatch.setattr(embeddings, "_embedder", lambda: Counting())
    embeddings.clear_caches()
    same = [ServiceFactory(organisation=org_a, name="Refuge", description="A refuge.")] * 1
    same.append(ServiceFactory(organisation=org_a, name="Refuge", description="A refuge."))
    other = ServiceFactory(organisation=org_a, name="Helpline", description="A helpline.")
    ctx = DatasetContext(scale="demo", rng=__import__("random").Random(1), log=lambda _: None)
    embedded = dataset.compute_embeddings(ctx, [s.pk for s in [*same, other]])
    embeddings.clear_caches()
    assert embedded == 2
    assert len(seen) == 2
    for service in Service.objects.all():
        assert embeddings.from_bytes(service.embedding).tolist() == [0.5] * 4
        assert service.embedding_model == embeddings.model_name()
        assert len(service.embedded_text_hash) == 64
