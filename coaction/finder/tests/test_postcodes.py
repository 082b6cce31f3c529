"""`coaction import_postcodes`: the ONS Postcode Directory into the postcode table, whole or
not at all."""

import io
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from coaction.finder.dataset import POSTCODES_FIXTURE
from coaction.finder.models import Postcode

HEADER = "pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,osward,lat,long\n"


def write(tmp_path, body, header=HEADER):
    path = tmp_path / "onspd.csv"
    path.write_text(header + body, encoding="utf-8")
    return str(path)


def run(path, *args):
    out = io.StringIO()
    call_command("import_postcodes", path, *args, stdout=out)
    return out.getvalue()


def test_it_loads_the_demo_fixture(db):
    summary = json.loads(run(str(POSTCODES_FIXTURE), "--json"))
    assert summary == {"loaded": 119, "terminated": 1, "without_position": 1}
    assert Postcode.objects.count() == 119
    assert Postcode.objects.filter(local_authority="E09000091").count() == 64
    assert Postcode.objects.filter(local_authority="E06000091").count() == 30
    assert Postcode.objects.filter(local_authority="E07000291").count() == 24
    real = Postcode.objects.get(postcode="SW1A1AA")
    assert (real.latitude, real.longitude) == (Decimal("51.501009"), Decimal("-0.141588"))
    # Terminated, and without a position: not loaded.
    assert not Postcode.objects.filter(postcode__in=["NB99ZZ", "NB99ZY"]).exists()


def test_it_prints_a_one_line_summary(db, tmp_path):
    path = write(tmp_path, "NB1 1AA,,NB1 1AA,201501,,E11000009,E09000091,,51.568145,-0.118997\n")
    assert run(path).strip() == (
        f"Loaded 1 postcodes from {path} (skipped 0 terminated and 0 without a position)."
    )


def test_loading_again_updates_rather_than_duplicates(db, tmp_path):
    run(str(POSTCODES_FIXTURE))
    path = write(
        tmp_path,
        "NB1 1AA,,NB1 1AA,201501,,,E09000091,,51.600000,-0.100000\n"
        "NB1 1AB,,NB1 1AB,201501,202401,,E09000091,,51.570269,-0.110802\n",
    )
    run(path, "--batch-size", "1")
    assert Postcode.objects.count() == 118  # one moved, one terminated since
    moved = Postcode.objects.get(postcode="NB11AA")
    assert moved.latitude == Decimal("51.600000")
    assert not Postcode.objects.filter(postcode="NB11AB").exists()


def test_a_bad_row_rejects_the_whole_file_and_names_its_line(db, tmp_path):
    Postcode.objects.create(postcode="EM11AA", latitude=52, longitude=0.6)
    rows = "".join(f"NB1 {n}AA,,NB1 {n}AA,201501,,,E09000091,,51.5,-0.1\n" for n in range(1, 8))
    path = write(
        tmp_path,
        rows
        + "NB2 1AA,,NB2 1AA,201501,,,E09000091,,fifty-one,-0.1\n"
        + "NOT A CODE,,NOT A CODE,201501,,,E09000091,,51.5,-0.1\n",
    )
    with pytest.raises(CommandError) as raised:
        run(path, "--batch-size", "2")
    message = str(raised.value)
    assert message.startswith("2 bad rows; nothing was loaded.")
    assert "line 9: Latitude 'fifty-one' is not a number" in message
    assert "line 10: 'NOT A CODE' is not a postcode" in message
    # The rows before the bad ones, already written in batches, were rolled back.
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["EM11AA"]


def test_a_file_that_is_not_the_postcode_directory_is_refused(db, tmp_path):
    path = write(tmp_path, "NB1 1AA,Polish,200\n", header="postcode,language,count\n")
    with pytest.raises(CommandError, match="no column named pcds or pcd, lat, long"):
        run(path)
    assert not Postcode.objects.exists()


def test_a_missing_or_empty_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.csv"))
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CommandError, match="empty"):
        run(str(empty))


def test_the_command_exits_with_status_1_and_a_message_on_stderr(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own interpreter and a path we made
        [sys.executable, "-m", "django", "import_postcodes", str(path)],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "coaction.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "PATH": "",
            "DEBUG": "1",
        },
        check=False,
    )
    assert result.returncode == 1
    assert "not an ONS Postcode Directory file" in result.stderr
    assert result.stdout == ""
