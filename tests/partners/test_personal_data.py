"""Contact persons are personal data: export everything, erase everything, log the erasure."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from partners.models import ContactPerson, ErasureLog, TwinTownProposal
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(world: World) -> ContactPerson:
    person = ContactPerson.objects.create(
        partnership=factories.PartnershipFactory(), name="Mette Hansen", email="mette@example.dk"
    )
    person.phone = "+45 1234"
    person.save()  # a second historical row
    TwinTownProposal.objects.create(
        proposer_kind="resident", proposer_name="Mette Hansen", proposer_email="mette@example.dk",
        town="Roskilde", country="DK", motivation="Vänskap",
    )  # fmt: skip
    return person


def test_coordinator_exports_current_and_historical_rows(
    world: World, client: Client, person: ContactPerson
) -> None:
    client.force_login(world.coordinator)

    response = client.get(reverse("partners:personal-data-export"), {"q": "mette@example.dk"})

    data = response.json()
    assert data["contact_persons"][0]["phone"] == "+45 1234"
    assert len(data["contact_person_history"]) == 2
    assert data["proposals"][0]["town"] == "Roskilde"
    assert response["Cache-Control"] == "no-store"


def test_erasure_removes_rows_and_history_and_logs_without_data(
    world: World, client: Client, person: ContactPerson
) -> None:
    client.force_login(world.coordinator)

    response = client.post(
        reverse("partners:personal-data-erase"),
        {"q": "Mette Hansen", "reason": "Personen begärde radering."},
    )

    assert response.status_code == 302
    assert not ContactPerson.objects.exists()
    assert not ContactPerson.history.filter(name="Mette Hansen").exists()
    assert not ContactPerson.history.filter(id=person.pk).exists()
    assert not TwinTownProposal.history.filter(proposer_email="mette@example.dk").exists()
    log = ErasureLog.objects.get()
    assert log.erased_by == world.coordinator
    assert log.reason == "Personen begärde radering."
    assert (log.rows_erased, log.history_rows_erased) == (2, 5)
    stored = " ".join(str(v) for v in ErasureLog.objects.values().get().values())
    assert "Mette" not in stored and "mette@" not in stored


def test_erasure_needs_a_reason(world: World, client: Client, person: ContactPerson) -> None:
    client.force_login(world.coordinator)
    response = client.post(reverse("partners:personal-data-erase"), {"q": "Mette Hansen"})
    assert response.status_code == 400
    assert ContactPerson.objects.exists()


def test_contact_cannot_export_personal_data(
    world: World, client: Client, person: ContactPerson
) -> None:
    client.force_login(world.contact)
    response = client.get(reverse("partners:personal-data-export"), {"q": "Mette Hansen"})
    assert response.status_code == 403
