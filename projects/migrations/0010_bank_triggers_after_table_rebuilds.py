"""Put the bank's running-total triggers back on SQLite and recount the totals.

SQLite cannot alter most columns in place, so Django rebuilds the table (create, copy, drop,
rename) for migrations such as 0006 (version) and 0007 (currency choices), and the rebuild
drops the table's triggers: the bank's key figures then stayed at 0 on the embedded default.
PostgreSQL alters in place and keeps its triggers, so nothing is done there. A later migration
that rebuilds projects_project on SQLite must end with the same step.
"""

from importlib import import_module

from django.db import migrations

bank_figures = import_module("projects.migrations.0005_bank_figures")


def reinstall_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    statements = [
        *bank_figures._sqlite_backward(),
        *bank_figures._sqlite_forward(),
        "DELETE FROM projects_bankfigure",
        bank_figures._fill(bank_figures.SQLITE_YEAR),
    ]
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("projects", "0009_emission_factor_version")]

    operations = [migrations.RunPython(reinstall_on_sqlite, migrations.RunPython.noop)]
