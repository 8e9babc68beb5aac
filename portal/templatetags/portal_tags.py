"""Template helpers every app's templates use: the panels of higher apps, stored files' sizes."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from portal.files import stored_file_size
from portal.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, place: str, record) -> SafeString:
    """{% panels "committees.organization" organization %}: what the higher apps registered for
    this place (portal/panels.py), each rendered with its own context, as an inclusion tag would."""
    engine = context.template.engine
    parts = [
        engine.get_template(panel.template).render(context.new(panel.context(record)))
        for panel in panels_for(place)
    ]
    return mark_safe("".join(parts))  # noqa: S308 - rendered by templates that escape their values


@register.filter
def file_size(file) -> int | None:
    """{{ document.file|file_size|filesizeformat }}: the size in bytes, None when the file is missing."""
    return stored_file_size(file)
