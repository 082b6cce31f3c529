import pytest

from coaction.lib.orgid import (
    UK_LISTS,
    UNREGISTERED_PREFIX,
    OrgId,
    OrgIdError,
    is_valid_org_id,
    parse_org_id,
)


def arabic_indic(digits: str) -> str:
    """The same digits written in Arabic-Indic numerals, as an Urdu keyboard types them."""
    return "".join(chr(0x0660 + int(d)) for d in digits)


VALID = [
    ("GB-CHC-1234567", "GB-CHC", "1234567"),
    ("GB-CHC-123456", "GB-CHC", "123456"),
    ("GB-CHC-12345678", "GB-CHC", "12345678"),
    ("GB-CHC-1234567-12", "GB-CHC", "1234567-12"),
    ("GB-SC-SC012345", "GB-SC", "SC012345"),
    ("GB-NIC-100001", "GB-NIC", "100001"),
    ("GB-COH-01234567", "GB-COH", "01234567"),
    ("GB-COH-SC123456", "GB-COH", "SC123456"),
    ("GB-LAE-BIR", "GB-LAE", "BIR"),
    ("GB-LAS-EDIN", "GB-LAS", "EDIN"),
    ("GB-PLA-CRF", "GB-PLA", "CRF"),
    ("GB-LANI-BELF", "GB-LANI", "BELF"),
    ("360G-saffron-sisters", "360G", "saffron-sisters"),
]


@pytest.mark.parametrize(("text", "prefix", "local_id"), VALID)
def test_it_accepts_an_id_from_each_list(text: str, prefix: str, local_id: str) -> None:
    org_id = parse_org_id(text)

    assert org_id == OrgId(prefix, local_id)
    assert str(org_id) == text
    assert is_valid_org_id(text)


def test_it_covers_every_list_the_platform_accepts() -> None:
    assert {prefix for _, prefix, _ in VALID} == {*UK_LISTS, UNREGISTERED_PREFIX}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  gb-chc-1234567 \n", "GB-CHC-1234567"),
        ("gb-sc-sc012345", "GB-SC-SC012345"),
        ("Gb-Coh-sc123456", "GB-COH-SC123456"),
        ("gb-lani-belf", "GB-LANI-BELF"),
        ("gb-lae-bir", "GB-LAE-BIR"),
    ],
)
def test_it_normalises_case_and_whitespace_for_uk_lists(text: str, expected: str) -> None:
    assert str(parse_org_id(text)) == expected


def test_it_upper_cases_only_the_prefix_of_an_unregistered_id() -> None:
    org_id = parse_org_id(" 360g-Foo.Bar_baz ")

    assert org_id.prefix == "360G"
    assert org_id.local_id == "Foo.Bar_baz"
    assert str(org_id) == "360G-Foo.Bar_baz"


def test_it_reads_gb_lani_as_its_own_list_not_a_longer_gb_la_id() -> None:
    assert parse_org_id("GB-LANI-ABC").prefix == "GB-LANI"
    # GB-LA is not a list: a GB-LA... id must name one of the real lists.
    with pytest.raises(OrgIdError):
        parse_org_id("GB-LA-NIABC")


def test_it_names_the_list_for_people() -> None:
    assert parse_org_id("GB-CHC-1234567").list_name == "Charity Commission for England and Wales"
    assert parse_org_id("GB-LANI-BELF").list_name == "Local authorities in Northern Ireland"
    assert parse_org_id("360G-abc").list_name == "Unregistered group (360Giving)"


@pytest.mark.parametrize(
    "text",
    ["US-EIN-123456789", "GB-XYZ-1234567", "CHC-1234567", "1234567", "GB-1234567", "XI-PB-1"],
)
def test_it_rejects_unknown_prefixes(text: str) -> None:
    with pytest.raises(OrgIdError, match="must start with one of"):
        parse_org_id(text)
    assert not is_valid_org_id(text)


@pytest.mark.parametrize(
    "text",
    [
        "GB-CHC-",
        "GB-CHC-12345",  # too short
        "GB-CHC-123456789",  # too long
        "GB-CHC-1234567-1234",  # subsidiary number too long
        "GB-CHC-12A4567",
        "GB-CHC-1234567 1",
        "GB-SC-012345",  # missing SC
        "GB-SC-SC01234",
        "GB-NIC-200001",  # NI charity numbers start with 1
        "GB-NIC-10000",
        "GB-COH-1234567",
        "GB-COH-S1234567",
        "GB-LAE-AB",
        "GB-LAE-ABCDE",
        "GB-LAE-AB1",
        "GB-LAS-",
        "GB-PLA-C-F",
        "GB-LANI-B3LF",
        "360G-",
        "360G--abc",  # must start with a letter or digit
        "360G-abc-",  # and end with one
        "360G-abc def",
        "360G-abc/def",
        "GB-CHC-" + arabic_indic("1234567"),  # Arabic-Indic digits are not register numbers
        "GB-NIC-" + arabic_indic("100001"),
        "GB-SC-SC" + arabic_indic("012345"),
    ],
)
def test_it_rejects_malformed_ids(text: str) -> None:
    with pytest.raises(OrgIdError):
        parse_org_id(text)
    assert not is_valid_org_id(text)


def test_it_names_the_list_when_an_id_is_malformed() -> None:
    with pytest.raises(OrgIdError, match="12345 is not a valid id on the Charity Commission"):
        parse_org_id("GB-CHC-12345")


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_it_rejects_empty_text(text: str) -> None:
    with pytest.raises(OrgIdError, match="Enter an organisation identifier"):
        parse_org_id(text)
    assert not is_valid_org_id(text)


def test_it_rejects_over_long_text() -> None:
    text = "360G-" + "a" * 116  # 121 characters
    with pytest.raises(OrgIdError, match="120 characters or fewer"):
        parse_org_id(text)


def test_it_caps_unregistered_ids_at_a_hundred_characters_after_the_prefix() -> None:
    assert is_valid_org_id("360G-" + "a" * 100)
    assert not is_valid_org_id("360G-" + "a" * 101)


def test_it_counts_length_after_trimming_whitespace() -> None:
    assert is_valid_org_id(" " * 200 + "GB-CHC-1234567" + " " * 200)


def test_the_error_is_a_value_error() -> None:
    assert issubclass(OrgIdError, ValueError)
