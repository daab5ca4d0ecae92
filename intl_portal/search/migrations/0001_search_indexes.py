"""Full-text (Swedish) and trigram indexes for the portal's search, on PostgreSQL only."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def _each(apps, schema_editor, action):
    if schema_editor.connection.vendor != "postgresql":
        return
    from intl_portal.search.indexes import INDEXES

    for app_label, model_name, index in INDEXES:
        model = apps.get_model(app_label, model_name)
        getattr(schema_editor, action)(model, index)


def add(apps, schema_editor):
    _each(apps, schema_editor, "add_index")


def remove(apps, schema_editor):
    _each(apps, schema_editor, "remove_index")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_bank_figures"),
        ("partners", "0002_registry_depth"),
        ("actionplans", "0006_report_claim_token"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on other databases
        migrations.RunPython(add, remove),
    ]
