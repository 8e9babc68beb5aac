import pytest


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    """Every test sees the site as its readers do: Vietnamese, Asia/Ho_Chi_Minh."""
    from django.utils import translation

    with translation.override("vi"):
        yield
