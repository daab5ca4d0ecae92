"""Object setups for the partners rows of the permission matrix (see SETUPS there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from partners.models import (
    BenefitAnalysis,
    ContactPerson,
    Partnership,
    PartnershipDocument,
    SelectionAnalysis,
    TwinTownMeeting,
    TwinTownProposal,
)
from partners.views.public import reset_proposal_limit
from tests import factories
from tests.conftest import World


def _partnership(world: World, kind: str) -> Partnership:
    return factories.PartnershipFactory(kind=kind, department=world.own_department)


def _document(world: World, request: pytest.FixtureRequest) -> dict[str, object]:
    tmp_path: Path = request.getfixturevalue("tmp_path")
    django_settings: Any = request.getfixturevalue("settings")
    django_settings.MEDIA_ROOT = tmp_path / "media"
    document = PartnershipDocument(
        partnership=_partnership(world, Partnership.Kind.TWINNING), title="Vänortsavtal"
    )
    document.file.save("avtal.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return {"pk": document.pk}


def _contact_person(world: World, kind: str) -> dict[str, object]:
    person = ContactPerson.objects.create(
        partnership=_partnership(world, kind), name="Mette Hansen", email="mette@example.dk"
    )
    return {"pk": person.pk}


def _membership_with_representative(world: World) -> dict[str, object]:
    membership = factories.NetworkMembershipFactory()
    membership.representatives.add(world.contact)
    return {"pk": membership.pk}


def _membership_of_another_representative(world: World) -> dict[str, object]:
    """The contact represents one network; the URL names another, which the other contact
    represents."""
    _membership_with_representative(world)
    membership = factories.NetworkMembershipFactory()
    membership.representatives.add(world.other_contact)
    return {"pk": membership.pk}


def _analysis() -> dict[str, object]:
    analysis = BenefitAnalysis.objects.create(
        membership=factories.NetworkMembershipFactory(),
        year=2025,
        quality=3,
        influence=3,
        participation=3,
        utilisation=3,
        recommendation=BenefitAnalysis.Recommendation.KEEP,
    )
    return {"pk": analysis.pk}


def _selection() -> dict[str, object]:
    analysis = SelectionAnalysis.objects.create(
        title="Samarbete med Tartu",
        partner=factories.PartnerFactory(country="EE"),
        purpose_and_goals="Utbyte om digital skola.",
        grounds_for_choice="Ligger långt framme.",
        expected_benefit="Kompetensutveckling.",
        risk_environment="Resor; digitala möten först.",
        risk_security="Låg.",
        risk_democracy="Låg.",
        sources="UD:s rapport om mänskliga rättigheter, Estland.",
    )
    return {"pk": analysis.pk}


def _proposal() -> dict[str, object]:
    proposal = TwinTownProposal.objects.create(
        proposer_kind=TwinTownProposal.ProposerKind.RESIDENT,
        proposer_name="Eva Invånare",
        proposer_email="eva@example.org",
        town="Mariehamn",
        country="AX",
        motivation="Skärgård som vår.",
    )
    return {"pk": proposal.pk}


def _fresh_limit() -> dict[str, object]:
    reset_proposal_limit("127.0.0.1")
    return {}


PARTNER_SETUPS: dict[str, Any] = {
    "partner": lambda world, request: {"pk": factories.PartnerFactory().pk},
    "twinning_partnership": lambda world, request: {
        "pk": _partnership(world, Partnership.Kind.TWINNING).pk
    },
    "department_contact": lambda world, request: {
        "pk": _partnership(world, Partnership.Kind.DEPARTMENT).pk
    },
    "contact_person_of_department_contact": lambda world, request: _contact_person(
        world, Partnership.Kind.DEPARTMENT
    ),
    "contact_person_of_twinning": lambda world, request: _contact_person(
        world, Partnership.Kind.TWINNING
    ),
    "document": _document,
    "meeting": lambda world, request: {
        "pk": TwinTownMeeting.objects.create(year=2030, theme="Kultur").pk
    },
    "membership": lambda world, request: {"pk": factories.NetworkMembershipFactory().pk},
    "membership_with_representative": lambda world, request: _membership_with_representative(world),
    "membership_of_another_representative": lambda world, request: (
        _membership_of_another_representative(world)
    ),
    "benefit_analysis": lambda world, request: _analysis(),
    "selection_analysis": lambda world, request: _selection(),
    "proposal": lambda world, request: _proposal(),
    "export_csv": lambda world, request: {"fmt": "csv"},
    "export_xlsx": lambda world, request: {"fmt": "xlsx"},
    "fresh_proposal_limit": lambda world, request: _fresh_limit(),
    # Owner and deputy: the contact owns the relationship (may hand it over), the other contact
    # is its deputy (may not).
    "partnership_owned_by_contact": lambda world, request: {
        "pk": factories.PartnershipFactory(owner=world.contact, deputy=world.other_contact).pk
    },
    "membership_owned_by_contact": lambda world, request: {
        "pk": factories.NetworkMembershipFactory(owner=world.contact, deputy=world.other_contact).pk
    },
}

__all__ = ["PARTNER_SETUPS"]
