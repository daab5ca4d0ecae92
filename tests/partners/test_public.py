"""The public page, open data and the proposal form."""

from __future__ import annotations

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from intl_portal.lib import opendata
from partners.models import Partnership, TwinTownProposal
from partners.views.public import PROPOSAL_LIMIT, reset_proposal_limit
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world: World) -> Partnership:
    partnership = factories.PartnershipFactory(
        partner__name="Ringsted", is_published=True, political_contact="KF:s ordförande",
        case_number="KS 2020/1", department=world.own_department,
    )  # fmt: skip
    partnership.contact_persons.create(name="Mette Hansen", email="mette@example.dk")
    factories.PartnershipFactory(partner__name="Hemlig", is_published=False)
    factories.PartnershipFactory(
        partner__name="Slut", is_published=True, status=Partnership.Status.ENDED,
        ended_decision_date="2020-01-01",
    )  # fmt: skip
    return partnership


def test_public_page_lists_active_published_partnerships_only(
    published: Partnership, client: Client
) -> None:
    body = client.get(reverse("public_partnerships:public-list")).content.decode()
    assert "Ringsted" in body
    assert "Hemlig" not in body and "Slut" not in body


def test_open_data_json_has_published_fields_only(published: Partnership, client: Client) -> None:
    response = client.get("/open/partnerships.json")

    data = response.json()
    assert [row["partner"] for row in data["records"]] == ["Ringsted"]
    assert set(data["records"][0]) == set(data["fields"])
    text = response.content.decode()
    for secret in ("Mette", "mette@", "KF:s ordförande", "last_political_contact"):
        assert secret not in text
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]


def test_open_data_answers_304_when_unchanged(
    published: Partnership, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get("/open/partnerships.json")
    # A later second: the envelope's generation time differs, the data does not.
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)

    class Later(datetime.datetime):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> Later:  # type: ignore[override]
            return cls.fromtimestamp(later.timestamp(), tz)

    monkeypatch.setattr(
        opendata, "datetime", SimpleNamespace(datetime=Later, date=datetime.date, UTC=datetime.UTC)
    )
    again = client.get("/open/partnerships.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    body = client.get("/open/partnerships.json").json()
    assert body["generated_at"] != first.json()["generated_at"]


def test_open_data_etag_changes_with_the_data(published: Partnership, client: Client) -> None:
    first = client.get("/open/partnerships.json")
    Partnership.objects.filter(pk=published.pk).update(description="Ny beskrivning")
    again = client.get("/open/partnerships.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_open_data_csv(published: Partnership, client: Client) -> None:
    response = client.get("/open/partnerships.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0][:2] == ["id", "partner"]
    assert [row[1] for row in rows[1:]] == ["Ringsted"]
    assert "Mette" not in response.content.decode()


def _proposal(**extra: str) -> dict[str, str]:
    return {
        "proposer_kind": "resident",
        "proposer_name": "Eva Invånare",
        "proposer_email": "eva@example.org",
        "town": "Mariehamn",
        "country": "AX",
        "motivation": "En skärgårdskommun som vår.",
        **extra,
    }


@pytest.fixture
def fresh_limit() -> None:
    reset_proposal_limit("127.0.0.1")


def test_resident_proposal_reaches_the_coordinator(
    world: World, client: Client, fresh_limit: None
) -> None:
    response = client.post(reverse("public_partnerships:proposal-create"), _proposal())

    assert response.status_code == 302
    proposal = TwinTownProposal.objects.get()
    assert proposal.town == "Mariehamn" and proposal.status == "new"
    coordinator = Client()
    coordinator.force_login(world.coordinator)
    assert "Mariehamn" in coordinator.get(reverse("partners:proposal-list")).content.decode()
    assert "1 nytt förslag" in coordinator.get(reverse("dashboard")).content.decode()


def test_committee_proposal_names_the_committee(client: Client, fresh_limit: None) -> None:
    response = client.post(
        reverse("public_partnerships:proposal-create"), _proposal(proposer_kind="committee")
    )
    assert response.status_code == 400
    assert "Välj vilken nämnd" in response.content.decode()
    assert "Mariehamn" in response.content.decode()


def test_honeypot_stores_nothing(client: Client, fresh_limit: None) -> None:
    response = client.post(
        reverse("public_partnerships:proposal-create"), _proposal(website="http://spam")
    )
    assert response.status_code == 302
    assert not TwinTownProposal.objects.exists()


def test_a_flood_from_one_address_is_refused(client: Client, fresh_limit: None) -> None:
    url = reverse("public_partnerships:proposal-create")
    for _ in range(PROPOSAL_LIMIT):
        assert client.post(url, _proposal()).status_code == 302

    refused = client.post(url, _proposal(town="Spamby"))

    assert refused.status_code == 429
    assert "Försök igen om en stund" in refused.content.decode()
    assert "Spamby" in refused.content.decode()
    assert TwinTownProposal.objects.count() == PROPOSAL_LIMIT
    # Another address is not affected.
    other = client.post(url, _proposal(), REMOTE_ADDR="10.0.0.9")
    reset_proposal_limit("10.0.0.9")
    assert other.status_code == 302
