"""Time and memory of a summary's workbook and printable page as its lists grow.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bcd35_bench .venv/bin/python bench/summary_outputs.py
    .venv/bin/python bench/summary_outputs.py --rows 10000 26000 50000 --trace

For each count of rows, a summary of the whole system is stored with that many SummaryRows
(a quarter events, half articles, the rest decisions, agreements and tasks, each with a title
of its own) in the database of DATABASE_URL (migrated here; the embedded SQLite without it),
then its workbook is written to a temporary file and its page rendered, and the summary is
deleted. Printed: wall and CPU seconds, the file's size, the process's peak resident memory
before and after writing (storing the rows raised it first; equal figures: writing did not),
and with --trace the peak of Python's allocations while writing (tracemalloc, which slows the
run about fourfold). Nothing is asserted; the figures are a Markdown table.
"""

import argparse
import copy
import datetime as dt
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

SHARE = {"events": 0.25, "decisions": 0.05, "agreements": 0.05, "tasks": 0.15, "articles": 0.5}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 26_000])
    parser.add_argument("--trace", action="store_true", help="measure Python's peak allocation (slow)")
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from reports.models import Summary, SummaryRow
    from reports.outputs.page import summary_page
    from reports.outputs.workbook import summary_workbook
    from tests.reports.snapshots import ROWS, SNAPSHOT

    call_command("migrate", verbosity=0)
    translation.activate("vi")
    print(
        "| rows | workbook wall s | workbook CPU s | file MB | peak RSS MB before → after "
        "| Python peak MB | page s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for total in options.rows:
        counts = {sheet: int(total * share) for sheet, share in SHARE.items()}
        snapshot = copy.deepcopy(SNAPSHOT) | {"counts": counts}
        summary = Summary.objects.create(
            scope_kind="system",
            period_kind="year",
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2021, 12, 31),
            scope_key=f"bench:{total}",
            input_hash="b" * 64,
            snapshot=snapshot,
            title=snapshot["title"],
            assembled_at=timezone.now(),
        )
        try:
            for sheet, count in counts.items():
                model = ROWS[sheet][0]
                SummaryRow.objects.bulk_create(
                    (
                        SummaryRow(
                            summary=summary,
                            sheet=sheet,
                            position=i,
                            data=dict(model, id=i, title=f"{model['title']} ({i})"),
                        )
                        for i in range(count)
                    ),
                    batch_size=5000,
                )
            summary = Summary.objects.get(pk=summary.pk)
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
            if options.trace:
                tracemalloc.start()
            wall, cpu = time.perf_counter(), time.process_time()
            with tempfile.TemporaryFile() as file:
                summary_workbook(summary, file)
                size = file.tell()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            traced = f"{tracemalloc.get_traced_memory()[1] / 1e6:.1f}" if options.trace else "–"
            tracemalloc.stop()
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
            page = time.perf_counter()
            render_to_string("reports/summary_print.html", summary_page(summary))
            page = time.perf_counter() - page
            print(
                f"| {sum(counts.values()):,} | {wall:.1f} | {cpu:.1f} | {size / 1e6:.1f} "
                f"| {before:.0f} → {after:.0f} | {traced} | {page:.2f} |"
            )
        finally:
            summary.delete()


if __name__ == "__main__":
    main()
