import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from coaction.finder.actions import do_import_oruk
from coaction.finder.models import (
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)
from coaction.finder.oruk.importing import ImportRejected
from coaction.finder.oruk.source import SourceError, read_records
from coaction.finder.tests.hsds_checks import (
    CLOSED_ID,
    CONTRACT_SAMPLE,
    DROP_IN_ID,
    REFUGE_ID,
    RICH,
    import_file,
    rich_records,
    write_json,
)
from coaction.organisations.models import Organisation, OrganisationIdentifier
from coaction.organisations.tests.factories import AreaFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list[tuple]]:
    """Every row an import writes, to show that a refused or repeated import changed none."""
    return {
        model.__name__: sorted(map(tuple, model.objects.values_list()))
        for model in (
            Service,
            Organisation,
            Location,
            ServiceAtLocation,
            ServiceLanguage,
            Phone,
            Schedule,
            ServiceCapacity,
            TaxonomyTerm,
            Taxonomy,
        )
    }


def _rejected(path) -> ImportRejected:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRejected) as caught:
        import_file(path)
    return caught.value


def test_it_imports_the_contract_sample():
    if not CONTRACT_SAMPLE.exists():
        pytest.skip("the shared contract fixtures are not beside the project")
    summary = import_file(CONTRACT_SAMPLE)
    assert (summary.services, summary.new, summary.new_organisations) == (3, 3, 3)
    hba = Service.objects.get(name__startswith="Forced marriage")
    assert hba.organisation.name == "Saffron Sisters"
    assert hba.organisation.leadership_type == Organisation.LeadershipType.UNDECLARED
    assert hba.organisation.hsds_id == "64bc0931-de21-5991-a7ca-1fc375ee77dd"
    assert sorted(hba.languages.values_list("code", "mode")) == [
        ("en", "staff"),
        ("pa", "staff"),
        ("ur", "staff"),
    ]


def test_it_imports_everything_a_service_carries():
    summary = import_file(RICH)
    assert summary.line() == "Imported 3 services (3 new, 0 updated) from 1 organisation"
    refuge = Service.objects.get(pk=REFUGE_ID)
    assert refuge.minimum_age == 16
    assert refuge.last_modified == datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC)
    assert sorted(refuge.languages.values_list("code", "mode")) == [
        ("ar", "staff"),  # "Two staff members speak Arabic": staff, not an interpreter
        ("bn", "interpreter"),
        ("pl", "interpreter"),  # given as ISO 639-3 "pol"
        ("ur", "staff"),
    ]
    assert sorted(refuge.phones.values_list("type", flat=True)) == [
        "text",
        "textphone",
        "video",
        "voice",
    ]
    assert refuge.phones.get(type="video").extension == "12"
    # MO,TU,WE,TH,FR becomes five rows; the schedule given only in words is left out.
    assert sorted(refuge.schedules.values_list("byday", "opens_at")) == sorted(
        [(day, datetime.time(9)) for day in ("MO", "TU", "WE", "TH", "FR")]
        + [("SA", datetime.time(10))]
    )
    assert set(refuge.terms.values_list("code", flat=True)) == {"refuge", "nrpf-accepted"}
    capacity = refuge.capacities.get()
    assert (capacity.unit_id, capacity.available, capacity.maximum) == ("bed-space", 2, 6)
    location = refuge.service_at_locations.get().location
    assert location.confidential
    assert (location.address_1, location.postal_code) == ("14 Almond Grove", "NB2 7QX")
    assert (location.latitude, location.longitude) == (Decimal("53.481234"), Decimal("-2.243456"))
    assert location.accessibility.get().step_free

    drop_in = Service.objects.get(pk=DROP_IN_ID)
    centre = drop_in.service_at_locations.get().location
    assert not centre.confidential
    assert (centre.postal_code, centre.country) == ("NB1 1AA", "GB")
    access = centre.accessibility.get()
    assert access.step_free and access.hearing_loop and not access.bsl
    # One term matched by the id the API publishes, one new term in a new taxonomy.
    assert set(drop_in.terms.values_list("code", flat=True)) == {
        "hba-forced-marriage",
        "DA-SUPPORT",
    }
    assert Taxonomy.objects.filter(name="Invented service types").exists()
    assert Service.objects.get(pk=CLOSED_ID).status == "inactive"


def test_it_links_a_service_area_to_the_local_authority_it_names():
    area = AreaFactory(name="Northbridge", ons_code="E08000901")
    import_file(RICH)
    assert Service.objects.get(pk=REFUGE_ID).service_areas.get().area == area


def test_it_reads_the_paged_envelope(tmp_path):
    records = rich_records()
    path = write_json(
        tmp_path / "page.json",
        {"total_items": 3, "page_number": 1, "size": 3, "contents": records},
    )
    assert import_file(path).new == 3


def test_it_reads_ndjson_a_line_at_a_time(tmp_path):
    path = tmp_path / "services.ndjson"
    path.write_text("\n".join(json.dumps(r) for r in rich_records()) + "\n")
    assert import_file(path).new == 3
    # Without the suffix, a file of one object a line is recognised too.
    other = tmp_path / "services.json"
    other.write_text(path.read_text())
    assert import_file(other).unchanged == 3


def test_it_names_the_line_of_bad_ndjson(tmp_path):
    records = rich_records()
    path = tmp_path / "services.ndjson"
    path.write_text(json.dumps(records[0]) + "\n{not json\n" + json.dumps(records[1]) + "\n")
    rejected = _rejected(path)
    assert [str(e) for e in rejected.errors] == [
        "record 2: $: not valid JSON: Expecting property name enclosed in double quotes"
    ]
    assert not Service.objects.exists()


def test_it_refuses_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "x", ')
    with pytest.raises(SourceError, match="not valid JSON"):
        read_records(path)
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_oruk", str(path))


def test_it_refuses_a_bad_record_in_the_middle_and_writes_nothing(tmp_path):
    import_file(CONTRACT_SAMPLE) if CONTRACT_SAMPLE.exists() else None
    before = _snapshot()
    records = rich_records()
    records[1]["languages"][0]["code"] = 5
    del records[1]["status"]
    path = write_json(tmp_path / "services.json", records)
    rejected = _rejected(path)
    assert [str(e) for e in rejected.errors] == [
        f"record 2 (id {DROP_IN_ID}): $: 'status' is a required property",
        f"record 2 (id {DROP_IN_ID}): $.languages[0].code: 5 is not of type 'string'",
    ]
    assert rejected.line() == "Nothing was imported: 2 problems in 1 record"
    assert _snapshot() == before


def test_the_command_reports_each_problem_on_stderr_and_fails(tmp_path, capsys):
    records = rich_records()
    records[2]["id"] = "not-a-uuid"
    path = write_json(tmp_path / "services.json", records)
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem in 1 record"):
        call_command("import_oruk", str(path))
    assert "record 3 (id not-a-uuid): $.id: 'not-a-uuid' is not a 'uuid'" in capsys.readouterr().err
    assert not Service.objects.exists()


def test_the_command_prints_a_summary_or_json(tmp_path, capsys):
    call_command("import_oruk", str(RICH))
    assert capsys.readouterr().out.strip() == (
        "Imported 3 services (3 new, 0 updated) from 1 organisation"
    )
    call_command("import_oruk", str(RICH), "--json")
    assert json.loads(capsys.readouterr().out) == {
        "imported": True,
        "services": 3,
        "new": 0,
        "updated": 0,
        "unchanged": 3,
        "organisations": 1,
        "new_organisations": 0,
    }


def test_it_changes_nothing_when_the_same_file_is_imported_again():
    import_file(RICH)
    before = _snapshot()
    summary = import_file(RICH)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 3)
    assert _snapshot() == before


def test_it_updates_what_changed_and_removes_what_is_gone(tmp_path):
    import_file(RICH)
    records = rich_records()
    records[1]["name"] = "Forced marriage advice evenings"
    records[1]["phones"] = []
    summary = import_file(write_json(tmp_path / "services.json", records))
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 2)
    drop_in = Service.objects.get(pk=DROP_IN_ID)
    assert drop_in.name == "Forced marriage advice evenings"
    assert not drop_in.phones.exists()
    # The source gave no last_modified, so the change is stamped now.
    assert drop_in.last_modified > datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC)


def test_it_finds_an_organisation_by_its_charity_number():
    jasmine = OrganisationFactory(name="Jasmine Project", leadership_type="by_and_for")
    OrganisationIdentifier.objects.create(organisation=jasmine, value="GB-CHC-1199999")
    summary = import_file(RICH)
    assert summary.new_organisations == 0
    jasmine.refresh_from_db()
    assert jasmine.services.count() == 3
    assert jasmine.leadership_type == "by_and_for"  # its own profile is left as it was
    assert jasmine.name == "Jasmine Project"
    assert jasmine.hsds_id == rich_records()[0]["organization"]["id"]


def test_a_new_organisation_gets_a_unique_slug_and_its_org_id():
    OrganisationFactory(name="Jasmine Women's Project", slug="jasmine-womens-project")
    import_file(RICH)
    created = Organisation.objects.get(hsds_id=rich_records()[0]["organization"]["id"])
    assert created.slug == "jasmine-womens-project-2"
    assert list(created.identifiers.values_list("value", flat=True)) == ["GB-CHC-1199999"]


def test_it_marks_a_refuge_location_confidential_even_without_the_flag(tmp_path):
    records = rich_records()
    del records[0]["service_at_locations"][0]["location"]["attributes"]
    import_file(write_json(tmp_path / "services.json", records))
    assert Location.objects.get(service_at_locations__service_id=REFUGE_ID).confidential


def test_it_accepts_a_confidential_flag_on_the_location(tmp_path):
    records = rich_records()
    records[1]["service_at_locations"][0]["location"]["confidential"] = True
    import_file(write_json(tmp_path / "services.json", records))
    assert Location.objects.get(service_at_locations__service_id=DROP_IN_ID).confidential


def test_an_import_never_makes_a_confidential_location_public(tmp_path):
    import_file(RICH)
    centre = Location.objects.get(service_at_locations__service_id=DROP_IN_ID)
    centre.confidential = True  # as a manager may mark it
    centre.save(update_fields=["confidential"])
    import_file(RICH)
    centre.refresh_from_db()
    assert centre.confidential


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: r[0]["languages"].append(
                {"id": "0f7e1d1c-3a0e-4c8e-9a43-7d1c0e9b2a11", "name": "Elvish"}
            ),
            "$.languages[4]: cannot tell which language this is",
        ),
        (
            lambda r: r[0]["schedules"][0].update(byday="MON,TUE"),
            "$.schedules[0].byday: MON, TUE: days are written MO, TU, WE, TH, FR, SA, SU",
        ),
        (
            lambda r: r[0]["schedules"][1].update(opens_at="half nine"),
            "$.schedules[1].opens_at: 'half nine' is not a time of day (HH:MM)",
        ),
        (
            lambda r: r[0].update(minimum_age=30, maximum_age=18),
            "$.maximum_age: must not be below minimum_age",
        ),
        (
            lambda r: r[0].update(name="x" * 201),
            "$.name: is 201 characters long; at most 200",
        ),
        (
            lambda r: r[0]["capacities"][0].update(available=9),
            "$.capacities[0].available: must not be above maximum",
        ),
        (
            lambda r: r[1]["attributes"][0].update(
                taxonomy_term_id="5b0e3c5e-8a4f-4d7b-9e3a-2f1c0d9b8a77"
            ),
            "$.attributes[0]: no taxonomy term '5b0e3c5e-8a4f-4d7b-9e3a-2f1c0d9b8a77' is known",
        ),
        (
            lambda r: r[1]["service_at_locations"][0]["location"]["addresses"][0].update(
                country="Atlantis"
            ),
            "$.service_at_locations[0].location.addresses[0].country: 'Atlantis' is not a country",
        ),
        (
            lambda r: r[1]["service_at_locations"][0]["location"].update(latitude=123),
            "$.service_at_locations[0].location.latitude: must be between -90 and 90",
        ),
        (
            lambda r: r[2].update(id=r[0]["id"]),
            "$.id: record 1 has this id too",
        ),
    ],
)
def test_it_refuses_what_our_tables_cannot_hold(tmp_path, change, message):
    records = rich_records()
    change(records)
    rejected = _rejected(write_json(tmp_path / "services.json", records))
    assert any(message in str(error) for error in rejected.errors), rejected.errors
    assert not Service.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(tmp_path):
    with pytest.raises(SourceError, match="over the limit of"):
        read_records(RICH, max_document_bytes=1024)
    with pytest.raises(CommandError, match="larger file can be imported as ndjson"):
        call_command("import_oruk", str(RICH), "--max-mb", "0")


def test_it_refuses_a_missing_or_empty_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_oruk", str(tmp_path / "nothing.json"))
    (tmp_path / "empty.json").write_text("")
    with pytest.raises(CommandError, match="is empty"):
        call_command("import_oruk", str(tmp_path / "empty.json"))


def test_it_asks_for_embeddings_of_what_changed_once_saved(
    monkeypatch, django_capture_on_commit_callbacks
):
    asked: list[list[str]] = []
    monkeypatch.setattr("coaction.finder.actions.schedule_embedding", asked.append)
    with django_capture_on_commit_callbacks(execute=True):
        import_file(RICH)
    assert sorted(asked[0]) == sorted([REFUGE_ID, DROP_IN_ID, CLOSED_ID])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_file(RICH)
    assert callbacks == []  # nothing changed, nothing to embed


def test_only_a_hub_administrator_may_import_from_the_web(charlie, hannah):
    with pytest.raises(PermissionDenied):
        do_import_oruk(acting_user=charlie, records=read_records(RICH))
    assert not Service.objects.exists()
    assert do_import_oruk(acting_user=hannah, records=read_records(RICH)).new == 3
