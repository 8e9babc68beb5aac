"""Template helpers for records of the registry: title lines and names as they were on a day."""

import datetime as dt

from django import template

from committees.selectors import facts_as_of, person_title_line

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
def members_as_of(body, today: dt.date) -> dt.date | None:
    """{% members_as_of committee today as as_of %}: the day the members of a committee or team of
    `organization_page_queryset` are stated as of (`facts_as_of`)."""
    return facts_as_of(body.latest_start, body.latest_end, body.latest_report, today=today)
