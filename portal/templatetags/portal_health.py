"""{% health_warnings %}: what the registered health checks find wrong (portal/health.py), for the
admin's index, shown to the staff allowed to see it."""

from django import template
from django.urls import reverse

from portal import health

register = template.Library()


@register.inclusion_tag("admin/_health_warnings.html", takes_context=True)
def health_warnings(context: template.Context) -> dict:
    user = context["request"].user
    found = health.problems(may_query=True)
    warnings = []
    for name, count in found.items():
        check = health.REGISTRY[name]
        if not isinstance(count, int) or (check.permission and not user.has_perm(check.permission)):
            continue
        url = reverse(check.url_name) + (f"?{check.query}" if check.query else "")
        warnings.append({"message": check.message(count), "url": url})
    return {"warnings": warnings}
