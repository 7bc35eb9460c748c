"""A short soak against real processes: a hub, four stations behind cuttable links and two
hub kiosks, with kill -9 and network cuts at random (scripts/soak.py; the full run is
ten minutes, this one about half a minute)."""

import pytest

from soak import soak

pytestmark = pytest.mark.server  # a hub, stations and kiosks in their own processes


def test_nothing_acknowledged_is_lost_or_counted_twice_through_kills_and_cuts():
    report = soak(seconds=20, seed=3)
    print("\n".join(report["lines"]))
    assert report["acked"] > 100
    assert report["lost"] == 0 and report["double"] == 0
    assert report["present"] >= report["let_in"] > 0
