"""`manage.py seed_demo`: Skövde's facts from the strategy documents, safe to run again."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from actionplans.models import ActionPlan
from intl_portal.organisation.models import FocusArea, Municipality, Role, User
from partners.models import NetworkMembership, Partner, Partnership, TwinTownMeeting
from projects.models import Project

pytestmark = pytest.mark.django_db

PORTAL_APPS = ("organisation", "partners", "projects", "actionplans", "funding")


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    """Rows of every model of the portal's apps, audit history included."""
    return {
        model._meta.label: model._default_manager.count()
        for app_label in PORTAL_APPS
        for model in apps.get_app_config(app_label).get_models()
    }


@pytest.fixture
def seeded() -> None:
    _seed()


def test_seed_demo_twice_gives_the_same_rows() -> None:
    assert "Demo data ready (small)." in _seed()
    first = _row_counts()

    _seed()

    assert _row_counts() == first
    assert first["projects.Project"] == 4  # three demo projects and an idea from a call
    assert first["funding.Call"] == 11
    assert first["actionplans.Goal"] == 3
    assert first["organisation.Municipality"] == 1


def test_seed_demo_keeps_data_a_user_changed(seeded: None) -> None:
    plan = ActionPlan.objects.get(year=2026)
    plan.title = "Reviderad handlingsplan 2026"
    plan.save()

    _seed()

    plan.refresh_from_db()
    assert plan.title == "Reviderad handlingsplan 2026"


@pytest.mark.usefixtures("seeded")
def test_seed_demo_is_skovde_with_its_two_focus_areas() -> None:
    assert Municipality.current().name == "Skövde kommun"
    assert set(FocusArea.objects.values_list("name", flat=True)) == {
        "Hållbar regional utveckling",
        "Ungdomars delaktighet och lärande",
    }


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    ("name", "country", "kind", "since"),
    [
        ("Ringsted", "DK", Partnership.Kind.TWINNING, None),
        ("Vammala", "FI", Partnership.Kind.TWINNING, None),
        ("Halden", "NO", Partnership.Kind.TWINNING, None),
        ("South Derbyshire", "GB", Partnership.Kind.TWINNING, 1995),
        ("Kuressaare", "EE", Partnership.Kind.COOPERATION, 1993),
    ],
)
def test_seed_demo_has_skovdes_partners(
    name: str, country: str, kind: str, since: int | None
) -> None:
    partner = Partner.objects.get(name=name)
    assert partner.country.code == country
    partnership = Partnership.objects.get(partner=partner)
    assert partnership.kind == kind
    assert partnership.since_year == since
    assert partnership.status == Partnership.Status.ACTIVE


@pytest.mark.usefixtures("seeded")
def test_seed_demo_has_exactly_the_five_partners() -> None:
    assert Partner.objects.filter(partnerships__isnull=False).distinct().count() == 5
    assert Partnership.objects.filter(kind=Partnership.Kind.TWINNING).count() == 4
    # The other partners are SERN members' cities in Emilia-Romagna, shown on the map.
    others = Partner.objects.filter(partnerships__isnull=True)
    assert sorted(others.values_list("name", flat=True)) == ["Bologna", "Modena", "Reggio Emilia"]
    assert all(p.network_memberships.filter(name__contains="SERN").exists() for p in others)
    assert not Partner.objects.filter(latitude__isnull=True).exists()


@pytest.mark.usefixtures("seeded")
def test_seed_demo_has_the_nordic_meeting_rotation_2007_to_2013() -> None:
    rotation = [
        (m.year, m.theme, m.host.name if m.host else None)
        for m in TwinTownMeeting.objects.select_related("host").order_by("year")
    ]

    assert rotation == [
        (2007, "Social omsorg", "Ringsted"),
        (2008, "Teknisk service", "Vammala"),
        (2009, "Kultur", None),
        (2010, "Utbildning", "Halden"),
        (2011, "Social omsorg", "Ringsted"),
        (2012, "Teknisk service", "Vammala"),
        (2013, "Kultur", None),
    ]


@pytest.mark.usefixtures("seeded")
def test_seed_demo_has_the_networks() -> None:
    sern = NetworkMembership.objects.get(name__contains="SERN")
    assert sern.member_since == 2005
    assert sern.scope == NetworkMembership.Scope.EUROPEAN
    eurotowns = NetworkMembership.objects.get(name="Eurotowns")
    assert eurotowns.scope == NetworkMembership.Scope.EUROPEAN
    names = set(NetworkMembership.objects.values_list("name", flat=True))
    assert {"Kommunalförbundet Skaraborg", "West Sweden", "Safe Community"} <= names
    assert NetworkMembership.objects.filter(is_active=True).count() == 7


@pytest.mark.usefixtures("seeded")
def test_seed_demo_has_one_user_per_role() -> None:
    assert User.objects.get(username="samordnare").role == Role.COORDINATOR
    contact = User.objects.get(username="kontakt.buf")
    assert contact.role == Role.CONTACT
    assert contact.department is not None
    assert User.objects.get(username="politiker").role == Role.COUNCIL
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.usefixtures("seeded")
def test_seed_demo_projects_are_in_the_bank() -> None:
    assert Project.objects.filter(status=Project.Status.APPROVED).count() == 3
    assert ActionPlan.objects.get(year=2026).status == ActionPlan.Status.ADOPTED
