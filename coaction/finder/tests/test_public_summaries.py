"""What the finder shows of a service, worked out without the database."""

import datetime

from django.utils import translation

from coaction.finder.models import Schedule
from coaction.finder.search import Match
from coaction.finder.selectors import PublicLocation
from coaction.finder.summaries import _distance, _hours, _open_now


def slot(day, opens, closes):
    return Schedule(byday=day, opens_at=datetime.time(*opens), closes_at=datetime.time(*closes))


def place(confidential, location_type="physical"):
    return PublicLocation(
        id="x",
        location_type=location_type,
        name="",
        address_1="",
        address_2="",
        city="Northbridge",
        state_province="",
        postal_code="",
        country="GB",
        latitude=None,
        longitude=None,
        confidential=confidential,
        area_name="",
    )


def test_hours_join_runs_of_days_and_list_split_days():
    with translation.override("en"):
        rows = _hours(
            [
                *(slot(day, (9, 0), (17, 0)) for day in ["MO", "TU", "WE"]),
                slot("TH", (9, 0), (12, 0)),
                slot("TH", (13, 0), (19, 30)),
                slot("FR", (9, 0), (17, 0)),
            ]
        )
    assert rows == [
        ("Monday to Wednesday", "09:00 to 17:00"),
        ("Thursday", "09:00 to 12:00, 13:00 to 19:30"),
        ("Friday", "09:00 to 17:00"),
        ("Saturday and Sunday", "Closed"),
    ]


def test_no_schedule_means_nothing_is_said_about_hours():
    assert _hours([]) == []
    assert _open_now([], datetime.datetime(2025, 1, 6, 12, 0)) is None


def test_open_now_follows_the_day_and_the_time():
    monday_noon = datetime.datetime(2025, 1, 6, 12, 0)  # a Monday
    assert _open_now([slot("MO", (9, 0), (17, 0))], monday_noon) is True
    assert _open_now([slot("TU", (9, 0), (17, 0))], monday_noon) is False
    assert _open_now([slot("MO", (13, 0), (17, 0))], monday_noon) is False
    # Closing time itself is closed.
    assert _open_now([slot("MO", (9, 0), (12, 0))], monday_noon) is False


def test_open_now_counts_evening_hours_that_run_past_midnight():
    monday_late = datetime.datetime(2025, 1, 6, 23, 30)
    assert _open_now([slot("MO", (18, 0), (2, 0))], monday_late) is True


def test_a_confidential_distance_is_rounded_to_five_miles_and_never_below():
    with translation.override("en"):
        near = _distance(Match("a", 1.0, distance_km=0.5), [place(True)])
        far = _distance(Match("a", 1.0, distance_km=40.0), [place(True)])
        exact = _distance(Match("a", 1.0, distance_km=40.0), [place(False)])
        online = _distance(
            Match("a", 1.0, distance_km=40.0), [place(True), place(False, "virtual")]
        )
    assert near == "About 5 miles away (the address is confidential)"
    assert far == "About 25 miles away (the address is confidential)"
    assert exact == "24.9 miles away"
    assert online == "About 25 miles away (the address is confidential)"


def test_no_distance_without_a_postcode():
    assert _distance(Match("a", 1.0), [place(False)]) == ""
    assert _distance(None, [place(False)]) == ""
