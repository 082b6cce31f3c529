from decimal import Decimal

import pytest

from coaction.lib.onspd import (
    OnspdError,
    find_columns,
    format_postcode,
    is_postcode,
    normalise_postcode,
    parse_row,
)

HEADER = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oslaua", "lat", "long"]


@pytest.mark.parametrize(
    "value", ["NB1 1AA", "nb11aa", "NB10 1AA", "NB1W 2BD", "SW1A 1AA", " m1  1ae "]
)
def test_it_recognises_postcodes_in_any_spacing_or_case(value: str) -> None:
    assert is_postcode(value)


@pytest.mark.parametrize("value", ["", "NB1", "1NB 1AA", "NB1 1A", "NB1 1AAA", "not a postcode"])
def test_it_rejects_what_is_not_a_postcode(value: str) -> None:
    assert not is_postcode(value)


def test_it_normalises_and_formats() -> None:
    assert normalise_postcode(" nb1  1aa ") == "NB11AA"
    assert format_postcode("nb101aa") == "NB10 1AA"


def test_it_finds_columns_by_name_in_old_and_new_headers() -> None:
    columns = find_columns(HEADER)
    assert (columns.postcode, columns.latitude, columns.longitude) == (2, 6, 7)
    assert (columns.local_authority, columns.terminated) == (5, 4)
    newer = find_columns(["PCD7", "PCD8", "PCDS", "DOTERM", "LAD25CD", "LAT", "LONG"])
    assert (newer.postcode, newer.local_authority) == (2, 4)


def test_it_names_the_missing_columns() -> None:
    with pytest.raises(OnspdError, match="lat, long"):
        find_columns(["pcds", "oslaua"])


def test_it_parses_a_row() -> None:
    columns = find_columns(HEADER)
    row = parse_row(
        ["NB1 1AA", "NB1  1AA", "NB1 1AA", "201501", "", "e09000091", "51.5", "-0.1"], columns
    )
    assert row.postcode == "NB11AA"
    assert row.latitude == Decimal("51.500000")
    assert row.local_authority == "E09000091"
    assert not row.terminated


def test_it_gives_no_position_for_the_onspd_placeholder() -> None:
    columns = find_columns(HEADER)
    row = parse_row(["GY1 1AA", "", "GY1 1AA", "", "", "", "99.999999", "0.000000"], columns)
    assert row.latitude is None and row.longitude is None


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["", "", "XX", "", "", "", "51", "0"], "not a postcode"),
        (["", "", "NB1 1AA", "", "", "", "north", "0"], "not a number"),
        (["", "", "NB1 1AA", "", "", "", "95", "0"], "out of range"),
        (["", "", "NB1 1AA", "", "", "", "51", "400"], "out of range"),
        (["", "", "NB1 1AA", "", "", "", "NaN", "0"], "out of range"),
    ],
)
def test_it_explains_a_bad_row(row: list[str], problem: str) -> None:
    with pytest.raises(OnspdError, match=problem):
        parse_row(row, find_columns(HEADER))
