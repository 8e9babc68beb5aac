"""Template helpers for records of the registry: title lines and names as they were on a day."""

import datetime as dt

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from committees import selectors
from committees.selectors import facts_as_of, person_title_line
from portal.lib.search import highlight

register = template.Library()


@register.simple_tag
def title_line(person, day: dt.date | None) -> str:
    """{% title_line person day %}: the canonical title line on `day`, or the name alone when
    the day is unknown. Needs the person's positions prefetched (`people_with_positions`)."""
    if day is None:
        return person.display_name
    return person_title_line(person, on=day)


@register.filter
def name_on(body, day: dt.date | None) -> str:
    """{{ committee|name_on:decision.issued_on }}: an organisation's, committee's or team's name on `day`."""
    return body.name_on(day)


@register.filter
def label_on(position, day: dt.date | None) -> str:
    """{{ position|label_on:day }}: "Phó Giám đốc Học viện …" with the body's name on `day`."""
    return position.label_on(day)


@register.simple_tag
def role_url(position) -> str:
    """{% role_url position %}: the page of the position's role and everyone who held it."""
    return reverse(
        "committees:role_detail",
        kwargs={
            "organization_slug": position.body.home_organization.slug,
            "role_slug": selectors.role_slug(position),
        },
    )


@register.filter
def role_phrase(position, day: dt.date | None = None) -> str:
    """{{ position|role_phrase }}: the role without its organisation's name: "Trưởng Ban Chỉ đạo 35"."""
    return selectors.role_phrase(position, day)


@register.filter
def highlighted(text: str, words: list[str]) -> SafeString:
    """{{ name|highlighted:words }}: `text` escaped, with the searched words in <mark>."""
    return mark_safe(highlight(str(text), words))  # noqa: S308 - highlight escapes the text


@register.simple_tag
def positions_line(person, day: dt.date) -> str:
    """{% positions_line person day %}: the title line of `day` without the name (may be empty)."""
    return selectors.person_positions_line(person, on=day)


@register.simple_tag
def members_as_of(body, today: dt.date) -> dt.date | None:
    """{% members_as_of committee today as as_of %}: the day the members of a committee or team of
    `organization_page_queryset` are stated as of (`facts_as_of`)."""
    return facts_as_of(body.latest_start, body.latest_end, body.latest_report, today=today)
