from django.core.management.base import BaseCommand

from portal.cache import records_changed
from portal.news.indexing import search_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index: one entry per public article, event, organisation, person and document."

    def handle(self, *args, **options):
        count = search_rebuild()
        records_changed("search")
        self.stdout.write(f"{count} search entries.")
