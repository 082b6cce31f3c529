import pytest

from coaction.lib.areas import LOCAL_AUTHORITY_ENTITIES, is_local_authority_code


def arabic_indic(digits: str) -> str:
    """The same digits written in Arabic-Indic numerals, as an Urdu keyboard types them."""
    return "".join(chr(0x0660 + int(d)) for d in digits)


@pytest.mark.parametrize(
    "code",
    [
        "E06000001",  # Hartlepool, unitary
        "E07000008",  # Cambridge, district
        "E08000025",  # Birmingham, metropolitan district
        "E09000013",  # Hammersmith and Fulham, London borough
        "W06000015",  # Cardiff
        "S12000036",  # City of Edinburgh
        "N09000003",  # Belfast
    ],
)
def test_it_accepts_a_code_for_each_kind_of_local_authority(code: str) -> None:
    assert code[:3] in LOCAL_AUTHORITY_ENTITIES
    assert is_local_authority_code(code)


def test_it_normalises_case_and_surrounding_whitespace() -> None:
    assert is_local_authority_code("  e09000013\n")


@pytest.mark.parametrize(
    "code",
    [
        "E10000002",  # county, not a local authority district
        "E92000001",  # England as a country
        "E12000007",  # region
        "E05000001",  # electoral ward
        "W04000001",  # community
        "S13002516",  # ward
    ],
)
def test_it_rejects_other_kinds_of_area(code: str) -> None:
    assert not is_local_authority_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "E09",
        "E0900001",  # eight characters
        "E090000133",  # ten characters
        "X09000013",  # no such country letter
        "E09 000013",
        "E09-000013",
        "E09" + arabic_indic("000013"),  # Arabic-Indic digits
        "E09000013\nE09000014",
    ],
)
def test_it_rejects_malformed_codes(code: str) -> None:
    assert not is_local_authority_code(code)
