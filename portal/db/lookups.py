"""Lookups Django leaves open to out-of-range numbers.

Django answers `id=99999999999999999999` with no rows (its IntegerFieldOverflow lookups) but
sends `id__in=[99999999999999999999]` to the database, where SQLite fails with an
OverflowError: a multiple-choice field or an admin action posted with such a key gave a 500.
`IntegerFieldIn` keeps only the values the column can hold, as `exact` does.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)


def _within(value: int, low: int | None, high: int | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)
