"""Browser journeys (Playwright on Debian's Chromium); fixtures in tests/browser.py."""

from pathlib import Path

import pytest

from tests.browser import DESKTOP, PHONE

__all__ = ["DESKTOP", "PHONE"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
