"""Where the demo's placement and home postcodes are on the national grid (council offices in
and around West Sussex, from the ONS Postcode Directory, Open Government Licence), so the demo's
care pages say how far a placement is from home."""

from __future__ import annotations

from kith.people.postcodes import PostcodeLocation

# Postcode: (easting, northing), metres on the Ordnance Survey national grid.
PLACES = {
    "PO19 1RQ": (485804, 104968),
    "RH12 1RL": (517642, 130792),
    "RH10 1UZ": (527214, 136847),
    "BN11 1HA": (514799, 102950),
    "BN17 5LF": (503071, 101978),
    "RH16 1SS": (532768, 124187),
    "PO19 1TY": (486228, 104618),
    "BN43 5FA": (521464, 108208),
    "BN11 1HS": (514705, 102872),
    "BN3 3BQ": (528953, 104842),
    "BN1 1JA": (531111, 104014),
    "RH2 8EF": (525832, 148846),
    "GU1 4LH": (499775, 149659),
    "SO23 8UJ": (447823, 129465),
    "BN7 1UE": (540881, 109939),
}


def add_places() -> None:
    PostcodeLocation.objects.bulk_create(
        [PostcodeLocation(postcode=p, easting=e, northing=n) for p, (e, n) in PLACES.items()],
        ignore_conflicts=True,
    )
