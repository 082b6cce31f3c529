from decimal import Decimal

import pytest

from coaction.lib.disparity import (
    Award,
    Bid,
    GroupSummary,
    TenderSuccess,
    breakdown,
    gini,
    lorenz_curve,
    median,
    organisation_totals,
    specialist_share,
    summary_by_leadership_type,
    tender_success_rate,
)


def imkaan_2017() -> list[Award]:
    """Imkaan and EVAW (2020), for 2017: 25 Black and minoritised services shared £10m;
    ten generic services shared £25m."""
    by_and_for = [
        Award(f"minoritised-{i}", "by_and_for", Decimal(400_000), year=2017) for i in range(25)
    ]
    generic = [Award(f"generic-{i}", "generic", Decimal(2_500_000), year=2017) for i in range(10)]
    return generic + by_and_for


def test_it_reproduces_the_25_for_10m_against_10_for_25m_example() -> None:
    by_and_for, generic = summary_by_leadership_type(imkaan_2017())

    assert by_and_for.leadership_type == "by_and_for"
    assert by_and_for.organisations == 25
    assert by_and_for.awards == 25
    assert by_and_for.total == Decimal(10_000_000)
    assert by_and_for.mean_per_organisation == Decimal(400_000)
    assert by_and_for.median_per_organisation == Decimal(400_000)
    assert by_and_for.share_of_organisations == pytest.approx(25 / 35)
    assert by_and_for.share_of_funding == pytest.approx(10 / 35)
    # (10/35) / (25/35) = 10/25
    assert by_and_for.funding_to_organisations_ratio == pytest.approx(0.4)

    assert generic.leadership_type == "generic"
    assert generic.organisations == 10
    assert generic.total == Decimal(25_000_000)
    assert generic.mean_per_organisation == Decimal(2_500_000)
    assert generic.share_of_organisations == pytest.approx(10 / 35)
    assert generic.share_of_funding == pytest.approx(25 / 35)
    # (25/35) / (10/35) = 25/10
    assert generic.funding_to_organisations_ratio == pytest.approx(2.5)


def test_it_counts_organisations_once_however_many_awards_they_hold() -> None:
    awards = [
        Award("a", "white_led", Decimal("100.50")),
        Award("a", "white_led", Decimal("99.50")),
        Award("b", "white_led", Decimal(50)),
    ]

    (row,) = summary_by_leadership_type(awards)

    assert (row.organisations, row.awards) == (2, 3)
    assert row.total == Decimal(250)
    assert row.mean_per_organisation == Decimal(125)  # 250 / 2
    assert row.median_per_organisation == Decimal(125)  # (50 + 200) / 2


def test_it_takes_the_median_of_an_even_count_as_the_mean_of_the_middle_two() -> None:
    awards = [
        Award("a", "by_and_for", Decimal(10)),
        Award("b", "by_and_for", Decimal(40)),
        Award("c", "by_and_for", Decimal(20)),
        Award("d", "by_and_for", Decimal(1000)),
    ]

    (row,) = summary_by_leadership_type(awards)

    assert row.median_per_organisation == Decimal(30)  # (20 + 40) / 2
    assert row.mean_per_organisation == Decimal("267.5")  # 1070 / 4
    assert median([Decimal(3), Decimal(1), Decimal(2)]) == Decimal(2)
    assert median([]) == Decimal(0)


def test_it_orders_leadership_types_by_the_platform_order_then_alphabetically() -> None:
    awards = [
        Award(t, t, Decimal(1))
        for t in ["zeta", "statutory", "generic", "alpha", "white_led", "by_and_for"]
    ]

    order = [row.leadership_type for row in summary_by_leadership_type(awards)]

    assert order == ["by_and_for", "white_led", "generic", "statutory", "alpha", "zeta"]


def test_it_gives_no_rows_and_zero_figures_for_empty_input() -> None:
    assert summary_by_leadership_type([]) == []
    assert breakdown([], by="year") == {}
    assert tender_success_rate([]) == {}
    assert specialist_share([]) == 0.0
    assert gini([]) == 0.0
    assert lorenz_curve([]) == [(0.0, 0.0), (1.0, 1.0)]
    assert organisation_totals([]) == {}


def test_it_gives_zero_shares_of_funding_when_nothing_was_paid() -> None:
    (row,) = summary_by_leadership_type([Award("a", "generic", Decimal(0))])

    assert row.share_of_organisations == 1.0
    assert row.share_of_funding == 0.0
    assert row.funding_to_organisations_ratio == 0.0


def test_it_works_out_the_gini_coefficient_by_hand() -> None:
    # Sorted [0, 0, 0, 100], n = 4: 2 * (4 * 100) / (4 * 100) - 5 / 4 = 2 - 1.25.
    # Pairwise: 6 ordered pairs differ by 100 -> 600 / (2 * 16 * 25) = 0.75.
    assert gini([0, 0, 0, 100]) == pytest.approx(0.75)
    assert gini([1, 1, 1, 1]) == 0.0
    # Sorted [10, 30], n = 2: 2 * (10 + 60) / (2 * 40) - 3 / 2 = 1.75 - 1.5.
    assert gini([Decimal(30), Decimal(10)]) == pytest.approx(0.25)
    assert gini([0, 0]) == 0.0


def test_it_measures_the_2017_example_as_unequal() -> None:
    totals = organisation_totals(imkaan_2017()).values()
    # 25 at 0.4m and 10 at 2.5m, total 35m. Sum of i * x_i over the sorted list:
    # 0.4m * (1 + ... + 25) + 2.5m * (26 + ... + 35) = 0.4m * 325 + 2.5m * 305 = 892.5m.
    # G = 2 * 892.5 / (35 * 35) - 36 / 35 = 1785 / 1225 - 1260 / 1225 = 525 / 1225 = 3 / 7.
    # Pairwise: 2 * 25 * 10 ordered pairs differ by 2.1m -> 1050m / (2 * 35^2 * 1m) = 3 / 7.
    assert gini(totals) == pytest.approx(3 / 7)


def test_it_refuses_negative_totals() -> None:
    with pytest.raises(ValueError, match="negative"):
        gini([5, -1])
    with pytest.raises(ValueError, match="negative"):
        lorenz_curve([-1])


def test_it_draws_a_lorenz_curve_from_origin_to_one_rising_monotonically() -> None:
    points = lorenz_curve([100, 0, 0, 0])

    assert points == [(0.0, 0.0), (0.25, 0.0), (0.5, 0.0), (0.75, 0.0), (1.0, 1.0)]

    points = lorenz_curve([Decimal("5.50"), Decimal(1), Decimal(7), Decimal(3), Decimal(0)])
    assert points[0] == (0.0, 0.0)
    assert points[-1] == (1.0, 1.0)
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    assert xs == sorted(xs)
    assert ys == sorted(ys)
    assert all(y <= x + 1e-12 for x, y in points)  # never above the line of equality
    assert points[2] == pytest.approx((0.4, 1 / 16.5))  # 0 + 1 of 16.50


def test_it_draws_the_diagonal_when_nothing_was_paid() -> None:
    assert lorenz_curve([0, 0]) == [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)]


def test_it_breaks_the_summary_down_by_year() -> None:
    awards = [
        Award("a", "by_and_for", Decimal(100), year=2019),
        Award("b", "generic", Decimal(300), year=2019),
        Award("a", "by_and_for", Decimal(50), year=2018),
        Award("c", "statutory", Decimal(10)),
    ]

    result = breakdown(awards, by="year")

    assert list(result) == [2018, 2019, None]
    assert [(r.leadership_type, r.total) for r in result[2018]] == [("by_and_for", Decimal(50))]
    by_and_for, generic = result[2019]
    assert by_and_for.share_of_funding == pytest.approx(0.25)  # 100 of 400 within 2019
    assert by_and_for.share_of_organisations == pytest.approx(0.5)
    assert by_and_for.funding_to_organisations_ratio == pytest.approx(0.5)
    assert generic.total == Decimal(300)
    assert [r.leadership_type for r in result[None]] == ["statutory"]


def test_it_breaks_the_summary_down_by_funder() -> None:
    awards = [
        Award("a", "by_and_for", Decimal(1), funder="Trust B"),
        Award("b", "generic", Decimal(2), funder="Trust A"),
    ]

    result = breakdown(awards, by="funder")

    assert list(result) == ["Trust A", "Trust B"]
    assert all(isinstance(rows[0], GroupSummary) for rows in result.values())


def test_it_refuses_an_unknown_dimension() -> None:
    with pytest.raises(ValueError, match="recipient"):
        breakdown([], by="recipient")  # type: ignore[arg-type]


def test_it_works_out_tender_success_rates_by_leadership_type() -> None:
    bids = [
        Bid("generic-1", "generic", won=True),
        Bid("generic-1", "generic", won=True),
        Bid("generic-2", "generic", won=False),
        Bid("bf-1", "by_and_for", won=False),
        Bid("bf-2", "by_and_for", won=False),
        Bid("bf-3", "by_and_for", won=False),
        Bid("bf-3", "by_and_for", won=True),
    ]

    rates = tender_success_rate(bids)

    assert list(rates) == ["by_and_for", "generic"]
    assert rates["by_and_for"] == TenderSuccess(bids=4, wins=1, rate=0.25)
    bids_made, wins, rate = rates["generic"]
    assert (bids_made, wins) == (3, 2)
    assert rate == pytest.approx(2 / 3)


def test_it_works_out_the_share_of_funding_reaching_specialists() -> None:
    awards = [
        Award("a", "by_and_for", Decimal("39")),
        Award("b", "white_led", Decimal("161")),
        Award("c", "generic", Decimal("700")),
        Award("d", "statutory", Decimal("100")),
    ]

    assert specialist_share(awards) == pytest.approx(0.2)  # (39 + 161) / 1000
    assert specialist_share(awards, specialist_types=["by_and_for"]) == pytest.approx(0.039)
