"""`__in` on integer columns, without the values no such column can hold.

A form posted with an id beyond the column's range (a tampered checkbox value such as
-9223372036854775809) asks `pk__in=[…]`. PostgreSQL answers that nothing matches; SQLite's
driver raises OverflowError, which was a server error on the embedded default. Django already
treats such values as matching nothing for exact, gt, gte, lt and lte (its
IntegerFieldOverflow); this does the same for `in`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
