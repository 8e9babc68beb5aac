"""Slugs of records: made on the server, with "đ" folded to "d", unique within their model."""

from collections.abc import Callable

from django.db import models

from portal.lib.text import slugify_vi

SLUG_MAX_LENGTH = 120


def unique_slug(
    model: type[models.Model],
    text: str,
    *,
    max_length: int = SLUG_MAX_LENGTH,
    exclude_pk: int | None = None,
    also_taken: Callable[[str], bool] | None = None,
) -> str:
    """A slug of `text` (đ folded to d) not yet used by `model`: "nguyen-van-a", "nguyen-van-a-2"…

    `also_taken` says whether a slug is held elsewhere too (an old slug that still redirects)."""
    base = slugify_vi(text, max_length=max_length) or "muc"
    slug, suffix = base, 2
    manager = model._default_manager  # type: ignore[attr-defined]
    others = manager.exclude(pk=exclude_pk) if exclude_pk else manager.all()
    while others.filter(slug=slug).exists() or (also_taken is not None and also_taken(slug)):
        slug = f"{base[: max_length - len(str(suffix)) - 1]}-{suffix}"
        suffix += 1
    return slug
