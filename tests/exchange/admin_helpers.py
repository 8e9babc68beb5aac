"""What the admin tests of portal/exchange share: a registered importable resource, staff, files."""

import csv
import io
from contextlib import contextmanager

from django.apps import apps
from django.contrib.auth.models import Permission
from import_export.fields import Field
from openpyxl import Workbook, load_workbook

from committees.models import Region
from portal.exchange import registry
from portal.exchange.permissions import create_exchange_permissions
from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import IntegerWidget, TextWidget
from portal.lib.text import slugify_vi


class RegionResource(SpreadsheetResource):
    """A test-only resource of regions: two Vietnamese columns, the name identifying a region."""

    name = Field(attribute="name", column_name="Tên vùng", widget=TextWidget(max_length=120))
    order = Field(attribute="order", column_name="Thứ tự", widget=IntegerWidget())

    natural_key = ("name",)
    # Who each write was made by: the importing user, as the services' `by`.
    writers: list = []

    class Meta:
        model = Region
        fields = ("name", "order")

    def write(self, instance, *, new, row, by):
        RegionResource.writers.append(by)
        if new:
            instance.slug = slugify_vi(instance.name)
        instance.full_clean()
        instance.save()

    def template_rows(self):
        return [["Tây Nam Bộ", 1]]


@contextmanager
def registered(model, resource=None, *, importable: bool = False):
    """`model` exported (and imported) with `resource` during the block, or with the generic
    resource if None; whatever an app registered is put back after. Permissions are made as
    `migrate` would make them."""
    previous = registry.entry_for(model)
    registry.unregister(model)
    if resource is not None:
        registry.register(model, resource, importable=importable)
        create_exchange_permissions(apps.get_app_config(model._meta.app_label))
    try:
        yield
    finally:
        registry.unregister(model)
        if previous is not None:
            registry.register(model, previous.resource, importable=previous.importable)


def regions_imported_by_region_resource():
    """Regions imported with the test's RegionResource."""
    return registered(Region, RegionResource, importable=True)


def staff(django_user_model, *codenames: str, username: str = "thu-ky"):
    user = django_user_model.objects.create_user(username=username, password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return django_user_model.objects.get(pk=user.pk)  # permissions read afresh


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def read_xlsx(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
