from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from events.services import event_photos_make_missing_renditions
from portal.history import acting_as


class Command(BaseCommand):
    help = (
        "Make the photo renditions that were never made (queued while the broker was down, or failed). "
        "The periodic sweep events.make_missing_renditions runs the same every 10 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many photos in one run.")

    def handle(self, *args, limit, **options):
        with acting_as(None, reason=_("Missing photo renditions (job)")):
            made = event_photos_make_missing_renditions(limit=limit)
        self.stdout.write(f"Renditions made for {made} photo(s).")
