"""Fixtures for the timex tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def article() -> str:
    return (
        "In February 2014, Kim Yong-nam attended the opening of the Olympic Games in Sochi. "
        "The following month, the Russian minister visited North Korea. From April 28-30, Deputy "
        "Prime Minister Yuri Trutnev spent three days in North Korea. In September and October, "
        "Foreign Minister Ri Su-yong spent ten days in Moscow."
    )
