"""Distances on the globe, and how near two places must be to count as one."""

from __future__ import annotations

import math

# Two places within this many kilometres are one place for a news report ("Kramatorsk" and
# "Kramatorsk district").
NEAR_KM = 30.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
