"""What the database holds, read model by model: for tests that check what an action saved,
or that it saved nothing."""

from django.apps import apps
from django.db import models


def models_of(*app_labels: str) -> list[type[models.Model]]:
    """The models of these apps, many-to-many tables included, in their apps' order."""
    return [
        model
        for label in app_labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def row_counts(*app_labels: str) -> dict[str, int]:
    """How many rows each model of these apps holds, by model label."""
    return {model._meta.label: model._default_manager.count() for model in models_of(*app_labels)}


def rows_of(*app_labels: str) -> dict[str, list[dict]]:
    """Every row of every model of these apps, by model label, in primary-key order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in models_of(*app_labels)
    }
