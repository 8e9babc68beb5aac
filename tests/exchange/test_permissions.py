"""The export and import permissions, made after each app's migrations."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

from committees.models import Province, Region
from portal.exchange.permissions import create_exchange_permissions, exchange_permissions
from tests.exchange.admin_helpers import RegionResource, registered

pytestmark = pytest.mark.django_db


def codenames(app_label: str, prefix: str) -> set[str]:
    return set(
        Permission.objects.filter(content_type__app_label=app_label, codename__startswith=prefix).values_list(
            "codename", flat=True
        )
    )


def test_every_list_with_the_spreadsheet_admin_has_an_export_permission():
    assert codenames("committees", "export_") == {
        "export_decision",
        "export_legaldocument",
        "export_organization",
        "export_person",
        "export_position",
        "export_province",
        "export_region",
        "export_steeringcommittee",
        "export_team",
    }
    assert Permission.objects.get(codename="export_province").name == "Can export province"
    # Lists without the mixin (read-only job lists, users) have none.
    assert codenames("reports", "export_") == {"export_report"}
    assert codenames("accounts", "export_") == set()


def test_import_permissions_follow_the_importable_registered_resources():
    with registered(Region, RegionResource, importable=True):
        create_exchange_permissions(apps.get_app_config("committees"))
        create_exchange_permissions(apps.get_app_config("committees"))  # again: nothing doubled

    assert Permission.objects.filter(codename="import_region").count() == 1
    assert Permission.objects.get(codename="import_region").name == "Can import region"
    with registered(Province):  # no resource of its own: export only
        assert exchange_permissions(Province) == [("export_province", "Can export province")]
