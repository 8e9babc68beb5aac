"""Reads of citations for the pages of the records they cite."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.sources.models import Citation


def citations_for(subject: models.Model) -> list[Citation]:
    """The citations of `subject`, in their order, with their sources (one query)."""
    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=True)
    return list(
        Citation.objects.filter(subject_type=subject_type, subject_id=subject.pk).select_related("source")
    )
