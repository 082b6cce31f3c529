"""Funding disparity: who gets the money for work on violence against women and girls, set
against who does the work, by leadership type.

The figures follow the platform's definitions (DESIGN.md, "Funding disparity"): totals, mean
and median per organisation by leadership type; share of organisations against share of
funding; the Gini coefficient and Lorenz curve of per-organisation totals; the same by year,
funder, area, programme and specialism; tender success rates; and the share of funding that
reaches specialist organisations. Sector benchmarks the figures are read against:

- Imkaan and End Violence Against Women Coalition (2020), for 2017: 25 Black and minoritised
  services shared £10m, an average of £400k each; ten generic services shared £25m, an
  average of £2.5m each.
- A London study: by-and-for and grassroots groups were 86.5% of VAWG services and received
  3.9% of the funding.

Money is Decimal (pounds, possibly with pence) throughout; only ratios, shares and the Gini
coefficient are floats. Pure computation: callers gather the awards and show the results.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from coaction.lib.small_numbers import FEWER_THAN, suppress_small  # noqa: F401 - part of this module's interface

BY_AND_FOR = "by_and_for"
WHITE_LED = "white_led"
GENERIC = "generic"
STATUTORY = "statutory"

# The order leadership types are shown in; any other type follows, alphabetically.
LEADERSHIP_TYPES: tuple[str, ...] = (BY_AND_FOR, WHITE_LED, GENERIC, STATUTORY)

SPECIALIST_TYPES: tuple[str, ...] = (BY_AND_FOR, WHITE_LED)


Dimension = Literal["year", "funder", "area", "programme", "specialism"]
DIMENSIONS: tuple[Dimension, ...] = ("year", "funder", "area", "programme", "specialism")

ZERO = Decimal(0)


@dataclass(frozen=True)
class Award:
    """One grant or contract award to one recipient organisation.

    `leadership_type` is the recipient's type when the award is counted: `by_and_for`,
    `white_led`, `generic` or `statutory` (DESIGN.md, "Leadership type"). `amount` is in
    pounds."""

    recipient: str
    leadership_type: str
    amount: Decimal
    year: int | None = None
    funder: str = ""
    area: str = ""
    programme: str = ""
    specialism: str = ""


@dataclass(frozen=True)
class Bid:
    """One bid by one organisation for one tender or lot, and whether it won."""

    bidder: str
    leadership_type: str
    won: bool


@dataclass(frozen=True)
class GroupSummary:
    """The funding figures for one leadership type; see `summary_by_leadership_type`."""

    leadership_type: str
    organisations: int
    awards: int
    total: Decimal
    mean_per_organisation: Decimal
    median_per_organisation: Decimal
    share_of_organisations: float
    share_of_funding: float
    funding_to_organisations_ratio: float


class TenderSuccess(NamedTuple):
    """Bids made, bids won, and wins / bids (0.0 with no bids)."""

    bids: int
    wins: int
    rate: float


def leadership_order(leadership_type: str) -> tuple[int, str]:
    """Sort key that puts by_and_for, white_led, generic and statutory first, in that order,
    and any other leadership type after them, alphabetically."""
    if leadership_type in LEADERSHIP_TYPES:
        return (LEADERSHIP_TYPES.index(leadership_type), "")
    return (len(LEADERSHIP_TYPES), leadership_type)


def median(values: Iterable[Decimal]) -> Decimal:
    """The middle value of the sorted values; with an even count, the mean of the two middle
    values. Decimal 0 for no values."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return ZERO
    middle = n // 2
    if n % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def organisation_totals(awards: Iterable[Award]) -> dict[str, Decimal]:
    """Each recipient's total across its awards, keyed by recipient."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for award in awards:
        totals[award.recipient] += award.amount
    return dict(totals)


def _share(part: Decimal | int, whole: Decimal | int) -> float:
    return float(Decimal(part) / Decimal(whole)) if whole else 0.0


def summary_by_leadership_type(awards: Iterable[Award]) -> list[GroupSummary]:
    """Funding figures per leadership type (DESIGN.md, "Funding disparity").

    For each leadership type present in the awards:

    - organisations: the number of distinct recipients;
    - awards: the number of awards;
    - total: the sum of award amounts;
    - mean per organisation: total / organisations;
    - median per organisation: the median of each recipient's total (for an even count, the
      mean of the two middle totals);
    - share of organisations: organisations / all organisations counted;
    - share of funding: total / the total of all awards;
    - funding-to-organisations ratio: share of funding / share of organisations. 1 means the
      type is funded in proportion to its number; below 1, under-funded. In Imkaan and EVAW's
      2017 figures (25 Black and minoritised services shared £10m; ten generic services shared
      £25m) the ratio is 0.4 for the first and 2.5 for the second; in the London study (86.5%
      of services, 3.9% of funding) it is about 0.045.

    A recipient recorded under two leadership types counts as an organisation in each. When
    the total of all awards is zero, shares of funding and ratios are 0.0. Rows come in the
    order by_and_for, white_led, generic, statutory, then other types alphabetically; no
    input gives no rows."""
    per_type: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    award_counts: dict[str, int] = defaultdict(int)
    for award in awards:
        per_type[award.leadership_type][award.recipient] += award.amount
        award_counts[award.leadership_type] += 1

    all_organisations = sum(len(recipients) for recipients in per_type.values())
    grand_total = sum((sum(r.values(), ZERO) for r in per_type.values()), ZERO)

    rows = []
    for leadership_type in sorted(per_type, key=leadership_order):
        recipient_totals = per_type[leadership_type]
        organisations = len(recipient_totals)
        total = sum(recipient_totals.values(), ZERO)
        share_of_organisations = _share(organisations, all_organisations)
        share_of_funding = _share(total, grand_total)
        rows.append(
            GroupSummary(
                leadership_type=leadership_type,
                organisations=organisations,
                awards=award_counts[leadership_type],
                total=total,
                mean_per_organisation=total / organisations,
                median_per_organisation=median(recipient_totals.values()),
                share_of_organisations=share_of_organisations,
                share_of_funding=share_of_funding,
                funding_to_organisations_ratio=share_of_funding / share_of_organisations,
            )
        )
    return rows


def _checked(values: Iterable[Decimal | int | float]) -> list[Decimal]:
    ordered = sorted(Decimal(value) for value in values)
    if ordered and ordered[0] < 0:
        raise ValueError("funding totals must not be negative")
    return ordered


def gini(values: Iterable[Decimal | int | float]) -> float:
    """The Gini coefficient of per-organisation totals: the mean absolute difference between
    every ordered pair of organisations, divided by twice the mean,

        G = sum_i sum_j |x_i - x_j| / (2 n^2 mean),

    computed from the values sorted ascending (x_1 <= ... <= x_n) as

        G = 2 * sum_i (i * x_i) / (n * sum_i x_i) - (n + 1) / n.

    0 when every organisation gets the same; (n - 1) / n, approaching 1, when one gets it all
    (so [0, 0, 0, 100] gives 0.75). Defined as 0.0 for no values or a zero total. Negative
    values raise ValueError."""
    ordered = _checked(values)
    n = len(ordered)
    total = sum(ordered, ZERO)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((rank * value for rank, value in enumerate(ordered, start=1)), ZERO)
    return float(2 * weighted / (n * total) - Decimal(n + 1) / n)


def lorenz_curve(values: Iterable[Decimal | int | float]) -> list[tuple[float, float]]:
    """The Lorenz curve of per-organisation totals: with organisations sorted from least to
    most funded, the points (k / n, cumulative funding of the first k / total funding) for
    k = 0 .. n, running from (0, 0) to (1, 1). The further the curve sags below the diagonal,
    the more unequal the funding; twice the area between them is the Gini coefficient.

    No values gives [(0, 0), (1, 1)]; a zero total gives the diagonal (k / n, k / n), matching
    a Gini coefficient of 0. Negative values raise ValueError."""
    ordered = _checked(values)
    n = len(ordered)
    if n == 0:
        return [(0.0, 0.0), (1.0, 1.0)]
    total = sum(ordered, ZERO)
    points = [(0.0, 0.0)]
    running = ZERO
    for k, value in enumerate(ordered, start=1):
        running += value
        funding_share = float(running / total) if total else k / n
        points.append((k / n, funding_share))
    points[-1] = (1.0, 1.0)
    return points


def breakdown(awards: Iterable[Award], by: Dimension) -> dict[int | str | None, list[GroupSummary]]:
    """`summary_by_leadership_type` for each value of one dimension of the awards: year,
    funder, area, programme or specialism. Shares are within each value (within one year, say),
    not of the whole. Keys come in ascending order, an unknown year (None) last."""
    if by not in DIMENSIONS:
        raise ValueError(f"cannot break funding down by {by!r}")
    groups: dict[int | str | None, list[Award]] = defaultdict(list)
    for award in awards:
        key: int | str | None = getattr(award, by)
        groups[key].append(award)
    ordered_keys = sorted(groups, key=lambda key: (key is None, key if key is not None else 0))
    return {key: summary_by_leadership_type(groups[key]) for key in ordered_keys}


def tender_success_rate(bids: Iterable[Bid]) -> dict[str, TenderSuccess]:
    """Per leadership type: the number of bids, the number won, and the success rate
    wins / bids. Competitive tendering is one way specialist by-and-for services are shut out
    of funding (Imkaan and EVAW 2020); a lower rate for by-and-for bidders is the measure.
    Keys in the order of `summary_by_leadership_type`."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for bid in bids:
        counts[bid.leadership_type][0] += 1
        counts[bid.leadership_type][1] += int(bid.won)
    return {
        leadership_type: TenderSuccess(
            bids=counts[leadership_type][0],
            wins=counts[leadership_type][1],
            rate=counts[leadership_type][1] / counts[leadership_type][0],
        )
        for leadership_type in sorted(counts, key=leadership_order)
    }


def specialist_share(
    awards: Iterable[Award], specialist_types: Iterable[str] = SPECIALIST_TYPES
) -> float:
    """The share of funding for women-and-girls work that reaches specialist organisations:
    the total of awards to specialist types (by default by_and_for and white_led specialist
    VAWG organisations) divided by the total of all the awards given, which the caller limits
    to women-and-girls work. Everything else (generic and statutory) counts as non-specialist.
    0.0 for no awards or a zero total."""
    specialist = frozenset(specialist_types)
    total = ZERO
    reaching = ZERO
    for award in awards:
        total += award.amount
        if award.leadership_type in specialist:
            reaching += award.amount
    return _share(reaching, total)
