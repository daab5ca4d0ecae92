"""Issue 33: erasure reaches every column that can hold a person's name, history included, and
a daily retention job (gallring) empties personal data a set time after a relationship ended."""

from __future__ import annotations

import datetime

import pytest
from celery.schedules import crontab
from django.test import Client
from django.urls import reverse

from intl_portal.celery import app
from intl_portal.organisation import personal_data
from intl_portal.organisation.models import AccessibilityReport, Municipality, User
from intl_portal.organisation.tasks import RETENTION_TASK
from partners import personal_data as people
from partners.models import ContactPerson, Partnership, PoliticalContact, TwinTownProposal
from projects.models import Activity, Project
from tests import factories
from tests.conftest import World
from tests.stored_text import columns_where, postgresql, text_columns

pytestmark = pytest.mark.django_db

NAME = "Birgitta Lundqvist"
EMAIL = "birgitta.lundqvist@example.se"


def text_columns_containing(needle: str) -> list[str]:
    """Every text column of every table (historical tables too) that still holds `needle`."""
    condition = "{column}::text ILIKE %s" if postgresql() else "{column} LIKE %s"
    return columns_where(text_columns(with_json=True), condition, f"%{needle}%")


def _everywhere(world: World) -> None:
    """The person in every place a name or address is stored, each with history rows."""
    partnership = factories.PartnershipFactory(political_contact=f"KF:s ordförande {NAME}")
    partnership.political_contact = NAME  # a second historical row
    partnership.save()
    contact = ContactPerson.objects.create(partnership=partnership, name=NAME, email=EMAIL)
    contact.phone = "+46 500 1234"
    contact.save()
    PoliticalContact.objects.create(
        partnership=partnership,
        date=datetime.date(2026, 3, 1),
        participants=f"{NAME} och borgmästaren",
        agreed=f"{NAME} skickar inbjudan.",
    )
    TwinTownProposal.objects.create(
        proposer_kind="resident", proposer_name=NAME, proposer_email=EMAIL,
        town="Roskilde", country="DK", motivation="Vänskap",
    )  # fmt: skip
    project = factories.ProjectFactory(project_lead=NAME)
    project.project_lead = f"{NAME} (BUF)"
    project.save()
    factories.ActivityFactory(participants_note=f"{NAME} och två rektorer")
    AccessibilityReport.objects.create(description=f"Jag heter {NAME}.", email=EMAIL)
    user = factories.UserFactory(
        username="birgitta", first_name="Birgitta", last_name="Lundqvist", email=EMAIL
    )
    user.department = world.own_department
    user.save()
    factories.NetworkMembershipFactory(name="Eurocities").representatives.add(user)


def test_erasing_a_person_leaves_the_name_in_no_column_of_any_table(
    world: World, client: Client
) -> None:
    _everywhere(world)
    assert len(text_columns_containing("Lundqvist")) >= 16  # rows and their history rows
    client.force_login(world.coordinator)

    response = client.post(
        reverse("partners:personal-data-erase"), {"q": NAME, "reason": "Begäran enligt art. 17"}
    )
    assert response.status_code == 302
    client.post(
        reverse("partners:personal-data-erase"), {"q": EMAIL, "reason": "Begäran enligt art. 17"}
    )

    assert text_columns_containing("Lundqvist") == []
    assert text_columns_containing(EMAIL) == []
    # The rest of each text stays; the account stays (its actions point at it), unusable.
    assert PoliticalContact.objects.get().participants == "[raderat] och borgmästaren"
    assert Activity.objects.get().participants_note == "[raderat] och två rektorer"
    assert Project.objects.get().project_lead == "[raderat] (BUF)"
    user = User.objects.get(pk=User.objects.get(username__startswith="raderad-").pk)
    assert not user.is_active and not user.has_usable_password()


def test_erasing_someone_unknown_is_refused(world: World) -> None:
    factories.ProjectFactory(project_lead="Karin Lind")
    with pytest.raises(Exception, match="inga uppgifter"):
        people.person_data_erase(user=world.coordinator, query="Okänd Person", reason="Begäran")
    assert Project.objects.get().project_lead == "Karin Lind"


def _ended_partnership(ended: datetime.date, name: str) -> Partnership:
    partnership = factories.PartnershipFactory(
        status=Partnership.Status.ENDED, ended_decision_date=ended, political_contact=name
    )
    ContactPerson.objects.create(partnership=partnership, name=name, email=f"{name[:4]}@x.dk")
    return partnership


def test_retention_empties_what_ended_before_the_period_and_keeps_what_is_newer(
    world: World,
) -> None:
    Municipality.objects.update(personal_data_retention_years=2)
    today = datetime.date(2026, 12, 8)
    _ended_partnership(datetime.date(2024, 12, 7), "Gammal Kontakt")
    _ended_partnership(datetime.date(2024, 12, 9), "Ny Kontakt")
    factories.PartnershipFactory(political_contact="Pågående Kontakt")  # active: never
    factories.ProjectFactory(
        project_lead="Gammal Ledare",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2023, 6, 30),
    )
    factories.ProjectFactory(
        project_lead="Ny Ledare",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2025, 6, 30),
    )

    changed = personal_data.retention_apply(today=today)

    assert changed > 0
    for gone in ("Gammal Kontakt", "Gamm@x.dk", "Gammal Ledare"):
        assert text_columns_containing(gone) == [], gone
    for kept in ("Ny Kontakt", "Ny L", "Pågående Kontakt"):
        assert text_columns_containing(kept), kept
    assert ContactPerson.objects.filter(name="[raderat]").count() == 1
    # Idempotent: the next day's run finds nothing left to change.
    assert personal_data.retention_apply(today=today) == 0


def test_no_retention_period_keeps_everything(world: World) -> None:
    Municipality.objects.update(personal_data_retention_years=None)
    _ended_partnership(datetime.date(2001, 1, 1), "Gammal Kontakt")
    assert personal_data.retention_apply() == 0
    assert text_columns_containing("Gammal Kontakt")


def test_the_retention_period_is_set_in_the_settings_and_round_trips(
    world: World, client: Client
) -> None:
    client.force_login(world.coordinator)
    url = reverse("settings:municipality")
    form = client.get(url).context["form"]
    assert "personal_data_retention_years" in form.fields
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data["personal_data_retention_years"] = "5"
    assert client.post(url, data).status_code == 302
    assert Municipality.objects.get().personal_data_retention_years == 5
    data["personal_data_retention_years"] = "0"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Ange ett antal år mellan 1 och 50." in response.content.decode()


def test_beat_runs_the_retention_job_daily() -> None:
    entries = [e for e in app.conf.beat_schedule.values() if e["task"] == RETENTION_TASK]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert isinstance(schedule, crontab)
    assert len(schedule.hour) == 1 and len(schedule.minute) == 1
    assert len(schedule.day_of_week) == 7 and len(schedule.day_of_month) == 31
    assert RETENTION_TASK in app.tasks
