"""Pictures uploaded from the editor into article bodies."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.images import get_image_dimensions
from django.db import transaction
from django.utils.translation import gettext as _

from portal.files import BODY_IMAGE, clean_upload
from portal.history import audited
from portal.news.models import Article, ArticleImage
from portal.scoping import may_write


def may_upload(by: User | None) -> bool:
    """Whoever may write an article may place pictures in it: with the permission, and an
    organisation whose articles they write (or the reach of a system administrator)."""
    if by is None:
        return True
    allowed = by.has_perm("news.add_article") or by.has_perm("news.change_article")
    return allowed and may_write(Article(), by)


@audited
@transaction.atomic
def article_image_upload(*, file, by: User | None) -> ArticleImage:
    """Store a picture for an article's body; ValidationError with the reason when refused.

    The file is checked by its content and re-encoded without its metadata (EXIF location
    included) by `clean_upload`, and stored under a random name with the detected type's
    extension; the size recorded is the stored picture's (turned upright, it may differ)."""
    if not may_upload(by):
        raise PermissionDenied(_("You do not have permission to upload pictures for articles."))
    content = clean_upload(file, BODY_IMAGE)
    width, height = get_image_dimensions(content)
    image = ArticleImage(width=width, height=height, uploaded_by=by)
    # Saved through the field file: stored once, already clean, so the field does not clean it again.
    image.file.save(content.name, content, save=False)
    image.save()
    return image
