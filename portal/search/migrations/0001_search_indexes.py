"""Full-text (Swedish) and trigram indexes for the portal's search, on PostgreSQL only."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def _each(apps, schema_editor, action):
    if schema_editor.connection.vendor != "postgresql":
        return
    from portal.search.indexes import INDEXES

    for app_label, model_name, index in INDEXES:
        model = apps.get_model(app_label, model_name)
        getattr(schema_editor, action)(model, index)


def add(apps, schema_editor):
    _each(apps, schema_editor, "add_index")


def remove(apps, schema_editor):
    _each(apps, schema_editor, "remove_index")


class Migration(migrations.Migration):
    # The earliest migrations that create the indexed columns: a test that migrates an app
    # back to an older state then does not take these indexes with it.
    dependencies = [
        ("projects", "0002_bank_activities"),
        ("partners", "0001_initial"),
        ("actionplans", "0003_followup_and_versions"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on other databases
        migrations.RunPython(add, remove),
    ]
