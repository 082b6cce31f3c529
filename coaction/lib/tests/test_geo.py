import numpy as np
import pytest

from coaction.lib.geo import (
    bounding_box,
    format_postcode,
    haversine_km,
    haversine_km_many,
    normalise_postcode,
)


def test_it_measures_london_to_manchester() -> None:
    # Charing Cross (51.5073, -0.1276) to Manchester Town Hall (53.4794, -2.2453): about
    # 262 km as the crow flies.
    assert haversine_km(51.5073, -0.1276, 53.4794, -2.2453) == pytest.approx(262.6, abs=1)


def test_it_measures_a_tenth_of_a_degree_of_latitude_as_about_eleven_km() -> None:
    assert haversine_km(53.0, -2.0, 53.1, -2.0) == pytest.approx(11.12, abs=0.01)


def test_it_measures_no_distance_to_the_same_point() -> None:
    assert haversine_km(52.0, 1.0, 52.0, 1.0) == 0


def test_the_vector_form_agrees_with_the_single_one() -> None:
    lats = np.array([53.4794, 51.5073, 55.9533])
    lons = np.array([-2.2453, -0.1276, -3.1883])
    many = haversine_km_many(52.4862, -1.8904, lats, lons)
    assert many.tolist() == pytest.approx(
        [haversine_km(52.4862, -1.8904, lat, lon) for lat, lon in zip(lats, lons, strict=True)]
    )


def test_the_bounding_box_holds_every_point_within_the_distance() -> None:
    min_lat, max_lat, min_lon, max_lon = bounding_box(53.48, -2.24, 10)
    for bearing in range(0, 360, 15):
        angle = np.radians(bearing)
        # A point about 9.9 km away in this direction.
        lat = 53.48 + 9.9 / 111.2 * np.cos(angle)
        lon = -2.24 + 9.9 / (111.2 * np.cos(np.radians(53.48))) * np.sin(angle)
        assert haversine_km(53.48, -2.24, lat, lon) < 10
        assert min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def full_width(text: str) -> str:
    """The same text in full-width forms, as some East Asian keyboards type it."""
    return "".join(chr(ord(char) + 0xFEE0) if char != " " else "\u3000" for char in text)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("SW1A 1AA", "SW1A1AA"),
        ("sw1a1aa", "SW1A1AA"),
        ("  m1   1ae ", "M11AE"),
        ("B33 8TH", "B338TH"),
        ("CR2 6XH", "CR26XH"),
        ("DN55 1PT", "DN551PT"),
        ("W1A 0AX", "W1A0AX"),
        ("EC1A 1BB", "EC1A1BB"),
        ("GIR 0AA", "GIR0AA"),
        ("M\u0661 \u0661AE", "M11AE"),  # Arabic-Indic digits from an Urdu keyboard
        (full_width("SW1A 1AA"), "SW1A1AA"),
    ],
)
def test_it_normalises_uk_postcodes(raw: str, normal: str) -> None:
    assert normalise_postcode(raw) == normal


@pytest.mark.parametrize("raw", ["", "SW1A", "1AA", "SW1A 1A", "SW1A 1AAA", "12345", "not one"])
def test_it_refuses_what_is_not_a_postcode(raw: str) -> None:
    assert normalise_postcode(raw) is None


def test_it_formats_a_postcode_with_its_space() -> None:
    assert format_postcode("SW1A1AA") == "SW1A 1AA"
    assert format_postcode("M11AE") == "M1 1AE"
