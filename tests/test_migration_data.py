"""Every test starts with the rows the data migrations wrote, even after a test that commits.

A transactional test ends by emptying every table; tests/conftest.py marks such tests with
`serialized_rollback`, so the migrations' rows are back before each of them. The two tests
below run one after the other in the same process: without the restore, whichever runs second
finds the tables empty.
"""

from __future__ import annotations

import pytest

from intl_portal.organisation.models import SustainableDevelopmentGoal
from projects.models import EmissionFactor, FundingProgramme

pytestmark = pytest.mark.django_db(transaction=True)


def _migration_rows_are_there() -> None:
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert EmissionFactor.objects.filter(mode="flight").exists()
    assert FundingProgramme.objects.filter(name="Erasmus+").exists()


@pytest.mark.parametrize("turn", ["first", "second"])
def test_a_committing_test_starts_with_the_migrations_rows(turn: str) -> None:
    _migration_rows_are_there()
    FundingProgramme.objects.all().delete()  # and the flush after the test removes the rest
