"""Leadership contacts as a log (issue 15): each contact kept, "last contact" and dormancy from
the log, the old single dates converted to first entries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from partners import selectors
from partners.models import Partnership, PoliticalContact
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_each_contact_is_kept_and_the_latest_is_the_last_contact(world: World) -> None:
    halden = factories.PartnershipFactory(since_year=1950)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("partners:political-contact-create", args=[halden.pk])
    for date, agreed in (("2026-02-03", "Ungdomsutbyte 2027"), ("2025-09-01", "Vänortsmöte")):
        data = {"date": date, "kind": "visit", "participants": "KSO", "agreed": agreed}
        response = client.post(url, data)
        assert response.status_code == 302

    # Before: one date field, overwritten each time.
    assert halden.political_contacts.count() == 2
    halden.refresh_from_db()
    assert halden.last_political_contact == datetime.date(2026, 2, 3)
    assert not selectors.partnership_status(halden).dormant_contact
    html = client.get(reverse("partners:partnership-detail", args=[halden.pk])).content.decode()
    assert "Ungdomsutbyte 2027" in html and "Vänortsmöte" in html
    edit = client.get(reverse("partners:partnership-edit", args=[halden.pk])).content.decode()
    assert "id_last_political_contact" not in edit  # later contacts go into the log


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_existing_dates_into_first_entries() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("partners", "0005_document_generated_storage_names")])
    old_apps = executor.loader.project_state(
        [("partners", "0005_document_generated_storage_names")]
    ).apps
    OldPartner = old_apps.get_model("partners", "Partner")  # noqa: N806
    OldPartnership = old_apps.get_model("partners", "Partnership")  # noqa: N806
    partner = OldPartner.objects.create(name="Halden", country="NO")
    OldPartnership.objects.create(partner=partner, kind="twinning", status="active",
                                  last_political_contact=datetime.date(2019, 5, 20))  # fmt: skip
    OldPartnership.objects.create(partner=partner, kind="cooperation", status="active")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    entry = PoliticalContact.objects.get()
    assert entry.date == datetime.date(2019, 5, 20)
    assert entry.partnership == Partnership.objects.get(kind="twinning")
