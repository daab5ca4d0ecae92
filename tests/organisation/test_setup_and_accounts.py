"""First run (setup_municipality), invitations, set-password links, password reset and
deactivation (issue 13)."""

from __future__ import annotations

import importlib
import re
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from intl_portal.organisation import services
from intl_portal.organisation.models import Department, Municipality, Role, User
from partners.models import Partner
from projects.models import FundingProgramme, Project
from tests import factories
from tests.conftest import World

LINK = re.compile(r"https?://\S+/accounts/password/\S+/")
NEW_PASSWORD = "Vänorter-och-projekt-2027"  # noqa: S105


def _link_in(text: str) -> str:
    found = LINK.search(text)
    assert found, text
    return found.group(0)


def _choose_password(client: Client, link: str, password: str = NEW_PASSWORD) -> None:
    path = "/" + link.split("/", 3)[3]
    form = client.get(path, follow=True)
    assert "Välj lösenord" in form.content.decode()
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("dashboard")


def _sign_in(client: Client, username: str, password: str) -> None:
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:3000]


def _setup(**extra: str) -> str:
    out = StringIO()
    call_command(
        "setup_municipality",
        name="Lidköpings kommun",
        coordinator_email="Samordnare@Lidkoping.se",
        stdout=out,
        **extra,
    )
    return out.getvalue()


@pytest.mark.django_db
def test_setup_municipality_makes_the_municipality_and_a_coordinator_with_a_link(
    client: Client,
) -> None:
    output = _setup(site_url="https://internationellt.lidkoping.se")

    municipality = Municipality.objects.get()
    coordinator = User.objects.get()
    assert municipality.name == "Lidköpings kommun"
    assert municipality.site_url == "https://internationellt.lidkoping.se"
    assert coordinator.email == coordinator.username == "samordnare@lidkoping.se"
    assert coordinator.role == Role.COORDINATOR
    assert not coordinator.has_usable_password()
    printed = _link_in(output)
    assert printed.startswith("https://internationellt.lidkoping.se/accounts/password/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["samordnare@lidkoping.se"]
    assert "Lidköpings kommun" in mail.outbox[0].subject
    # No demo data: no departments, partners or projects; the programmes come from the migration.
    assert not Department.objects.exists()
    assert not Partner.objects.exists()
    assert not Project.objects.exists()

    _choose_password(client, _link_in(mail.outbox[0].body))
    assert client.get(reverse("dashboard")).status_code == 200
    # The link works once.
    again = client.get("/" + printed.split("/", 3)[3], follow=True)
    assert "Länken fungerar inte längre" in again.content.decode()


@pytest.mark.django_db
def test_setup_municipality_twice_changes_nothing_and_says_so() -> None:
    _setup()
    second = _setup()

    assert "Nothing changed" in second
    assert Municipality.objects.count() == 1
    assert User.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_setup_municipality_refuses_a_bad_address() -> None:
    with pytest.raises(CommandError):
        call_command("setup_municipality", name="X", coordinator_email="inte-en-adress")
    assert not User.objects.exists()


def add_funding_programmes() -> None:
    """Run the data migration's function (the rows it made are gone after any transactional
    test flushed the database, so the test runs it itself; it is idempotent)."""
    migration = importlib.import_module(
        "projects.migrations.0007_currencies_and_funding_programmes"
    )
    migration.add_funding_programmes(django_apps, None)


@pytest.mark.django_db
def test_the_migration_adds_the_swedish_funding_programmes_once() -> None:
    add_funding_programmes()
    add_funding_programmes()
    names = list(FundingProgramme.objects.values_list("name", flat=True))

    assert len(names) == len(set(names)) >= 20
    for expected in (
        "Erasmus+",
        "Interreg Sverige-Norge",
        "Interreg Öresund-Kattegat-Skagerrak",
        "Interreg Aurora",
        "ESF+",
        "Horizon Europe",
        "Kreativa Europa",
        "CERV",
        "LIFE",
        "AMIF",
        "Nordplus",
        "Nordiska ministerrådet",
        "Sida/ICLD",
        "Annat",
    ):
        assert expected in names


def test_coordinator_invites_a_contact_who_sets_a_password_and_signs_in(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    response = client.post(
        reverse("settings:user-invite"),
        {
            "email": "Eva.Berg@Kommun.se",
            "first_name": "Eva",
            "last_name": "Berg",
            "role": Role.CONTACT,
            "department": world.own_department.pk,
        },
    )
    assert response.status_code == 302
    eva = User.objects.get(email="eva.berg@kommun.se")
    assert eva.department == world.own_department and eva.invited_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["eva.berg@kommun.se"]
    body = mail.outbox[0].body
    assert "Ditt användarnamn är eva.berg@kommun.se" in body

    contact = Client()
    _choose_password(contact, _link_in(body))
    contact.post(reverse("logout"))
    _sign_in(contact, "eva.berg@kommun.se", NEW_PASSWORD)
    listing = client.get(reverse("settings:user-list")).content.decode()
    assert "Eva Berg" in listing


def test_inviting_an_address_twice_is_refused_and_the_typed_text_kept(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    data = {"email": world.contact.email.upper(), "first_name": "Karin", "role": Role.COUNCIL}

    response = client.post(reverse("settings:user-invite"), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Det finns redan en användare med den e-postadressen." in page
    assert 'value="Karin"' in page


def test_a_contact_needs_a_department(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    response = client.post(
        reverse("settings:user-invite"), {"email": "a@kommun.se", "role": Role.CONTACT}
    )
    assert response.status_code == 400
    assert "En kontaktperson måste höra till en förvaltning." in response.content.decode()


def test_an_expired_set_password_link_is_refused(
    client: Client, world: World, settings: object
) -> None:
    settings.PASSWORD_RESET_TIMEOUT = -1  # type: ignore[attr-defined]
    link = services.portal_url(
        services.set_password_path(world.contact), base_url="http://testserver"
    )
    page = client.get("/" + link.split("/", 3)[3], follow=True).content.decode()
    assert "Länken fungerar inte längre" in page


def test_deactivating_a_user_ends_their_sessions_at_once(client: Client, world: World) -> None:
    contact = Client()
    _sign_in(contact, "karin", factories.PASSWORD)
    assert contact.get(reverse("dashboard")).status_code == 200

    client.force_login(world.coordinator)
    response = client.post(reverse("settings:user-deactivate", args=[world.contact.pk]))

    assert response.status_code == 302
    world.contact.refresh_from_db()
    assert not world.contact.is_active
    after = contact.get(reverse("dashboard"))
    assert after.status_code == 302 and after["Location"].startswith(reverse("login"))
    refused = contact.post(reverse("login"), {"username": "karin", "password": factories.PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in contact.session
    # The account's history names who closed it.
    record = world.contact.history.latest()
    assert record.history_user == world.coordinator and record.is_active is False


def test_a_coordinator_cannot_close_their_own_account_or_change_their_own_role(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    client.post(reverse("settings:user-deactivate", args=[world.coordinator.pk]))
    world.coordinator.refresh_from_db()
    assert world.coordinator.is_active

    response = client.post(
        reverse("settings:user-edit", args=[world.coordinator.pk]),
        {"first_name": "Sara", "email": "sara@example.org", "role": Role.COUNCIL},
    )
    assert response.status_code == 400
    assert "Du kan inte ändra din egen roll." in response.content.decode()


def test_coordinator_changes_role_and_department(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    response = client.post(
        reverse("settings:user-edit", args=[world.council.pk]),
        {
            "first_name": "Per",
            "last_name": "Ek",
            "email": "per@example.org",
            "role": Role.CONTACT,
            "department": world.other_department.pk,
        },
    )
    assert response.status_code == 302
    world.council.refresh_from_db()
    assert world.council.role == Role.CONTACT
    assert world.council.department == world.other_department


def test_reinvite_and_reset_link_are_mailed(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    client.post(reverse("settings:user-reinvite", args=[world.contact.pk]))
    client.post(reverse("settings:user-password-reset", args=[world.contact.pk]))

    assert [m.to for m in mail.outbox] == [[world.contact.email], [world.contact.email]]
    assert mail.outbox[1].subject == "Välj ett nytt lösenord"
    _choose_password(Client(), _link_in(mail.outbox[1].body), "Ett-annat-lösenord-99")


def test_password_reset_from_the_login_page_in_swedish(client: Client, world: World) -> None:
    login = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login and "Glömt lösenordet?" in login

    response = client.post(reverse("password_reset"), {"email": world.contact.email.upper()})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Välj ett nytt lösenord"
    assert "Länken gäller i 72 timmar" in message.body
    _choose_password(Client(), _link_in(message.body))
    world.contact.refresh_from_db()
    assert world.contact.check_password(NEW_PASSWORD)

    # An unknown address gets the same answer and no mail.
    client.post(reverse("password_reset"), {"email": "okand@example.org"})
    assert len(mail.outbox) == 1


def test_an_account_without_a_role_cannot_sign_in_with_a_password(
    client: Client, world: World
) -> None:
    factories.UserFactory(username="utan", role=Role.NONE)

    response = client.post(reverse("login"), {"username": "utan", "password": factories.PASSWORD})

    assert response.status_code == 200
    assert "ingen roll ännu" in response.content.decode()


def test_with_local_passwords_off_the_password_pages_are_gone(
    client: Client, world: World, settings: object
) -> None:
    settings.LOCAL_PASSWORDS = False  # type: ignore[attr-defined]
    assert client.get(reverse("password_reset")).status_code == 404
    page = client.get(reverse("login")).content.decode()
    assert "Glömt lösenordet?" not in page and 'name="password"' not in page
    response = client.post(reverse("login"), {"username": "karin", "password": factories.PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
