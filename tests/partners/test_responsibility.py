"""Owner and deputy (förvaltningsansvarig och ersättare) of partnerships and network memberships:
the hand-over page, its log and history, the new owner's notification, the dashboard's list."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from intl_portal.notifications.models import Notification
from intl_portal.organisation.models import Role
from partners import services
from partners.models import NetworkMembership, Partnership, ResponsibilityHandover
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _hand_over(client: Client, url: str, **values: Any) -> Any:
    """Open the hand-over page and submit it with these values changed."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode())
    data.update({name: [str(value)] for name, value in values.items()})
    return client.post(url, as_post(data))


def test_coordinator_hands_over_a_partnership(client: Client, world: World) -> None:
    partnership = factories.PartnershipFactory(partner__name="Ringsted")
    url = reverse("partners:partnership-handover", args=[partnership.pk])
    client.force_login(world.coordinator)

    response = _hand_over(
        client, url, owner=world.contact.pk, deputy=world.other_contact.pk,
        date="2026-03-01", note="Skolutbytet leds nu av BUF.",
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:partnership-detail", args=[partnership.pk])
    partnership.refresh_from_db()
    assert (partnership.owner, partnership.deputy) == (world.contact, world.other_contact)
    handover = ResponsibilityHandover.objects.get(partnership=partnership)
    assert handover.previous_owner is None and handover.owner == world.contact
    assert handover.date == datetime.date(2026, 3, 1)
    assert handover.note == "Skolutbytet leds nu av BUF."
    assert handover.created_by == world.coordinator
    assert partnership.history.latest().owner_id == world.contact.pk  # type: ignore[attr-defined]
    told = Notification.objects.get(kind="responsibility_handed_over")
    assert told.recipient == world.contact
    assert told.params["title"] == str(partnership)
    assert told.path == reverse("partners:partnership-detail", args=[partnership.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Skolutbytet leds nu av BUF." in detail
    assert "2026-03-01" in detail


def test_the_owner_hands_over_and_is_then_no_longer_allowed(client: Client, world: World) -> None:
    colleague = factories.UserFactory(
        username="kim", role=Role.CONTACT, department=world.own_department
    )
    membership = factories.NetworkMembershipFactory(name="Eurotowns", owner=world.contact)
    url = reverse("partners:membership-handover", args=[membership.pk])
    client.force_login(world.contact)

    response = _hand_over(client, url, owner=colleague.pk, note="Jag går i pension.")

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.owner == colleague
    assert ResponsibilityHandover.objects.get(membership=membership).previous_owner == world.contact
    assert client.get(url).status_code == 403
    assert Notification.objects.filter(recipient=colleague).count() == 1


@pytest.mark.parametrize("role", ["other_contact", "council"])
def test_deputy_and_council_may_not_hand_over(client: Client, world: World, role: str) -> None:
    partnership = factories.PartnershipFactory(owner=world.contact, deputy=world.other_contact)
    url = reverse("partners:partnership-handover", args=[partnership.pk])
    client.force_login(getattr(world, role))

    assert client.get(url).status_code == 403
    assert client.post(url, {"owner": getattr(world, role).pk}).status_code == 403
    partnership.refresh_from_db()
    assert partnership.owner == world.contact
    detail = client.get(reverse("partners:partnership-detail", args=[partnership.pk]))
    assert url not in detail.content.decode()


def test_owner_and_deputy_must_be_two_people_and_the_note_is_kept(
    client: Client, world: World
) -> None:
    partnership = factories.PartnershipFactory()
    url = reverse("partners:partnership-handover", args=[partnership.pk])
    client.force_login(world.coordinator)

    response = _hand_over(
        client, url, owner=world.contact.pk, deputy=world.contact.pk, note="Viktig anteckning"
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ersättaren kan inte vara samma person." in page
    assert "Viktig anteckning" in page
    assert not ResponsibilityHandover.objects.exists()


def test_a_deactivated_or_council_user_cannot_become_owner(client: Client, world: World) -> None:
    gone = factories.UserFactory(
        username="borta", role=Role.CONTACT, department=world.own_department, is_active=False
    )
    partnership = factories.PartnershipFactory()
    url = reverse("partners:partnership-handover", args=[partnership.pk])
    client.force_login(world.coordinator)

    for person in (gone, world.council):
        response = _hand_over(client, url, owner=person.pk)
        assert response.status_code == 400
        assert "Välj ett giltigt alternativ" in response.content.decode()
    with pytest.raises(ValidationError):
        services.relationship_hand_over(
            user=world.coordinator, relationship=partnership, data={"owner": world.council}
        )
    assert not ResponsibilityHandover.objects.exists()


def test_handing_over_to_the_same_people_changes_nothing(client: Client, world: World) -> None:
    partnership = factories.PartnershipFactory(owner=world.contact)
    url = reverse("partners:partnership-handover", args=[partnership.pk])
    client.force_login(world.coordinator)

    response = _hand_over(client, url)

    assert response.status_code == 400
    assert "inget ändrades" in response.content.decode()
    assert not ResponsibilityHandover.objects.exists()


def test_service_refuses_a_contact_who_is_not_the_owner(world: World) -> None:
    membership = factories.NetworkMembershipFactory()
    with pytest.raises(PermissionDenied):
        services.relationship_hand_over(
            user=world.contact, relationship=membership, data={"owner": world.contact}
        )


def test_two_coordinators_handing_over_at_once_clash(client: Client, world: World) -> None:
    partnership = factories.PartnershipFactory()
    url = reverse("partners:partnership-handover", args=[partnership.pk])
    second = factories.UserFactory(username="bo", role=Role.COORDINATOR)
    other = Client()
    client.force_login(world.coordinator)
    other.force_login(second)
    first_form = form_data(client.get(url).content.decode())
    second_form = form_data(other.get(url).content.decode())

    first_form["owner"] = [str(world.contact.pk)]
    second_form["owner"] = [str(world.other_contact.pk)]
    assert client.post(url, as_post(first_form)).status_code == 302
    clash = other.post(url, as_post(second_form))

    assert clash.status_code == 409
    partnership.refresh_from_db()
    assert partnership.owner == world.contact
    assert ResponsibilityHandover.objects.count() == 1


# --- The coordinator's dashboard --------------------------------------------------------------


def test_dashboard_lists_relationships_without_an_active_owner(
    client: Client, world: World
) -> None:
    gone = factories.UserFactory(username="borta", role=Role.CONTACT,
                                 department=world.own_department, is_active=False)  # fmt: skip
    orphan = factories.PartnershipFactory(partner__name="Ringsted")
    factories.PartnershipFactory(partner__name="Halden", owner=world.contact)
    factories.PartnershipFactory(
        partner__name="Avslutad ort", status=Partnership.Status.ENDED,
        ended_decision_date="2020-01-01",
    )  # fmt: skip
    network = factories.NetworkMembershipFactory(name="Eurotowns", owner=gone)
    factories.NetworkMembershipFactory(name="SERN", owner=world.coordinator)
    factories.NetworkMembershipFactory(name="Gammalt nätverk", is_active=False)
    client.force_login(world.coordinator)

    page = client.get(reverse("dashboard")).content.decode()

    section = page[page.index('id="unowned-heading"') :]
    section = section[: section.index("</section>")]
    assert reverse("partners:partnership-detail", args=[orphan.pk]) in section
    assert reverse("partners:membership-detail", args=[network.pk]) in section
    assert "ingen förvaltningsansvarig" in section
    assert f"{gone} är inaktiverad" in section
    for settled in ("Halden", "SERN", "Avslutad ort", "Gammalt nätverk"):
        assert settled not in section


@pytest.mark.parametrize("role", ["contact", "council"])
def test_dashboard_list_is_the_coordinators(client: Client, world: World, role: str) -> None:
    factories.PartnershipFactory(partner__name="Ringsted")
    client.force_login(getattr(world, role))

    page = client.get(reverse("dashboard")).content.decode()

    assert 'id="unowned-heading"' not in page


def test_a_membership_page_shows_owner_deputy_and_hand_overs(client: Client, world: World) -> None:
    membership: NetworkMembership = factories.NetworkMembershipFactory(
        owner=world.contact, deputy=world.other_contact
    )
    services.relationship_hand_over(
        user=world.coordinator, relationship=membership,
        data={"owner": world.other_contact, "deputy": world.contact,
              "date": datetime.date(2026, 2, 2), "note": "Byte av roller."},
    )  # fmt: skip
    client.force_login(world.council)

    page = client.get(reverse("partners:membership-detail", args=[membership.pk])).content.decode()

    assert "Förvaltningsansvarig och ersättare" in page
    assert "Byte av roller." in page
    assert f"{world.contact} → {world.other_contact}" in page
    assert reverse("partners:membership-handover", args=[membership.pk]) not in page
