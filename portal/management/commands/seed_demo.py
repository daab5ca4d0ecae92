"""Fill a demo municipality from the strategy documents' facts (Skövde, with Eskilstuna's
Eurotowns). Safe to run again: existing rows are kept, nothing is duplicated."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from actionplans.models import (
    ActionPlan,
    DepartmentPlan,
    FollowUpPart,
    FollowUpRound,
    Goal,
    GoalOutcome,
    PlanVersion,
    Strategy,
    WorkingMethod,
)
from actionplans.selectors import plan_snapshot
from funding.demo import seed_funding_demo
from intl_portal.organisation.models import (
    Committee,
    Department,
    FocusArea,
    Municipality,
    Role,
    SustainableDevelopmentGoal,
    User,
)
from intl_portal.organisation.sdgs import sdgs_ensure
from partners.demo import seed_partner_depth
from partners.geo import suggest_coordinates
from partners.models import (
    NetworkMembership,
    Partner,
    Partnership,
    ResponsibilityHandover,
    TwinTownMeeting,
)
from projects.models import Activity, ExchangeRate, FundingProgramme, Project
from projects.travel import fill_computed_distance

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - demo data only, printed for the first run

VISION = (
    "Skövde kommun ska vara en drivande utvecklingskraft med ett tydligt internationellt "
    "perspektiv, med inriktning på hållbar regional utveckling samt ungdomars delaktighet "
    "och lärande."
)

FOCUS_AREAS = {
    "Hållbar regional utveckling": "Miljöteknik, hållbara transporter, e-tjänster, kultur och "
    "fritid som motor i Skaraborg och Västra Götaland.",
    "Ungdomars delaktighet och lärande": "Ungdomar 13–30 år: utlandspraktik, språkassistenter, "
    "volontärtjänst och ungdomsutbyten.",
}

WORKING_METHODS = {
    "Omvärldsanalys": "Bevaka och påverka EU:s, statens och regionens processer i ett tidigt "
    "skede; analysera nyttan av medlemskap i organisationer och nätverk.",
    "Strategisk påverkan": "Delta aktivt i internationella forum och driva Skaraborgs och "
    "Skövdes frågor.",
    "Projektsamverkan": "Internationella kontakter ska leda till utvecklingsprojekt med "
    "mätbart mervärde; medfinansiering ska alltid undersökas.",
    "Värdskap": "Välkomna internationella besök och praktikanter med mervärde för verksamheten.",
}

DEPARTMENTS = [
    # (committee, abbreviation, department, abbreviation)
    ("Kommunstyrelsen", "KS", "Kommunstyrelsekontoret", "KSK"),
    ("Barn- och utbildningsnämnden", "BUN", "Barn- och utbildningsförvaltningen", "BUF"),
    ("Kultur- och fritidsnämnden", "KFN", "Kultur- och fritidsförvaltningen", "KFF"),
    ("Socialnämnden", "SN", "Socialförvaltningen", "SOC"),
    ("Tekniska nämnden", "TN", "Sektor service och teknik", "SST"),
    ("Miljö- och hälsoskyddsnämnden", "MHN", "Miljö- och hälsoskyddsförvaltningen", "MHF"),
]

PROGRAMMES = [
    "Erasmus+",
    "Interreg",
    "ESF+",
    "Horizon Europe",
    "Kreativa Europa",
    "CERV",
    "LIFE",
    "Nordplus",
    "Nordiska ministerrådet",
    "Sida/ICLD",
    "Annat",
]

PARTNERS = [
    # name, ISO country, region, kind, since, body
    ("Ringsted", "DK", "Region Sjælland", Partnership.Kind.TWINNING, None, "KF"),
    ("Vammala", "FI", "Birkaland", Partnership.Kind.TWINNING, None, "KF"),
    ("Halden", "NO", "Østfold", Partnership.Kind.TWINNING, None, "KF"),
    ("South Derbyshire", "GB", "Derbyshire", Partnership.Kind.TWINNING, 1995, "KF"),
    ("Kuressaare", "EE", "Saaremaa", Partnership.Kind.COOPERATION, 1993, "KF"),
]

# Map positions (latitude, longitude); the gazetteer lacks the smaller towns and districts.
COORDINATES = {
    "Ringsted": ("55.4426", "11.7901"),
    "Vammala": ("61.3333", "22.9000"),
    "Halden": ("59.1248", "11.3875"),
    "South Derbyshire": ("52.7740", "-1.5574"),
    "Kuressaare": ("58.2481", "22.5039"),
}

# Other members' cities shown on the partner map (SERN: Emilia-Romagna's municipalities).
NETWORK_MEMBER_CITIES = {
    "SERN": [
        ("Bologna", "IT", "Emilia-Romagna", "44.4938", "11.3387"),
        ("Modena", "IT", "Emilia-Romagna", "44.6478", "10.9254"),
        ("Reggio Emilia", "IT", "Emilia-Romagna", "44.6983", "10.6312"),
    ],
}

MEETINGS = [
    (2007, "Social omsorg", "Ringsted"),
    (2008, "Teknisk service", "Vammala"),
    (2009, "Kultur", None),
    (2010, "Utbildning", "Halden"),
    (2011, "Social omsorg", "Ringsted"),
    (2012, "Teknisk service", "Vammala"),
    (2013, "Kultur", None),
]

# Agenda 2030 tags of the demo's rows, by title, description or name: SDG numbers.
DEMO_SDGS: dict[str, dict[str, list[int]]] = {
    "projects": {
        "Unga röster i Norden": [4, 10, 16],
        "Gröna transporter i Skaraborg": [7, 11, 13],
        "Kultur utan gränser": [8, 11],
    },
    "goals": {
        "Fler elever deltar i internationellt utbyte": [4],
        "Minska utsläppen från kommunens transporter med stöd av EU-projekt": [11, 13],
        "Medfinansiering undersöks i alla nya internationella projekt": [17],
    },
    "activities": {
        "Europadagen på stadsbiblioteket": [16, 17],
        "FN-dagen i skolorna": [4, 17],
        "Studiebesök: skolgårdar i Ringsted": [4, 15],
        "Praktikant från Vammala på fritidsförvaltningen": [8],
        "Eurotowns årskonferens i Gabrovo": [11, 17],
    },
    "memberships": {
        "Kommunalförbundet Skaraborg": [8, 17],
        "Safe Community": [3, 11],
        "Sweden Emilia Romagna Network (SERN)": [4, 17],
    },
}

NETWORKS = [
    (
        "Kommunalförbundet Skaraborg",
        "regional",
        "KS",
        None,
        "Intresseorganisation för Skaraborgs 15 kommuner i strategiska utvecklingsfrågor.",
    ),
    (
        "RIN – Västra Götalandsregionens internationella nätverk",
        "regional",
        "KS",
        None,
        "Diskussionsforum för internationellt verksamma aktörer med inriktning på "
        "regional utveckling.",
    ),
    (
        "West Sweden",
        "regional",
        "KS",
        None,
        "Servicepartner i EU-frågor: projektutveckling, intressebevakning, "
        "information och utbildning.",
    ),
    (
        "Europahuset Västra Götaland",
        "regional",
        "KS",
        None,
        "Folkbildning, information och utbyte på europanivå.",
    ),
    (
        "Safe Community",
        "global",
        "KS",
        1989,
        "Globalt nätverk för skadeförebyggande arbete i lokalsamhället.",
    ),
    (
        "Sweden Emilia Romagna Network (SERN)",
        "european",
        "KS",
        2005,
        "Stärker banden mellan svenska kommuner och regionen Emilia-Romagna.",
    ),
    (
        "Eurotowns",
        "european",
        "KS",
        1997,
        "Nätverk för medelstora europeiska städer (50 000–250 000 invånare).",
    ),
]

DEMO_USERS = [
    # username, first, last, role, department abbreviation
    ("samordnare", "Sara", "Samordnare", Role.COORDINATOR, "KSK"),
    ("kontakt.buf", "Karin", "Kontakt", Role.CONTACT, "BUF"),
    ("kontakt.kff", "Kalle", "Kultur", Role.CONTACT, "KFF"),
    ("politiker", "Per", "Politiker", Role.COUNCIL, None),
]


class Command(BaseCommand):
    help = "Fill a demo municipality (Skövde) from the seed documents. Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=["small", "large"], default="small")

    @transaction.atomic
    def handle(self, *args: Any, scale: str, **options: Any) -> None:
        sdgs_ensure()
        if not Municipality.objects.exists():
            Municipality.objects.create(name="Skövde kommun", vision=VISION, dormancy_years=3)
        areas = [
            FocusArea.objects.get_or_create(name=name, defaults={"description": text})[0]
            for name, text in FOCUS_AREAS.items()
        ]
        departments = self._departments()
        self._users(departments)
        partners = self._partners(departments["KSK"])
        programmes = {
            name: FundingProgramme.objects.get_or_create(name=name, defaults={"sort_order": i})[0]
            for i, name in enumerate(PROGRAMMES)
        }
        for year in range(2016, 2027):
            ExchangeRate.objects.get_or_create(
                year=year, currency="EUR", defaults={"sek_per_unit": Decimal("11.20")}
            )
        self._networks(areas)
        seed_partner_depth(departments=departments, partners=partners, areas=areas)
        self._demo_projects(departments, partners, programmes, areas)
        strategy = self._strategy(areas)
        self._demo_plan(departments, areas)
        self._demo_activities(departments)
        if scale == "large":
            self._large(departments, partners, programmes, areas)
            self._large_activities(departments)
        self._plan_workflow(strategy)
        self._demo_sdgs()
        self._demo_owners()
        seed_funding_demo(scale=scale)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({scale})."))

    def _departments(self) -> dict[str, Department]:
        result = {}
        for committee_name, committee_abbr, name, abbr in DEPARTMENTS:
            committee, _ = Committee.objects.get_or_create(
                name=committee_name, defaults={"abbreviation": committee_abbr}
            )
            result[abbr], _ = Department.objects.get_or_create(
                name=name, defaults={"abbreviation": abbr, "committee": committee}
            )
        return result

    def _users(self, departments: dict[str, Department]) -> None:
        for username, first, last, role, dept in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "role": role,
                    "department": departments.get(dept) if dept else None,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser(
                "admin",
                "admin@example.org",
                DEMO_PASSWORD,
                role=Role.COORDINATOR,
                department=departments["KSK"],
            )

    def _partners(self, ksk: Department) -> dict[str, Partner]:
        # Read the city gazetteer into the cache now, so the partner map can place the
        # municipality itself without ever reading it during a page request.
        suggest_coordinates(name=Municipality.current().name, country="SE")
        partners = {}
        for name, country, region, kind, since, body in PARTNERS:
            latitude, longitude = COORDINATES[name]
            partner, _ = Partner.objects.get_or_create(
                name=name,
                country=country,
                defaults={"region": region, "latitude": latitude, "longitude": longitude},
            )
            partners[name] = partner
            Partnership.objects.get_or_create(
                partner=partner,
                kind=kind,
                defaults={
                    "since_year": since,
                    "decision_body": body,
                    "department": ksk,
                    "status": Partnership.Status.ACTIVE,
                    "is_published": True,
                    "last_political_contact": datetime.date(2025, 9, 1),
                },
            )
        for year, theme, host in MEETINGS:
            TwinTownMeeting.objects.get_or_create(
                year=year, defaults={"theme": theme, "host": partners.get(host) if host else None}
            )
        return partners

    def _networks(self, areas: list[FocusArea]) -> None:
        for name, scope, body, since, text in NETWORKS:
            membership, created = NetworkMembership.objects.get_or_create(
                name=name,
                defaults={
                    "scope": scope,
                    "decided_by": body,
                    "member_since": since,
                    "description": text,
                },
            )
            if created:
                membership.focus_areas.set(areas[:1])
            for key, cities in NETWORK_MEMBER_CITIES.items():
                if key in name and not membership.member_partners.exists():
                    membership.member_partners.set(
                        Partner.objects.get_or_create(
                            name=city,
                            country=country,
                            defaults={"region": region, "latitude": lat, "longitude": lon},
                        )[0]
                        for city, country, region, lat, lon in cities
                    )

    def _demo_projects(
        self,
        departments: dict[str, Department],
        partners: dict[str, Partner],
        programmes: dict[str, FundingProgramme],
        areas: list[FocusArea],
    ) -> None:
        demo = [
            (
                "Unga röster i Norden",
                "UNGNORD",
                "BUF",
                "Erasmus+",
                Project.Phase.ONGOING,
                ["Ringsted", "Halden"],
                areas[1],
                1_200_000,
                950_000,
                250_000,
                "Ungdomsutbyte om **demokrati och delaktighet** för unga 13–19 år.",
            ),
            (
                "Gröna transporter i Skaraborg",
                "GREENTRANS",
                "SST",
                "Interreg",
                Project.Phase.ONGOING,
                ["Vammala", "Kuressaare"],
                areas[0],
                4_800_000,
                3_100_000,
                1_700_000,
                "Pilot med fossilfria kommunala transporter och laddinfrastruktur.",
            ),
            (
                "Kultur utan gränser",
                "",
                "KFF",
                "Kreativa Europa",
                Project.Phase.APPLICATION,
                ["South Derbyshire"],
                areas[0],
                600_000,
                None,
                150_000,
                "Ansökan om samarbete kring lokala kulturarrangemang och besöksnäring.",
            ),
        ]
        for (
            title,
            acronym,
            dept,
            programme,
            phase,
            partner_names,
            area,
            total,
            grant,
            own,
            summary,
        ) in demo:
            project, created = Project.objects.get_or_create(
                title=title,
                defaults={
                    "acronym": acronym,
                    "department": departments[dept],
                    "programme": programmes[programme],
                    "phase": phase,
                    "start_date": datetime.date(2025, 8, 1),
                    "end_date": datetime.date(2027, 7, 31),
                    "budget_total": total,
                    "grant_amount": grant,
                    "own_contribution": own,
                    "cofinancing_eu": True,
                    "cofinancing_nordic": True,
                    "cofinancing_sida": False,
                    "summary": summary,
                    "status": Project.Status.APPROVED,
                    "is_published": phase == Project.Phase.ONGOING,
                    "target_groups": "Ungdomar 13–30 år" if area == areas[1] else "",
                },
            )
            if created:
                project.partners.set([partners[n] for n in partner_names])
                project.focus_areas.set([area])

    def _demo_plan(self, departments: dict[str, Department], areas: list[FocusArea]) -> None:
        plan, created = ActionPlan.objects.get_or_create(
            year=2026,
            defaults={
                "title": "Internationell handlingsplan 2026",
                "status": ActionPlan.Status.ADOPTED,
            },
        )
        if not created:
            return
        goals = [
            (
                areas[1],
                "BUF",
                "Fler elever deltar i internationellt utbyte",
                "Antal elever på utbyte",
                "elever",
                40,
                60,
                52,
                GoalOutcome.Status.PARTLY,
            ),
            (
                areas[0],
                "SST",
                "Minska utsläppen från kommunens transporter med stöd av EU-projekt",
                "Andel fossilfria fordon",
                "%",
                35,
                50,
                51,
                GoalOutcome.Status.ACHIEVED,
            ),
            (
                areas[0],
                None,
                "Medfinansiering undersöks i alla nya internationella projekt",
                "Andel projekt där medfinansiering undersökts",
                "%",
                70,
                100,
                None,
                None,
            ),
        ]
        for area, dept, text, indicator, unit, baseline, target, value, status in goals:
            goal = Goal.objects.create(
                plan=plan,
                focus_area=area,
                department=departments.get(dept) if dept else None,
                description=text,
                indicator=indicator,
                unit=unit,
                baseline=baseline,
                target=target,
            )
            if value is not None and status is not None:
                GoalOutcome.objects.create(
                    goal=goal,
                    value=value,
                    status=status,
                    comment="Rapporterat i uppföljningen 2026.",
                )

    def _strategy(self, areas: list[FocusArea]) -> Strategy:
        """Skövde's strategy with its two focus areas and four working methods."""
        methods = [
            WorkingMethod.objects.get_or_create(name=name, defaults={"description": text})[0]
            for name, text in WORKING_METHODS.items()
        ]
        strategy, created = Strategy.objects.get_or_create(
            title="Strategi för internationell utveckling",
            defaults={
                "kind": Strategy.Kind.PROGRAM,
                "adopted_by": "Kommunfullmäktige",
                "adopted_on": datetime.date(2022, 6, 20),
                "case_number": "KS 2022/0123",
                "replaces": "Skövdes internationella utvecklingsstrategi 2003–2006",
                "applies_to": "Samtliga nämnder och förvaltningar",
                "valid_from": datetime.date(2022, 7, 1),
                "owner": "Internationell utvecklare, kommunstyrelsekontoret",
                "follow_up": "Årlig handlingsplan; uppföljning i verksamhetsberättelsen till KS",
                "revision_due": datetime.date(2026, 6, 20),
            },
        )
        if created:
            strategy.focus_areas.set(areas)
            strategy.working_methods.set(methods)
        return strategy

    def _plan_workflow(self, strategy: Strategy) -> None:
        """The 2026 plan: accepted department plans, an adopted version and an open round."""
        plan = ActionPlan.objects.get(year=2026)
        if plan.strategy_id is None:
            plan.strategy = strategy
            plan.decision_body, plan.decision_paragraph = "KS", "45"
            plan.decision_date = datetime.date(2026, 2, 10)
            plan.decision_case_number = "KS 2026/0042"
            plan.save()
        department_ids = sorted(
            set(plan.goals.exclude(department=None).values_list("department_id", flat=True))
        )
        existing = set(plan.department_plans.values_list("department_id", flat=True))
        DepartmentPlan.objects.bulk_create(
            DepartmentPlan(
                plan=plan,
                department_id=dept,
                status=DepartmentPlan.Status.ACCEPTED,
                activities="Utbyten och studiebesök enligt förvaltningens plan.",
                budget=Decimal(150_000),
            )
            for dept in department_ids
            if dept not in existing
        )
        if not plan.versions.exists():
            PlanVersion.objects.create(
                plan=plan,
                number=1,
                reason="Första fastställda versionen.",
                snapshot=plan_snapshot(plan=plan),
                decision_body=plan.decision_body,
                decision_date=plan.decision_date or datetime.date(2026, 2, 10),
                decision_paragraph=plan.decision_paragraph,
                decision_case_number=plan.decision_case_number,
            )
        followup_round, _ = FollowUpRound.objects.get_or_create(
            plan=plan, defaults={"deadline": datetime.date(2027, 1, 31)}
        )
        existing = set(followup_round.parts.values_list("department_id", flat=True))
        reported = set(
            plan.goals.filter(outcome__isnull=False).values_list("department_id", flat=True)
        )
        FollowUpPart.objects.bulk_create(
            FollowUpPart(
                round=followup_round,
                department_id=dept,
                status=FollowUpPart.Status.IN_PROGRESS
                if dept in reported
                else FollowUpPart.Status.NOT_STARTED,
            )
            for dept in department_ids
            if dept not in existing
        )

    def _demo_activities(self, departments: dict[str, Department]) -> None:
        """Skövde's Europe Day and UN Day, a study visit and a hosted intern (värdskap)."""
        demo = [
            ("event", "Europadagen på stadsbiblioteket", "KSK", datetime.date(2026, 5, 9),
             "Skövde", "SE", "Aktivitet för invånarna om EU tillsammans med stadsbiblioteket."),
            ("event", "FN-dagen i skolorna", "BUF", datetime.date(2026, 10, 24), "Skövde", "SE",
             "Stöd till skolornas uppmärksammande av FN-dagen."),
            ("study_visit", "Studiebesök: skolgårdar i Ringsted", "BUF",
             datetime.date(2026, 3, 16), "Ringsted", "DK",
             "Lära av Ringsteds arbete med gröna skolgårdar."),
            ("intern", "Praktikant från Vammala på fritidsförvaltningen", "KFF",
             datetime.date(2026, 9, 1), "Skövde", "SE",
             "Värdskap: utlandspraktik för en ungdom från vänorten."),
        ]  # fmt: skip
        # How people travelled (Lidköping's travel rule and the climate figures).
        travel: dict[str, dict[str, Any]] = {
            "Studiebesök: skolgårdar i Ringsted": {
                "travel_mode": "train", "travel_from": "Skövde", "travel_to": "Ringsted",
                "participants": 4, "round_trip": True,
            },
            "FN-dagen i skolorna": {"travel_mode": "digital", "participants": 30},
        }  # fmt: skip
        for kind, title, dept, start, place, country, purpose in demo:
            Activity.objects.get_or_create(
                title=title,
                defaults={
                    "kind": kind,
                    "department": departments[dept],
                    "start_date": start,
                    "place": place,
                    "country": country,
                    "purpose": purpose,
                    "status": Activity.Status.APPROVED,
                    **travel.get(title, {}),
                },
            )
        Activity.objects.get_or_create(
            title="Eurotowns årskonferens i Gabrovo",
            defaults={
                "kind": "conference",
                "department": departments["KSK"],
                "start_date": datetime.date(2026, 6, 10),
                "place": "Gabrovo",
                "country": "BG",
                "participants": 2,
                "purpose": "Nätverkets årskonferens om medelstora städers utveckling.",
                "travel_mode": "flight",
                "travel_distance_km": 1900,
                "considered_digital": True,
                "considered_nearer": False,
                "flight_motivation": "Tåg tar två dygn i varje riktning.",
                "status": Activity.Status.APPROVED,
            },
        )
        for activity in Activity.objects.filter(
            computed_distance_km__isnull=True, travel_distance_km__isnull=True
        ).exclude(travel_from=""):
            fill_computed_distance(activity)
            if activity.computed_distance_km is not None:  # a rerun changes nothing else
                activity.save(update_fields=["computed_distance_km"])

    def _demo_sdgs(self) -> None:
        """Agenda 2030: the demo's projects, goals, activities and relationships tagged with the
        global goals they serve (only rows that carry none yet, so a rerun keeps edits)."""
        goals = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}
        tagged: list[tuple[Any, dict[str, list[int]], str]] = [
            (Project.objects.all(), DEMO_SDGS["projects"], "title"),
            (Goal.objects.all(), DEMO_SDGS["goals"], "description"),
            (Activity.objects.all(), DEMO_SDGS["activities"], "title"),
            (NetworkMembership.objects.all(), DEMO_SDGS["memberships"], "name"),
        ]
        for qs, numbers_by_text, attribute in tagged:
            for text, numbers in numbers_by_text.items():
                for row in qs.filter(**{attribute: text}, sdgs__isnull=True):
                    row.sdgs.set([goals[n] for n in numbers])
        for partnership in Partnership.objects.filter(sdgs__isnull=True):
            # Twin towns: peaceful, inclusive societies and partnership for the goals.
            partnership.sdgs.set([goals[11], goals[16], goals[17]])

    def _demo_owners(self) -> None:
        """Owner and deputy of the demo's relationships; Safe Community is left without one so
        that the coordinator's dashboard shows it; one hand-over in the log."""
        coordinator = User.objects.get(username="samordnare")
        deputy = User.objects.get(username="kontakt.kff")
        relationships: list[Partnership | NetworkMembership] = [
            *Partnership.objects.filter(owner__isnull=True, handovers__isnull=True),
            *NetworkMembership.objects.filter(owner__isnull=True, handovers__isnull=True).exclude(
                name="Safe Community"
            ),
        ]
        for relationship in relationships:
            relationship.owner, relationship.deputy = coordinator, deputy
            relationship.save(update_fields=["owner", "deputy"])
        ringsted = Partnership.objects.filter(partner__name="Ringsted").first()
        if ringsted is not None and not ResponsibilityHandover.objects.exists():
            ResponsibilityHandover.objects.create(
                partnership=ringsted,
                date=datetime.date(2026, 1, 15),
                previous_owner=User.objects.get(username="kontakt.buf"),
                owner=coordinator,
                deputy=deputy,
                note="Vänorten samordnas från kommunledningskontoret efter omorganisationen.",
                created_by=coordinator,
            )

    def _large_activities(self, departments: dict[str, Department]) -> None:
        """The benchmark fixture: 500 activities in all."""
        rng = random.Random(2027)
        all_departments = list(Department.objects.all()) or list(departments.values())
        kinds = list(Activity.Kind)
        Activity.objects.bulk_create(
            Activity(
                kind=kinds[i % len(kinds)],
                title=f"Demoaktivitet {i + 1}",
                department=rng.choice(all_departments),
                start_date=datetime.date(2017 + i % 10, 1 + i % 12, 1 + i % 28),
                place="Skövde",
                country="SE",
                participants=rng.randint(1, 60),
                status=Activity.Status.APPROVED,
            )
            for i in range(Activity.objects.count(), 500)
        )

    def _large(
        self,
        departments: dict[str, Department],
        partners: dict[str, Partner],
        programmes: dict[str, FundingProgramme],
        areas: list[FocusArea],
    ) -> None:
        """The benchmark fixture: many departments, partnerships, memberships, projects, goals."""
        rng = random.Random(2026)
        committee, _ = Committee.objects.get_or_create(name="Demonämnden", abbreviation="DN")
        all_departments = list(departments.values())
        for i in range(len(all_departments), 15):
            dept, _ = Department.objects.get_or_create(
                name=f"Förvaltning {i + 1}",
                defaults={"abbreviation": f"F{i + 1}", "committee": committee},
            )
            all_departments.append(dept)
        countries = ["DK", "FI", "NO", "DE", "PL", "EE", "LV", "LT", "IT", "ES", "FR", "NL"]
        all_partners = list(partners.values())
        for i in range(len(Partnership.objects.all()), 60):
            partner, _ = Partner.objects.get_or_create(
                name=f"Partnerstad {i + 1}", country=countries[i % len(countries)]
            )
            all_partners.append(partner)
            Partnership.objects.get_or_create(
                partner=partner,
                kind=rng.choice(list(Partnership.Kind)),
                defaults={
                    "since_year": rng.randint(1950, 2024),
                    "department": rng.choice(all_departments),
                    "status": rng.choice(list(Partnership.Status)),
                },
            )
        for i in range(NetworkMembership.objects.count(), 40):
            NetworkMembership.objects.get_or_create(
                name=f"Nätverk {i + 1}",
                defaults={
                    "scope": rng.choice(list(NetworkMembership.Scope)),
                    "member_since": rng.randint(1990, 2024),
                    "yearly_fee_sek": rng.randint(0, 200) * 1000,
                },
            )
        existing = Project.objects.count()
        programme_list = list(programmes.values())
        new_projects = []
        for i in range(existing, 400):
            start = datetime.date(2017 + i % 10, 1 + i % 12, 1)
            total = rng.randint(2, 80) * 50_000
            grant = int(total * rng.uniform(0.4, 0.85))
            new_projects.append(
                Project(
                    title=f"Demoprojekt {i + 1}",
                    department=rng.choice(all_departments),
                    programme=rng.choice(programme_list),
                    phase=rng.choice(list(Project.Phase)),
                    start_date=start,
                    end_date=start + datetime.timedelta(days=rng.randint(180, 1100)),
                    budget_total=total,
                    grant_amount=grant,
                    own_contribution=total - grant,
                    cofinancing_eu=True,
                    cofinancing_nordic=True,
                    cofinancing_sida=True,
                    status=Project.Status.APPROVED,
                    is_published=rng.random() < 0.5,
                    summary="Ett projekt i demodata för prestandamätning.",
                )
            )
        Project.objects.bulk_create(new_projects)
        for year in range(2017, 2027):
            plan, _ = ActionPlan.objects.get_or_create(year=year)
            if plan.goals.exists() and year != 2026:
                continue
            for dept in all_departments:
                if plan.goals.filter(department=dept).count() >= 8:
                    continue
                for n in range(8):
                    goal = Goal.objects.create(
                        plan=plan,
                        focus_area=areas[n % 2],
                        department=dept,
                        description=f"Mål {n + 1} för {dept.name}",
                        indicator="Antal aktiviteter",
                        unit="st",
                        baseline=rng.randint(0, 20),
                        target=rng.randint(20, 60),
                    )
                    GoalOutcome.objects.create(
                        goal=goal,
                        value=rng.randint(0, 70),
                        status=rng.choice(list(GoalOutcome.Status)),
                    )
