"""Services of the partners app: who may write what, and the rules they keep."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from intl_portal.organisation.models import Municipality
from partners import selectors, services
from partners.models import BenefitAnalysis, NetworkReport, Partnership, SelectionAnalysis
from reports.year import report_year
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _data(partner: object, **extra: object) -> dict[str, object]:
    return {
        "partner": partner,
        "kind": Partnership.Kind.TWINNING,
        "status": Partnership.Status.ACTIVE,
        "is_published": True,
        "focus_areas": [],
        **extra,
    }


def test_contact_creates_only_a_department_contact_of_own_department(world: World) -> None:
    partner = factories.PartnerFactory()

    partnership = services.partnership_create(
        user=world.contact, data=_data(partner, department=world.other_department)
    )

    assert partnership.kind == Partnership.Kind.DEPARTMENT
    assert partnership.department == world.own_department
    assert partnership.is_published is False


def test_council_member_cannot_create_a_partnership(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.partnership_create(user=world.council, data=_data(factories.PartnerFactory()))


def test_contact_cannot_edit_a_twinning_agreement(world: World) -> None:
    partnership = factories.PartnershipFactory(department=world.own_department)
    with pytest.raises(PermissionDenied):
        services.partnership_update(
            partnership=partnership, user=world.contact, data={"description": "x"}
        )


def test_contact_cannot_edit_other_department_contact(world: World) -> None:
    partnership = factories.PartnershipFactory(
        kind=Partnership.Kind.DEPARTMENT, department=world.other_department
    )
    with pytest.raises(PermissionDenied):
        services.partnership_update(
            partnership=partnership, user=world.contact, data={"description": "x"}
        )


def test_ending_a_partnership_needs_the_ending_decision(world: World) -> None:
    partnership = factories.PartnershipFactory()
    with pytest.raises(ValidationError) as exc:
        services.partnership_update(
            partnership=partnership,
            user=world.coordinator,
            data={"status": Partnership.Status.ENDED},
        )
    assert "ended_decision_date" in exc.value.error_dict


def test_evaluation_is_recorded_with_its_author(world: World) -> None:
    partnership = factories.PartnershipFactory()
    evaluation = services.evaluation_create(
        partnership=partnership,
        user=world.coordinator,
        data={
            "date": datetime.date(2026, 3, 1),
            "benefit": "Utbyte inom äldreomsorg",
            "conclusion": "Fortsätt",
            "next_step": "Möte i maj",
        },
    )
    assert evaluation.author == world.coordinator
    assert evaluation.history.count() == 1


def test_only_one_benefit_analysis_per_membership_and_year(world: World) -> None:
    membership = factories.NetworkMembershipFactory()
    data = {
        "year": 2025,
        "quality": 4,
        "influence": 2,
        "participation": 3,
        "utilisation": 3,
        "recommendation": BenefitAnalysis.Recommendation.KEEP,
    }
    services.benefit_analysis_save(membership=membership, user=world.coordinator, data=data)
    with pytest.raises(ValidationError):
        services.benefit_analysis_save(membership=membership, user=world.coordinator, data=data)


def test_benefit_scores_must_be_between_one_and_five(world: World) -> None:
    with pytest.raises(ValidationError):
        services.benefit_analysis_save(
            membership=factories.NetworkMembershipFactory(),
            user=world.coordinator,
            data={
                "year": 2025,
                "quality": 6,
                "influence": 2,
                "participation": 3,
                "utilisation": 0,
                "recommendation": "keep",
            },
        )


def test_contact_cannot_write_a_benefit_analysis(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.benefit_analysis_save(
            membership=factories.NetworkMembershipFactory(), user=world.contact, data={}
        )


def test_representative_reports_on_own_network_only(world: World) -> None:
    own = factories.NetworkMembershipFactory()
    own.representatives.add(world.contact)
    other = factories.NetworkMembershipFactory()
    data = {"date": datetime.date(2026, 2, 1), "title": "Årsmöte", "text": "Nya projektidéer."}

    report = services.network_report_create(membership=own, user=world.contact, data=data)

    assert NetworkReport.objects.get() == report
    with pytest.raises(PermissionDenied):
        services.network_report_create(membership=other, user=world.contact, data=data)


def test_benefit_trend_compares_each_year_with_the_one_before(world: World) -> None:
    membership = factories.NetworkMembershipFactory()
    for year, score, rec in ((2023, 3, "keep"), (2024, 4, "keep"), (2025, 2, "review")):
        BenefitAnalysis.objects.create(
            membership=membership,
            year=year,
            quality=score,
            influence=score,
            participation=score,
            utilisation=score,
            recommendation=rec,
        )
    trend = selectors.benefit_trend(list(membership.analyses.all()))
    assert [row["change"] for row in trend] == ["first", "up", "down"]
    assert [row["total"] for row in trend] == [12, 16, 8]


def test_selection_analysis_decision_needs_a_date(world: World) -> None:
    data = {
        "title": "Tartu",
        "partner": factories.PartnerFactory(country="EE"),
        "purpose_and_goals": "Syfte",
        "grounds_for_choice": "Grund",
        "expected_benefit": "Nytta",
        "risk_environment": "Miljö",
        "risk_security": "Säkerhet",
        "risk_democracy": "Demokrati",
        "sources": "UD:s MR-rapport",
        "decision": SelectionAnalysis.Decision.APPROVED,
        "decision_date": None,
    }
    with pytest.raises(ValidationError):
        services.selection_analysis_save(user=world.coordinator, data=data)
    data["decision_date"] = datetime.date(2026, 4, 1)
    assert services.selection_analysis_save(user=world.coordinator, data=data).pk


# --- Dormancy -------------------------------------------------------------------------------


def test_partnership_without_contact_for_longer_than_configured_is_flagged(world: World) -> None:
    today = datetime.date(2026, 6, 1)
    cutoff = selectors.dormancy_cutoff(today=today, years=3)
    old = factories.PartnershipFactory(last_political_contact=datetime.date(2022, 1, 1))
    recent_activity = factories.PartnershipFactory(
        last_political_contact=datetime.date(2020, 1, 1), last_activity=datetime.date(2025, 5, 1)
    )
    never_old = factories.PartnershipFactory(since_year=1990)
    never_new = factories.PartnershipFactory(since_year=2025)
    ended = factories.PartnershipFactory(
        status=Partnership.Status.ENDED, last_political_contact=datetime.date(2001, 1, 1)
    )

    flagged = set(
        selectors.with_dormancy(Partnership.objects.all(), cutoff=cutoff)
        .filter(dormancy_flag=True)
        .values_list("pk", flat=True)
    )

    assert flagged == {old.pk, never_old.pk}
    assert recent_activity.pk not in flagged and never_new.pk not in flagged
    assert ended.pk not in flagged


def test_dormancy_follows_the_municipality_setting(world: World) -> None:
    partnership = factories.PartnershipFactory(last_activity=datetime.date(2022, 1, 1))
    municipality = Municipality.current()
    today = datetime.date(2026, 6, 1)
    municipality.dormancy_years = 5
    municipality.save()
    cutoff = selectors.dormancy_cutoff(today=today)
    qs = selectors.with_dormancy(Partnership.objects.filter(pk=partnership.pk), cutoff=cutoff)
    assert qs.get().dormancy_flag is False
    cutoff = selectors.dormancy_cutoff(today=today, years=2)
    qs = selectors.with_dormancy(Partnership.objects.filter(pk=partnership.pk), cutoff=cutoff)
    assert qs.get().dormancy_flag is True


def test_report_data_carries_the_dormancy_flag(world: World) -> None:
    factories.PartnershipFactory(last_political_contact=datetime.date(2001, 1, 1))
    partnerships = report_year(year=2026).partnerships
    assert [p.dormancy_flag for p in partnerships] == [True]


def test_seed_demo_fills_the_partner_registry_in_depth() -> None:
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    assert BenefitAnalysis.objects.filter(membership__name="West Sweden").count() == 3
    assert Partnership.objects.get(partner__name="Ringsted").evaluations.count() == 2
    assert SelectionAnalysis.objects.filter(partner__name="Kuressaare").count() == 1
    dormant = selectors.dormant_partnerships(cutoff=datetime.date(2023, 1, 1))
    assert [p.partner.name for p in dormant] == ["Halden"]
