"""`load_demo` makes the demo staff (portal/accounts/demo.py) after every app's data."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from committees.models import Organization
from events.models import Event
from portal.accounts.demo import DEMO_STAFF, REGION_TWO
from portal.scoping import scope_for_staff, staff_scope

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_staff_account_per_role_scoped_to_region_two(demo_data):
    assert set(User.objects.filter(is_staff=True).values_list("username", flat=True)) >= {
        row[0] for row in DEMO_STAFF
    }
    region_two = Organization.objects.get(slug=REGION_TWO)
    secretariat = User.objects.get(username="thuky.kv2")
    scope = staff_scope(secretariat)
    assert region_two.pk in scope.own and len(scope.own) > 1  # its units and Party committee too
    assert not scope.everything and secretariat.has_perm("events.add_event")
    assert set(scope_for_staff(Event.objects.all(), secretariat, write=True)) == set(
        Event.objects.filter(host__in=scope.own)
    )
    assert staff_scope(User.objects.get(username="quantri")).everything
    # A second load neither adds accounts nor prints a password.
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "password" not in out.getvalue()
    assert User.objects.filter(username__in=[row[0] for row in DEMO_STAFF]).count() == len(DEMO_STAFF)
