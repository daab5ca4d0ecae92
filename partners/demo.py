"""Demo data for the partners app at full depth, called by `seed_demo`. Idempotent: rows are
found by their natural keys and only created when missing; nothing is overwritten."""

from __future__ import annotations

import datetime
from typing import Any

from intl_portal.organisation.models import Department, FocusArea, User

from .models import (
    BenefitAnalysis,
    ContactPerson,
    NetworkMembership,
    NetworkReport,
    Partner,
    Partnership,
    PartnershipEvaluation,
    SelectionAnalysis,
    TwinTownProposal,
)

# Skövde appendix C: the analysis weighs quality of exchanges, influence, own participation
# and utilisation. Scores per year: (quality, influence, participation, utilisation, rec).
BENEFIT_ANALYSES: dict[str, list[tuple[int, int, int, int, int, str]]] = {
    "Sweden Emilia Romagna Network (SERN)": [
        (2023, 4, 3, 4, 4, "keep"),
        (2024, 4, 3, 3, 3, "keep"),
        (2025, 3, 2, 2, 2, "review"),
    ],
    "West Sweden": [
        (2023, 4, 4, 5, 4, "keep"),
        (2024, 5, 4, 5, 4, "keep"),
        (2025, 5, 4, 5, 5, "keep"),
    ],
    "Safe Community": [
        (2023, 3, 2, 3, 3, "keep"),
        (2024, 2, 2, 2, 2, "review"),
        (2025, 2, 1, 1, 2, "leave"),
    ],
    "Eurotowns": [
        (2024, 4, 3, 3, 4, "keep"),
        (2025, 4, 3, 4, 4, "keep"),
    ],
}

EVALUATIONS = [
    (
        "Ringsted",
        datetime.date(2024, 11, 20),
        "Utbyte inom social omsorg gav idéer till hemtjänstens planering.",
        "Samarbetet ger verksamhetsnytta och bör fortsätta.",
        "Temaår social omsorg 2027 förbereds med Ringsted som värd.",
    ),
    (
        "Ringsted",
        datetime.date(2025, 11, 18),
        "Två studiebesök och ett gemensamt ungdomsutbyte.",
        "Fortsatt god nytta; ungdomsutbytet bör bli återkommande.",
        "Söka Nordplus för ungdomsutbytet 2026.",
    ),
    (
        "Kuressaare",
        datetime.date(2025, 6, 10),
        "Erfarenhetsutbyte om besöksnäring och hamnutveckling.",
        "Nyttan är begränsad till enskilda verksamheter.",
        "Pröva ett Interreg-projekt eller omvandla till kontakt på förvaltningsnivå.",
    ),
]


def seed_partner_depth(
    *, departments: dict[str, Department], partners: dict[str, Partner], areas: list[FocusArea]
) -> None:
    """Evaluations, a contact person, a dormant example, benefit analyses over several years,
    representatives' reports, a selection analysis and a resident's proposal."""
    coordinator = User.objects.filter(username="samordnare").first()
    contact = User.objects.filter(username="kontakt.kff").first()
    _twin_town_details(partners)
    _evaluations(partners, coordinator)
    _dormant_example(partners)
    _analyses(coordinator, contact)
    _selection_analysis(partners, coordinator)
    _proposal()


def _twin_town_details(partners: dict[str, Partner]) -> None:
    for partnership in Partnership.objects.filter(
        partner__in=partners.values(), political_contact=""
    ):
        # Skövde appendix B: KF is the municipality's political representative for twin towns.
        partnership.political_contact = "Kommunfullmäktiges ordförande"
        partnership.save()
    ringsted = Partnership.objects.filter(partner=partners.get("Ringsted")).first()
    if ringsted and not ringsted.contact_persons.exists():
        ContactPerson.objects.create(
            partnership=ringsted,
            name="Demo Kontaktsen",
            title="Internationell koordinator (demoperson)",
            side=ContactPerson.Side.PARTNER,
            email="demo.kontaktsen@example.dk",
        )


def _evaluations(partners: dict[str, Partner], author: User | None) -> None:
    for name, date, benefit, conclusion, next_step in EVALUATIONS:
        partnership = Partnership.objects.filter(partner=partners.get(name)).first()
        if partnership is None:
            continue
        PartnershipEvaluation.objects.get_or_create(
            partnership=partnership,
            date=date,
            defaults={
                "benefit": benefit,
                "conclusion": conclusion,
                "next_step": next_step,
                "author": author,
            },
        )


def _dormant_example(partners: dict[str, Partner]) -> None:
    """Eskilstuna's warning, as data: Halden has had no contact with its political leadership
    or any activity for years. Applied once, to the row as seed_demo first created it."""
    halden = Partnership.objects.filter(
        partner=partners.get("Halden"),
        last_political_contact=datetime.date(2025, 9, 1),
        last_activity__isnull=True,
    ).first()
    if halden:
        halden.last_political_contact = datetime.date(2019, 5, 20)
        halden.last_activity = datetime.date(2020, 9, 10)
        halden.save()


def _analyses(author: User | None, representative: User | None) -> None:
    memberships = {m.name: m for m in NetworkMembership.objects.filter(name__in=BENEFIT_ANALYSES)}
    for name, rows in BENEFIT_ANALYSES.items():
        membership = memberships.get(name)
        if membership is None:
            continue
        for year, *scores in rows:
            BenefitAnalysis.objects.get_or_create(
                membership=membership, year=year, defaults=_analysis_defaults(scores, author)
            )
    sern = memberships.get("Sweden Emilia Romagna Network (SERN)")
    if sern and representative:
        sern.representatives.add(representative)
        NetworkReport.objects.get_or_create(
            membership=sern,
            title="Årsmöte i Bologna",
            defaults={
                "date": datetime.date(2025, 10, 8),
                "text": "Kulturutbyte och ett möjligt Kreativa Europa-projekt diskuterades.",
                "author": representative,
            },
        )


def _analysis_defaults(scores: list[Any], author: User | None) -> dict[str, Any]:
    quality, influence, participation, utilisation, recommendation = scores
    return {
        "quality": quality,
        "influence": influence,
        "participation": participation,
        "utilisation": utilisation,
        "recommendation": recommendation,
        "quality_comment": "Bedömt av den internationella utvecklarfunktionen.",
        "summary": "Årlig nyttoanalys enligt strategins bilaga C.",
        "author": author,
    }


def _selection_analysis(partners: dict[str, Partner], author: User | None) -> None:
    partner = partners.get("Kuressaare")
    if partner is None:
        return
    SelectionAnalysis.objects.get_or_create(
        title="Hamn- och besöksnäringsprojekt med Kuressaare",
        defaults={
            "partner": partner,
            "purpose_and_goals": "Ett Interreg-projekt om hållbar besöksnäring; mål: två nya "
            "gemensamma besöksprodukter och utbyte mellan turistbyråerna.",
            "grounds_for_choice": "Kuressaare ligger långt framme inom hållbar småskalig "
            "turism, och en upparbetad relation (samarbetsavtal sedan 1993) kortar vägen "
            "från idé till projekt.",
            "expected_benefit": "Kompetensutveckling för besöksnäringen och extern finansiering.",
            "risk_environment": "Resor med färja och flyg; digitala möten används i första hand.",
            "risk_security": "Låg risk. Följ UD:s reseråd inför resor.",
            "risk_democracy": "Estland är en demokratisk rättsstat; inga särskilda risker.",
            "sources": "Utrikesdepartementets rapport om mänskliga rättigheter, demokrati och "
            "rättsstatens principer: Estland.",
            "author": author,
        },
    )


def _proposal() -> None:
    TwinTownProposal.objects.get_or_create(
        town="Mariehamn",
        country="AX",
        defaults={
            "proposer_kind": TwinTownProposal.ProposerKind.RESIDENT,
            "proposer_name": "Demo Invånare",
            "proposer_email": "demo.invanare@example.org",
            "motivation": "Mariehamn är en skärgårdsstad med mycket kultur- och föreningsliv.",
        },
    )
