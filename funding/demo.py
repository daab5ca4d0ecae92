"""Demo calls for the funding radar (run by seed_demo in portal/management/commands).

Realistic calls of the programmes a Swedish municipality follows, with deadlines around the
day the demo is loaded; `large` adds 5 000 generated calls for the load benchmark. Safe to run
again: calls are keyed by source and id, and the large set is only added once.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from intl_portal.organisation.models import Department, FocusArea, User
from projects.models import FundingProgramme

from . import matching, services
from .models import Call, CallIdea, CallInterest, CallText, MatchKeywords

KEYWORDS = {
    "Ungdomars delaktighet och lärande": (
        "ungdom, unga, delaktighet, lärande, skola, elever, lärare, utbyte, volontär, praktik",
        "youth, young people, participation, learning, school, pupils, teachers, exchange, "
        "volunteer, mobility",
    ),
    "Hållbar regional utveckling": (
        "hållbar, regional utveckling, klimat, miljö, transport, energi, innovation, landsbygd, "
        "vänort",
        "sustainable, regional development, climate, environment, transport, energy, innovation, "
        "rural, town twinning",
    ),
}


def _d(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _calls() -> list[dict[str, Any]]:
    """(programme, fields) of the demo's realistic calls; deadlines relative to today."""
    return [
        {
            "programme_name": "Erasmus+",
            "identifier": "ERASMUS-2027-KA121-SCH",
            "title": "Erasmus+ KA1: ackreditering och mobilitet för skolelever och lärare",
            "summary": "Mobilitetsprojekt för skolor: elever och lärare på utbyte, "
            "jobbskuggning och kurser i andra Erasmus+-länder. School mobility for pupils "
            "and teachers.",
            "source": Call.Source.UHR,
            "opening_date": _d(-20),
            "deadline": _d(82),
            "currency": "EUR",
            "grant_max": Decimal(400000),
            "cofinancing_rate": Decimal(100),
            "eligible_applicants": "skolor, skolhuvudmän (kommuner), konsortier",
            "partners_abroad_required": True,
            "themes": "skola, mobilitet, lärande, school, mobility",
            "url": "https://www.utbyten.se/program/erasmus-skolsamverkan/",
        },
        {
            "programme_name": "Erasmus+",
            "identifier": "ERASMUS-2027-KA152-YOU",
            "title": "Erasmus+ KA1: ungdomsutbyten (KA152)",
            "summary": "Grupper av unga 13–30 år från minst två länder möts för ett "
            "ungdomsutbyte om delaktighet och icke-formellt lärande. Youth exchanges.",
            "source": Call.Source.UHR,
            "opening_date": _d(-20),
            "deadline": _d(82),
            "currency": "EUR",
            "grant_max": Decimal(60000),
            "cofinancing_rate": Decimal(100),
            "eligible_applicants": "kommuner, föreningar, ungdomsgrupper",
            "partners_abroad_required": True,
            "themes": "ungdom, youth, delaktighet, participation, utbyte, exchange",
            "url": "https://www.utbyten.se/program/erasmus-ungdom/",
        },
        {
            "programme_name": "Erasmus+",
            "identifier": "ERASMUS-2027-KA220-SCH",
            "title": "Erasmus+ KA2: samarbetspartnerskap inom skolområdet",
            "summary": "Skolor och kommuner i minst tre länder utvecklar undervisning, "
            "inkludering och digitalt lärande tillsammans. Cooperation partnerships in "
            "school education.",
            "source": Call.Source.UHR,
            "opening_date": _d(-20),
            "deadline": _d(118),
            "currency": "EUR",
            "grant_min": Decimal(120000),
            "grant_max": Decimal(400000),
            "cofinancing_rate": Decimal(80),
            "eligible_applicants": "skolor, kommuner, organisationer",
            "partners_abroad_required": True,
            "themes": "skola, school, inkludering, digital learning",
            "url": "https://www.utbyten.se/program/erasmus-skolsamverkan/",
        },
        {
            "programme_name": "Erasmus+",
            "identifier": "ERASMUS-2027-KA210-YOU",
            "title": "Erasmus+ KA2: småskaliga partnerskap inom ungdom",
            "summary": "Små organisationer och kommunala fritidsverksamheter samarbetar "
            "med partner i andra länder om ungdomars delaktighet. Small-scale partnerships "
            "in youth.",
            "source": Call.Source.UHR,
            "opening_date": _d(12),
            "deadline": _d(118),
            "deadline_second": _d(300),
            "deadline_model": Call.DeadlineModel.TWO_STAGE,
            "currency": "EUR",
            "grant_min": Decimal(30000),
            "grant_max": Decimal(60000),
            "cofinancing_rate": Decimal(80),
            "eligible_applicants": "föreningar, kommuner",
            "partners_abroad_required": True,
            "themes": "ungdom, youth, fritid",
            "url": "https://www.utbyten.se/program/erasmus-ungdom/",
        },
        {
            "programme_name": "Interreg",
            "identifier": "INTERREG-AURORA-2027-1",
            "title": "Interreg Aurora: utlysning för gränsöverskridande projekt",
            "summary": "Projekt i norra Sverige, Finland och Norge om innovation, hållbar "
            "regional utveckling, klimat och samiska samhällen.",
            "source": Call.Source.INTERREG,
            "opening_date": _d(-45),
            "deadline": _d(9),
            "currency": "EUR",
            "budget_total": Decimal(12000000),
            "cofinancing_rate": Decimal(65),
            "eligible_applicants": "kommuner, regioner, universitet, företag",
            "partners_abroad_required": True,
            "themes": "regional utveckling, innovation, klimat",
            "url": "https://www.interregaurora.eu/",
        },
        {
            "programme_name": "Interreg",
            "identifier": "INTERREG-OKS-2027-1",
            "title": "Interreg Öresund-Kattegat-Skagerrak: grön omställning och transport",
            "summary": "Svensk-dansk-norska projekt om hållbar transport, energi och "
            "gröna näringar i regionen.",
            "source": Call.Source.INTERREG,
            "opening_date": _d(-60),
            "deadline": _d(26),
            "currency": "EUR",
            "budget_total": Decimal(9000000),
            "cofinancing_rate": Decimal(60),
            "eligible_applicants": "offentliga aktörer, organisationer, företag",
            "partners_abroad_required": True,
            "themes": "hållbar transport, energi, sustainable, green transition",
            "url": "https://www.interreg-oks.eu/",
        },
        {
            "programme_name": "Sida/ICLD",
            "identifier": "ICLD-KP-2027",
            "title": "ICLD: kommunala partnerskap – ansökan om förstudie",
            "summary": "Svenska kommuner och regioner samarbetar med en partner i ett "
            "samarbetsland om lokal demokrati, delaktighet och hållbar utveckling.",
            "source": Call.Source.ICLD,
            "opening_date": _d(-30),
            "deadline": _d(63),
            "currency": "SEK",
            "grant_max": Decimal(450000),
            "cofinancing_rate": Decimal(100),
            "eligible_applicants": "kommuner och regioner",
            "partners_abroad_required": True,
            "themes": "lokal demokrati, delaktighet, hållbar utveckling",
            "url": "https://icld.se/kommunala-partnerskap/",
        },
        {
            "programme_name": "Nordplus",
            "identifier": "NORDPLUS-JUNIOR-2027",
            "title": "Nordplus Junior: elev- och lärarutbyten i Norden",
            "summary": "Skolor i de nordiska och baltiska länderna samarbetar med utbyten "
            "för elever och lärare och gemensamma projekt om lärande.",
            "source": Call.Source.NORDPLUS,
            "opening_date": _d(-50),
            "deadline": _d(-3),
            "currency": "EUR",
            "grant_max": Decimal(40000),
            "eligible_applicants": "skolor, förskolor",
            "partners_abroad_required": True,
            "themes": "skola, lärande, utbyte",
            "url": "https://www.nordplusonline.org/",
        },
        {
            "programme_name": "LIFE",
            "identifier": "LIFE-2027-SAP-CLIMA-CCA",
            "title": "LIFE: anpassning till ett förändrat klimat (standardprojekt)",
            "summary": "Projekt som hjälper kommuner och regioner att anpassa sig till "
            "klimatförändringar. Two-stage: concept note, then full proposal. Climate "
            "change adaptation for local authorities.",
            "source": Call.Source.EU_PORTAL,
            "opening_date": _d(-10),
            "deadline": _d(47),
            "deadline_second": _d(250),
            "deadline_model": Call.DeadlineModel.TWO_STAGE,
            "currency": "EUR",
            "budget_total": Decimal(30000000),
            "grant_max": Decimal(5000000),
            "cofinancing_rate": Decimal(60),
            "eligible_applicants": "offentliga organ, organisationer",
            "themes": "klimat, climate, adaptation, environment",
            "url": "https://cinea.ec.europa.eu/programmes/life_en",
        },
        {
            "programme_name": "CERV",
            "identifier": "CERV-2027-CITIZENS-TOWN-TT",
            "title": "CERV: vänortssamarbete (town twinning)",
            "summary": "Medborgarmöten mellan vänorter om EU:s framtid, demokrati och "
            "delaktighet. Town twinning for citizens' participation.",
            "source": Call.Source.EU_PORTAL,
            "opening_date": _d(-40),
            "deadline": _d(19),
            "currency": "EUR",
            "grant_min": Decimal(8400),
            "grant_max": Decimal(30000),
            "cofinancing_rate": Decimal(90),
            "eligible_applicants": "kommuner, vänortsföreningar",
            "partners_abroad_required": True,
            "themes": "town twinning, vänort, democracy, citizens",
            "url": "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/"
            "opportunities/topic-details/cerv-2027-citizens-town-tt",
        },
        {
            "programme_name": "Horizon Europe",
            "identifier": "HORIZON-CL5-2027-D3-H2",
            "title": "Horizon Europe: Hydrogen valleys for heavy transport",
            "summary": "Large-scale demonstration of renewable hydrogen production, storage "
            "and refuelling.",
            "source": Call.Source.EU_PORTAL,
            "opening_date": _d(-15),
            "deadline": _d(110),
            "currency": "EUR",
            "budget_total": Decimal(60000000),
            "grant_max": Decimal(20000000),
            "cofinancing_rate": Decimal(100),
            "eligible_applicants": "research organisations, companies, public bodies",
            "themes": "hydrogen, electrolysers",
            "url": "https://ec.europa.eu/info/funding-tenders/opportunities/portal/",
        },
    ]


def _keywords() -> None:
    for name, (swedish, english) in KEYWORDS.items():
        area = FocusArea.objects.filter(name=name).first()
        if area is not None:
            MatchKeywords.objects.get_or_create(
                focus_area=area, goal=None, defaults={"words_sv": swedish, "words_en": english}
            )


def _marks() -> None:
    """A school mark, a youth idea, a town-twinning watch: the demo's radar in use."""
    departments = {d.abbreviation: d for d in Department.objects.all()}
    coordinator = User.objects.filter(role="coordinator").order_by("pk").first()
    if coordinator is None or not departments:
        return
    calls = {c.identifier: c for c in Call.objects.filter(source__in=["uhr", "eu_portal", "icld"])}
    wanted = [
        ("BUF", "ERASMUS-2027-KA121-SCH", CallInterest.Mark.INTERESTED),
        ("KFF", "CERV-2027-CITIZENS-TOWN-TT", CallInterest.Mark.INTERESTED),
        ("KSK", "ICLD-KP-2027", CallInterest.Mark.INTERESTED),
        ("SST", "HORIZON-CL5-2027-D3-H2", CallInterest.Mark.NOT_RELEVANT),
    ]
    for abbreviation, identifier, mark in wanted:
        if abbreviation not in departments or identifier not in calls:
            continue
        if not CallInterest.objects.filter(
            call=calls[identifier], department=departments[abbreviation]
        ).exists():
            services.interest_mark(
                user=coordinator,
                call=calls[identifier],
                mark=mark,
                department=departments[abbreviation],
            )
    youth = calls.get("ERASMUS-2027-KA152-YOU")
    if youth is not None and "KFF" in departments and not CallIdea.objects.filter(call=youth):
        services.idea_start(user=coordinator, call=youth, department=departments["KFF"])


WORDS = [
    "youth", "school", "climate", "energy", "culture", "democracy", "digital", "health",
    "transport", "innovation", "water", "biodiversity", "inclusion", "sport", "heritage",
    "mobility", "hydrogen", "rural", "cities", "skills",
]  # fmt: skip
ACTIONS = ["partnerships", "networks", "pilots", "exchanges", "capacity building", "studies"]
LARGE_CALLS = 5000


def _large_calls() -> None:
    """5 000 generated calls (the load benchmark's radar), in bulk, once."""
    if Call.objects.filter(identifier__startswith="DEMO-").exists():
        return
    rng = random.Random(19)
    programmes = list(FundingProgramme.objects.all())
    today = timezone.localdate()
    calls = []
    for n in range(LARGE_CALLS):
        words = rng.sample(WORDS, 3)
        deadline = today + datetime.timedelta(days=rng.randint(-300, 400))
        second = deadline + datetime.timedelta(days=150) if n % 7 == 0 else None
        calls.append(
            Call(
                programme=rng.choice(programmes) if programmes else None,
                identifier=f"DEMO-{n:05d}",
                title=f"{words[0].capitalize()} and {words[1]} {rng.choice(ACTIONS)} ({n})",
                summary=f"Projects on {words[0]}, {words[1]} and {words[2]} for local and "
                "regional authorities.",
                source=Call.Source.EU_PORTAL,
                opening_date=deadline - datetime.timedelta(days=rng.randint(30, 120)),
                deadline=deadline,
                deadline_second=second,
                deadline_model="two_stage" if second else "single",
                closes_on=second or deadline,
                currency="EUR",
                grant_max=Decimal(rng.randrange(20000, 2000000, 1000)),
                themes=", ".join(words),
            )
        )
    with transaction.atomic():
        created = Call.objects.bulk_create(calls, batch_size=1000)
        CallText.objects.bulk_create(
            [CallText(call=c, document=matching.call_document(c)) for c in created],
            batch_size=1000,
        )


def seed_funding_demo(*, scale: str = "small") -> None:
    """The demo's calls, keywords and a few marks; with `large`, 5 000 more calls."""
    _keywords()
    existing = set(Call.objects.values_list("source", "identifier"))
    new = [c for c in _calls() if (c["source"], c["identifier"]) not in existing]
    services.calls_upsert(records=new)  # calls a user changed are kept
    _marks()
    if scale == "large":
        _large_calls()
    matching.calls_rematch()
