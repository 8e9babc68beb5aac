"""A realistic volume of records, for measuring the portal as it will be after years of use.

`manage.py generate_volume --scale N` runs every registered generator in layer order. At
scale 1 the records apps hold what a few years of use would: 300 organisations, 5,000
people, 20,000 positions, 2,000 decisions, 5,000 events with 15,000 sites and 30,000
speeches, 500 agreements with 5,000 tasks. Each app registers its generator in its
`AppConfig.ready()` (as they register their pages' panels), so later apps add their own
models without this module knowing them.

The data is deterministic for a seed, written with bulk inserts, and valid: every object
passes its model's field checks and `clean()` before it is written (foreign keys excepted,
which the database checks), and the rules services apply across rows (an online event has
a site, speeches are numbered once, a task's owner is a party…) are built in by the
generators and checked by `tests/portal/test_volume.py`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models, transaction

from portal.cache import TOPICS, records_changed

ModelT = TypeVar("ModelT", bound=models.Model)

# Slugs of generated records start with this, so that a database can tell it holds a volume.
SLUG_PREFIX = "vl-"
BATCH_SIZE = 2000


@dataclass
class Volume:
    """What the generators share: the scale, the random source and what was made so far."""

    scale: float
    rng: random.Random
    made: dict[str, int] = field(default_factory=dict)
    # Records of earlier generators that later ones build on (the organisations of events…).
    records: dict[str, list] = field(default_factory=dict)

    def count(self, at_scale_one: int, minimum: int = 1) -> int:
        """How many of a kind at this scale (`at_scale_one` at scale 1), at least `minimum`."""
        return max(minimum, round(at_scale_one * self.scale))

    def bulk(self, model: type[ModelT], objects: Iterable[ModelT]) -> list[ModelT]:
        """Check each object as its model does, insert them in batches, keep the count."""
        objects = list(objects)
        skip = [
            f.name for f in model._meta.concrete_fields if f.is_relation or isinstance(f, models.FileField)
        ]
        for obj in objects:
            obj.clean_fields(exclude=skip)
            obj.clean()
        created = model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)
        label = model._meta.label
        self.made[label] = self.made.get(label, 0) + len(created)
        return created

    def link(self, through: type[models.Model], rows: Iterable[models.Model]) -> None:
        """Insert rows of a many-to-many table (no checks of their own beyond the database's)."""
        rows = list(rows)
        through._default_manager.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
        label = through._meta.label
        self.made[label] = self.made.get(label, 0) + len(rows)


Generator = Callable[[Volume], None]
_GENERATORS: dict[str, tuple[int, Generator]] = {}


def register(name: str, generator: Generator, *, order: int) -> None:
    """Add an app's generator; `order` follows the layers (registry 10, events 20, agreements 30…)."""
    _GENERATORS[name] = (order, generator)


def generators() -> list[tuple[str, Generator]]:
    return [(name, entry[1]) for name, entry in sorted(_GENERATORS.items(), key=lambda item: item[1][0])]


class VolumeExists(Exception):
    """The database already holds a generated volume."""


@dataclass(frozen=True)
class VolumeReport:
    made: dict[str, int]
    seconds: float


def volume_generate(*, scale: float, seed: int = 35) -> VolumeReport:
    """Generate the volume at `scale` from `seed`, in one transaction.

    Refuses a database that already holds one (its records' slugs start with SLUG_PREFIX).
    """
    from committees.models import Organization

    if Organization.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise VolumeExists()
    volume = Volume(scale=scale, rng=random.Random(seed))  # noqa: S311 - reproducible test data, not secrets
    started = time.perf_counter()
    with transaction.atomic():
        for _name, generator in generators():
            generator(volume)
        records_changed(*TOPICS)
    return VolumeReport(made=dict(volume.made), seconds=time.perf_counter() - started)
