import pytest

from committees.models import Region
from tests.committees.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_an_in_lookup_with_keys_past_the_columns_range_matches_only_the_keys_it_can_hold():
    region = RegionFactory()

    assert list(Region.objects.filter(pk__in=[10**25, region.pk, -(10**25)])) == [region]
    assert list(Region.objects.filter(pk__in=[10**25])) == []
    assert list(Region.objects.exclude(pk__in=[10**25])) == [region]
