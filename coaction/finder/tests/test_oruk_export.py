import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from coaction.finder.models import Location, Service
from coaction.finder.tests.factories import ServiceAtLocationFactory, ServiceFactory
from coaction.finder.tests.hsds_checks import (
    CLOSED_ID,
    DROP_IN_ID,
    REFUGE_ID,
    REFUGE_SECRETS,
    RICH,
    assert_valid,
    import_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(db):  # type: ignore[no-untyped-def]
    import_file(RICH)


def test_it_exports_every_public_service_as_valid_hsds(tmp_path, imported, capsys):
    target = tmp_path / "services.json"
    call_command("export_oruk", str(target))
    assert capsys.readouterr().out.strip() == f"Exported 2 services to {target}"
    services = json.loads(target.read_text())
    assert sorted(s["id"] for s in services) == sorted([REFUGE_ID, DROP_IN_ID])
    assert CLOSED_ID not in target.read_text()  # inactive services are not public
    for service in services:
        assert_valid("service", service)


def test_it_withholds_confidential_addresses(tmp_path, imported):
    target = tmp_path / "services.json"
    call_command("export_oruk", str(target))
    text = target.read_text()
    for secret in REFUGE_SECRETS:
        assert secret not in text, secret
    assert "2 Market Street" in text  # a public address is exported


def test_it_writes_to_stdout_with_a_dash(imported, capsys):
    call_command("export_oruk", "-", "--json")
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 2
    assert json.loads(captured.err) == {"services": 2, "path": "-"}


def test_an_empty_directory_exports_an_empty_list(tmp_path):
    target = tmp_path / "services.json"
    call_command("export_oruk", str(target))
    assert json.loads(target.read_text()) == []


def test_importing_an_export_changes_nothing(tmp_path, imported):
    """Our own export read back in keeps the refuge's address, which it does not carry."""
    target = tmp_path / "services.json"
    call_command("export_oruk", str(target))
    summary = import_file(target)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 2)
    refuge = Location.objects.get(service_at_locations__service_id=REFUGE_ID)
    assert (refuge.address_1, refuge.postal_code, refuge.confidential) == (
        "14 Almond Grove",
        "NB2 7QX",
        True,
    )


def test_it_writes_nothing_when_a_service_cannot_be_valid_hsds(tmp_path):
    ServiceAtLocationFactory(service=ServiceFactory(name="Fine"))
    Service.objects.update(email="no at sign")  # bypassing the forms that would refuse it
    target = tmp_path / "services.json"
    with pytest.raises(CommandError, match=r"is not valid HSDS: \$\.email"):
        call_command("export_oruk", str(target))
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="There is no folder"):
        call_command("export_oruk", str(tmp_path / "missing" / "services.json"))
