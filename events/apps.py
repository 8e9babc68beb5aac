from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import panels, volume
        from events.models import Event, Speech
        from events.resources import EventResource, SpeechResource
        from portal.exchange import registry
        from portal.volume import register

        register("events", volume.generate, order=20)
        panels.register()
        registry.register(Event, EventResource, importable=True)
        registry.register(Speech, SpeechResource, importable=True)
