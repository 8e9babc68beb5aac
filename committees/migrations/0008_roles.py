"""The staff roles as groups (portal/roles.py): system administrator, secretariat, editor, chief
editor, leader. The permissions made after the migrations (spreadsheets) are added by
portal.roles.roles_sync after every `migrate`."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from portal.roles import ROLES, roles_sync


def create_roles(apps, schema_editor):
    # Permissions are made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = models_module
    roles_sync(apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    # The editors' groups were made by news 0002 and stay.
    made_here = [role.name for role in ROLES if role.key not in {"editor", "chief_editor"}]
    apps.get_model("auth", "Group").objects.filter(name__in=made_here).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0007_audit_history_staff_memberships"),
        ("events", "0008_audit_history"),
        ("agreements", "0006_audit_history"),
        ("reports", "0003_audit_history"),
        ("news", "0012_audit_history"),
        ("sources", "0002_audit_history"),
        ("exchange", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
