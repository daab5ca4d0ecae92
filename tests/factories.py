"""factory_boy factories shared by every test."""

from __future__ import annotations

import datetime

import factory

from actionplans.models import ActionPlan, AnnualReport, Goal, GoalOutcome
from intl_portal.organisation.models import (
    Committee,
    Department,
    FocusArea,
    Municipality,
    Role,
    User,
)
from partners.models import NetworkMembership, Partner, Partnership
from projects.models import Activity, FundingProgramme, Project

PASSWORD = "correct-horse-battery"  # noqa: S105


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = "Skövde kommun"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Nämnd {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    abbreviation = factory.Sequence(lambda n: f"F{n}")
    committee = factory.SubFactory(CommitteeFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.COUNCIL
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Fokusområde {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partnerstad {n}")
    country = "DK"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    partner = factory.SubFactory(PartnerFactory)
    kind = Partnership.Kind.TWINNING
    status = Partnership.Status.ACTIVE


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    name = factory.Sequence(lambda n: f"Nätverk {n}")
    scope = NetworkMembership.Scope.EUROPEAN


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme
        django_get_or_create = ("name",)

    name = "Erasmus+"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Projekt {n}")
    department = factory.SubFactory(DepartmentFactory)
    programme = factory.SubFactory(FundingProgrammeFactory)
    phase = Project.Phase.ONGOING
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2027, 12, 31)
    budget_total = 1_000_000
    grant_amount = 800_000
    own_contribution = 200_000
    cofinancing_eu = True
    cofinancing_nordic = True
    cofinancing_sida = False
    status = Project.Status.DRAFT


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan
        django_get_or_create = ("year",)

    year = 2026


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(ActionPlanFactory)
    focus_area = factory.SubFactory(FocusAreaFactory)
    department = factory.SubFactory(DepartmentFactory)
    description = factory.Sequence(lambda n: f"Mål nummer {n}")
    indicator = "Antal utbyten"
    unit = "st"
    baseline = 10
    target = 20


class GoalOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalOutcome

    goal = factory.SubFactory(GoalFactory)
    value = 15
    status = GoalOutcome.Status.PARTLY


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    year = 2026


# --- Action plans: department plans, follow-up rounds, governing documents (issue 5) --------


class DepartmentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.DepartmentPlan"
        django_get_or_create = ("plan", "department")

    plan = factory.SubFactory(ActionPlanFactory)
    department = factory.SubFactory(DepartmentFactory)


class FollowUpRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.FollowUpRound"
        django_get_or_create = ("plan",)

    plan = factory.SubFactory(ActionPlanFactory, status=ActionPlan.Status.ADOPTED)
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))


class FollowUpPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.FollowUpPart"
        django_get_or_create = ("round", "department")

    round = factory.SubFactory(FollowUpRoundFactory)
    department = factory.SubFactory(DepartmentFactory)


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actionplans.Strategy"

    kind = "program"
    title = factory.Sequence(lambda n: f"Strategi för internationell utveckling {n}")
    adopted_by = "Kommunfullmäktige"
    adopted_on = datetime.date(2024, 3, 1)
    revision_due = datetime.date(2028, 3, 1)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = Activity.Kind.STUDY_VISIT
    title = factory.Sequence(lambda n: f"Studiebesök {n}")
    department = factory.SubFactory(DepartmentFactory)
    start_date = datetime.date(2026, 5, 9)
    place = "Köpenhamn"
    country = "DK"
    status = Activity.Status.DRAFT
