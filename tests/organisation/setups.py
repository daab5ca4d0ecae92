"""Object setups for the settings area's rows of the permission matrix (see SETUPS there)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from actionplans.models import WorkingMethod
from intl_portal.organisation.models import Committee, FocusArea, Municipality, Role
from projects.models import ExchangeRate, FundingProgramme
from tests import factories
from tests.conftest import World

# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffffff7f0009fb03fd2a86e38a0000000049454e44ae426082"
)


def _logo(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    django_settings = request.getfixturevalue("settings")
    django_settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"
    municipality = Municipality.objects.order_by("pk").first()
    assert municipality is not None
    municipality.logo.save("logo.png", ContentFile(PNG))
    return {}


def _kind_object(kind: str) -> int:
    if kind == "committees":
        return Committee.objects.create(name="Tekniska nämnden").pk
    if kind == "departments":
        return factories.DepartmentFactory(name="Tekniska förvaltningen").pk
    if kind == "focus-areas":
        return FocusArea.objects.create(name="Demokrati").pk
    if kind == "working-methods":
        return WorkingMethod.objects.create(name="Omvärldsanalys").pk
    if kind == "programmes":
        return FundingProgramme.objects.get_or_create(name="LIFE")[0].pk
    return ExchangeRate.objects.create(year=2026, currency="EUR", sek_per_unit="11.2").pk


SETTINGS_KINDS = (
    "committees",
    "departments",
    "focus-areas",
    "working-methods",
    "programmes",
    "exchange-rates",
)


def _invited(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    user = factories.UserFactory(
        username="ny@kommun.se",
        email="ny@kommun.se",
        role=Role.CONTACT,
        department=world.own_department,
    )
    return {"pk": user.pk}


ORGANISATION_SETUPS = {
    "municipality_logo": _logo,
    "invited_user": _invited,
    "inactive_user": lambda world, request: {
        "pk": factories.UserFactory(username="slutat", email="s@kommun.se", is_active=False).pk
    },
    "unknown_kind": lambda world, request: {"kind": "no-such-list"},
    "unknown_kind_object": lambda world, request: {"kind": "no-such-list", "pk": 1},
    "bad_password_link": lambda world, request: {"uidb64": "MQ", "token": "set-password"},
    **{
        f"kind_{kind}": (lambda world, request, kind=kind: {"kind": kind})
        for kind in SETTINGS_KINDS
    },
    **{
        f"kind_{kind}_object": (
            lambda world, request, kind=kind: {"kind": kind, "pk": _kind_object(kind)}
        )
        for kind in SETTINGS_KINDS
    },
}
