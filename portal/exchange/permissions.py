"""The export and import permissions: `<app>.export_<model>` for every list with the spreadsheet
admin (portal/exchange/admin.py), `<app>.import_<model>` for every importable registered resource.

Made after each app's migrations, as Django makes "add", "change"…: no migration of any app
holds them, and a model given an admin or a resource later gets them at the next `migrate`.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.db import DEFAULT_DB_ALIAS, router


def exchange_permissions(model) -> list[tuple[str, str]]:
    """(codename, name) of the spreadsheet permissions `model` should have."""
    from django.contrib import admin

    from portal.exchange import registry
    from portal.exchange.admin import SpreadsheetAdminMixin

    if not isinstance(admin.site._registry.get(model), SpreadsheetAdminMixin):
        return []
    opts = model._meta
    codes = [settings.IMPORT_EXPORT_EXPORT_PERMISSION_CODE]
    if registry.is_importable(model):
        codes.append(settings.IMPORT_EXPORT_IMPORT_PERMISSION_CODE)
    return [(get_permission_codename(code, opts), f"Can {code} {opts.verbose_name_raw}") for code in codes]


def create_exchange_permissions(app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: the missing spreadsheet permissions of `app_config`'s models."""
    if app_config.models_module is None:
        return
    try:
        apps.get_model("auth", "Permission")
        apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    if not router.allow_migrate_model(using, global_apps.get_model("auth", "Permission")):
        return
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for model in app_config.get_models():
        wanted = exchange_permissions(model)
        if not wanted:
            continue
        content_type = ContentType.objects.db_manager(using).get_for_model(model, for_concrete_model=False)
        have = set(
            Permission.objects.using(using)
            .filter(content_type=content_type)
            .values_list("codename", flat=True)
        )
        Permission.objects.using(using).bulk_create(
            Permission(codename=codename, name=name, content_type=content_type)
            for codename, name in wanted
            if codename not in have
        )
