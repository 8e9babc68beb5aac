from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Tổng biên tập"
EDITOR_PERMISSIONS = [
    "add_article",
    "change_article",
    "view_article",
    "submit_article",
    "view_category",
    "view_tag",
    "add_tag",
]
CHIEF_EDITOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "approve_article",
    "publish_article",
    "unpublish_article",
    "add_category",
    "change_category",
    "change_tag",
]


def create_groups(apps, schema_editor):
    # Permissions are made after all migrations; these groups need them now.
    app_config = apps.get_app_config("news")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ((EDITORS, EDITOR_PERMISSIONS), (CHIEF_EDITORS, CHIEF_EDITOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, CHIEF_EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_articles_categories_tags"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
