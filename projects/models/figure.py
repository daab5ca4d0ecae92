"""Running totals of the project bank, kept current by the database itself."""

from __future__ import annotations

from django.db import models


class BankFigure(models.Model):
    """How many projects, and their summed amounts, share one group of the bank.

    A group is one combination of the columns the bank's visibility rules and its department,
    programme and phase filters read, and of the currency and start year its conversion to
    kronor needs. Triggers on the project table (migration 0005) keep the rows current on every
    insert, update and delete, whoever writes: forms, the admin, imports, bulk queries or plain
    SQL. The project bank reads its key figures from here instead of summing every project on
    every request; `selectors.bank_figures` falls back to the projects themselves for filters the
    groups do not carry (search, year, focus area, country).

    Ids are plain numbers rather than foreign keys (no project can point at a removed
    department or programme, so a group of one never needs cascading); a project without
    programme is in programme 0 and one without start date in year 0.
    """

    status = models.CharField(max_length=20)
    department_id = models.BigIntegerField()
    programme_id = models.BigIntegerField()
    phase = models.CharField(max_length=20)
    currency = models.CharField(max_length=3)
    start_year = models.IntegerField()
    project_count = models.BigIntegerField(default=0)
    grant_sum = models.BigIntegerField(default=0)
    own_sum = models.BigIntegerField(default=0)
    in_kind_sum = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "status",
                    "department_id",
                    "programme_id",
                    "phase",
                    "currency",
                    "start_year",
                ],
                name="bank_figure_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.status}/{self.department_id}/{self.programme_id}/{self.phase}"
