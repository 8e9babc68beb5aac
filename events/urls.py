from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("su-kien/", views.event_list, name="event_list"),
    # Before the event pages: "lich" would otherwise be read as an event's slug.
    path("su-kien/lich/", views.calendar_current, name="calendar_current"),
    path("su-kien/lich/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("su-kien/lich.ics", views.event_ical, name="ical"),
    path("su-kien/<slug:slug>/", views.event_detail, name="event_detail"),
]
