from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.volume import VolumeExists, volume_generate


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic volume of records, deterministically from a seed: at "
        "scale 1, 300 organisations, 5,000 people, 20,000 positions, 2,000 decisions, 5,000 events "
        "with 15,000 sites and 30,000 speeches, 500 agreements with 5,000 tasks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 is the volume above; 0.01 a hundredth."
        )
        parser.add_argument("--seed", type=int, default=35, help="The same seed gives the same records.")

    def handle(self, *args, scale: float, seed: int, **options):
        if not 0 < scale <= 100:
            raise CommandError("--scale must be above 0 and at most 100.")
        try:
            report = volume_generate(scale=scale, seed=seed)
        except VolumeExists:
            raise CommandError(
                "This database already holds a generated volume; generate into a fresh database."
            ) from None
        for label, rows in sorted(report.made.items()):
            self.stdout.write(f"{label}: {rows}")
        self.stdout.write(f"Generated {sum(report.made.values())} rows in {report.seconds:.1f} s.")
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # As after any bulk load: the planner's statistics and the visibility map (for
            # index-only counts) are brought up to date now, not whenever autovacuum comes.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write("Vacuumed and analysed.")
