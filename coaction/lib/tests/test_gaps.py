import pytest

from coaction.lib.gaps import (
    TS024_LANGUAGE_CODES,
    language_provision,
    need_provision,
    ts024_language_code,
    vacancy_totals,
)


@pytest.mark.parametrize(
    ("category", "code"),
    [
        ("English (English or Welsh if in Wales)", "en"),
        ("South Asian language: Bengali (with Sylheti and Chatgaya)", "bn"),
        ("European language (EU): Polish", "pl"),
        ("Polish", "pl"),
        ("West or Central Asian language: Persian or Farsi", "fa"),
        ("Sign language: British Sign Language", "bfi"),
        ("East Asian language: Cantonese Chinese", "yue"),
        ("South Asian language: Pakistani Pahari (with Mirpuri and Potwari)", "phr"),
        ("South Asian language: Any other South Asian language", None),
        ("Does not apply", None),
    ],
)
def test_it_maps_census_categories_to_language_codes(category: str, code: str | None) -> None:
    assert ts024_language_code(category) == code


def test_every_mapped_code_is_iso_639() -> None:
    import pycountry

    for code in set(TS024_LANGUAGE_CODES.values()):
        key = "alpha_2" if len(code) == 2 else "alpha_3"
        assert pycountry.languages.get(**{key: code}) is not None, code


def test_a_service_counts_once_per_language_and_related_codes_count() -> None:
    rows = language_provision(
        [("bn", "Bengali", 40)],
        staff={"bn": {"s1"}, "syl": {"s1", "s2"}},
        interpreters={},
    )
    assert rows[0].staff_services == 2


def test_withheld_rows_come_last_in_name_order_so_their_order_reveals_nothing() -> None:
    rows = language_provision(
        [("ti", "Tigrinya", 1), ("am", "Amharic", 4), ("ur", "Urdu", 9), ("pl", "Polish", 20)],
        staff={},
        interpreters={"am": {"s1"}},
    )
    assert [(r.name, r.speakers) for r in rows] == [
        ("Polish", 20),
        ("Urdu", 9),
        ("Amharic", None),
        ("Tigrinya", None),
    ]
    assert rows[2].interpreter_only and not rows[2].unmet
    assert rows[3].unmet


def test_needs_count_each_service_once_and_flag_no_by_and_for() -> None:
    rows = need_provision(
        [("refuge", "Refuge"), ("fgm", "FGM")],
        [("s1", "refuge", False), ("s1", "refuge", False), ("s2", "refuge", True)],
    )
    assert [(r.code, r.services, r.by_and_for_services, r.no_by_and_for) for r in rows] == [
        ("refuge", 2, 1, False),
        ("fgm", 0, 0, True),
    ]


def test_vacancy_totals_add_up_spaces_and_known_maximums() -> None:
    totals = vacancy_totals([(2, 6), (0, 4), (1, None)])
    assert (totals.refuges, totals.with_space, totals.available, totals.maximum) == (3, 2, 3, 10)
