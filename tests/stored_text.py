"""What the database stores in its text columns, read on PostgreSQL and on SQLite alike."""

from __future__ import annotations

from django.apps import apps
from django.db import connection, models


def text_columns(*, with_json: bool = False) -> list[tuple[str, str]]:
    """(table, column) of every text column of every model, history tables included."""
    kinds: tuple[type[models.Field], ...] = (models.CharField, models.TextField)
    if with_json:
        kinds = (*kinds, models.JSONField)
    return sorted(
        {
            (model._meta.db_table, field.column)
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed
            for field in model._meta.concrete_fields
            if isinstance(field, kinds)
        }
    )


def columns_where(columns: list[tuple[str, str]], condition: str, value: str) -> list[str]:
    """ "table.column" of each column with a row where `condition` (its column as {column},
    the value as %s) holds: one query over them all."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT * FROM (SELECT '{table}.{column}' FROM {quote(table)} "
        f"WHERE {condition.format(column=quote(column))} LIMIT 1) AS found_{number}"
        for number, (table, column) in enumerate(columns)
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [value] * len(parts))
        return [row[0] for row in cursor.fetchall()]


def postgresql() -> bool:
    return connection.vendor == "postgresql"
