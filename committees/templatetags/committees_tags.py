"""Template helpers for records of the registry: title lines and names as they were on a day."""

import datetime as dt

from django import template

from committees.selectors import person_title_line

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
