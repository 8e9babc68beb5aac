"""Sitemaps of the events' public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from django.urls import reverse
from django.utils import timezone

from events.models import Event
from portal.sitemaps import StaticViewSitemap, UpdatedSitemap


class EventPagesSitemap(StaticViewSitemap):
    """The events list and the calendar of the current month (/su-kien/lich/ only redirects there)."""

    def location(self, item):
        if item == "events:calendar":
            today = timezone.localdate()
            return reverse(item, kwargs={"year": today.year, "month": today.month})
        return super().location(item)


class EventSitemap(UpdatedSitemap):
    """Every public event's page (no drafts), with the time its record last changed."""

    model = Event
    url_name = "events:event_detail"

    def records(self):
        return Event.objects.public()


# Section name → sitemap; portal/urls.py merges this with the other apps' dicts.
SITEMAPS = {
    "events-pages": EventPagesSitemap(["events:event_list", "events:calendar"]),
    "events": EventSitemap,
}
