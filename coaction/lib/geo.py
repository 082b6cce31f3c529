"""Distances on the Earth and UK postcodes."""

import math
import re
import unicodedata

import numpy as np
from numpy.typing import NDArray

# The mean Earth radius (IUGG), which keeps the haversine formula within about 0.5% of the
# ellipsoidal distance anywhere in the UK.
EARTH_RADIUS_KM = 6371.0088

# A UK postcode: outward code (area letters, district digit, optional digit or letter) and
# inward code (sector digit, unit letters). GIR 0AA is the one historical exception.
_POSTCODE = re.compile(r"^(?P<outward>[A-Z]{1,2}[0-9][A-Z0-9]?)(?P<inward>[0-9][A-Z]{2})$")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_km_many(
    lat: float, lon: float, lats: NDArray[np.float64], lons: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Distances in kilometres from one point to many, as `haversine_km` computes them."""
    phi1 = math.radians(lat)
    phi2 = np.radians(lats)
    dphi = phi2 - phi1
    dlambda = np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    result: NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains every point within `km`
    of the given point, for a cheap indexed pre-filter before the exact distance."""
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    # Longitude degrees shrink towards the poles; clamp so the box never inverts.
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(180.0, math.degrees(km / (EARTH_RADIUS_KM * cos_lat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def normalise_postcode(raw: str) -> str | None:
    """A UK postcode in upper case without spaces ("SW1A1AA"), or None when `raw` is not one.

    Accepts any spacing and case, and digits typed on another script's keyboard (Arabic-Indic
    digits on an Urdu keyboard, Bengali digits)."""
    characters = []
    for char in raw.strip():
        if char.isspace():
            continue
        if char.isdigit():
            characters.append(str(unicodedata.digit(char)))
        else:
            characters.append(char)
    compact = unicodedata.normalize("NFKC", "".join(characters)).upper()
    if compact == "GIR0AA":
        return compact
    if len(compact) > 7 or not _POSTCODE.match(compact):
        return None
    return compact


def format_postcode(postcode: str) -> str:
    """A normalised postcode with its usual space: "SW1A1AA" becomes "SW1A 1AA"."""
    return f"{postcode[:-3]} {postcode[-3:]}"
