"""Reads of the funding radar: the radar list, a call, the dashboard block and the figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intl_portal.organisation import policy
from projects.models import Project

from .models import Call, CallHit, CallIdea, CallInterest, CallScore, CallStatus

ACTIVE = "active"


def _status_q(status: str, today: datetime.date) -> Q:
    """On score rows: their copy of the call's last deadline, the call's opening day."""
    forthcoming = Q(call__opening_date__gt=today)
    closed = Q(deadline_key__lt=today)
    if status == CallStatus.FORTHCOMING:
        return forthcoming
    if status == CallStatus.CLOSED:
        return closed & ~forthcoming
    if status == CallStatus.OPEN:
        return ~forthcoming & ~closed
    if status == ACTIVE:
        return Q(deadline_key__gte=today)
    return Q()


def radar(
    *,
    department_id: int | None = None,
    programme_id: int | None = None,
    window_days: int | None = None,
    focus_area_id: int | None = None,
    status: str = ACTIVE,
    sort: str = "deadline",
    text: str = "",
    today: datetime.date | None = None,
) -> QuerySet[CallScore]:
    """Score rows (one per call, for a department or the municipality) with their calls."""
    today = today or timezone.localdate()
    rows = CallScore.objects.filter(department_key=department_id or 0).select_related(
        "call", "call__programme"
    )
    rows = rows.filter(_status_q(status, today))
    if programme_id:
        rows = rows.filter(call__programme_id=programme_id)
    if window_days:
        until = today + datetime.timedelta(days=window_days)
        rows = rows.filter(
            Q(call__deadline__gte=today, call__deadline__lte=until)
            | Q(call__deadline_second__gte=today, call__deadline_second__lte=until)
        )
    if focus_area_id:
        rows = rows.filter(
            Exists(CallHit.objects.filter(call_id=OuterRef("call_id"), focus_area_id=focus_area_id))
        )
    if text:
        rows = rows.filter(Q(call__title__icontains=text) | Q(call__identifier__icontains=text))
    if sort == "score":
        return rows.order_by("-score", "call_id")
    return rows.order_by("deadline_key", "call_id")


def interests_of(*, call_ids: list[int]) -> dict[int, list[CallInterest]]:
    found: dict[int, list[CallInterest]] = {}
    for interest in CallInterest.objects.filter(call_id__in=call_ids).select_related("department"):
        found.setdefault(interest.call_id, []).append(interest)
    return found


def call_detail(pk: int) -> Call:
    return Call.objects.select_related("programme").get(pk=pk)


def call_hits(*, call: Call) -> list[CallHit]:
    return list(
        CallHit.objects.filter(call=call).select_related("focus_area", "goal", "goal__department")
    )


def call_scores(*, call: Call) -> list[CallScore]:
    return list(
        CallScore.objects.filter(call=call, score__gt=0)
        .select_related("department")
        .order_by("-score", "department__name")
    )


def call_interests(*, call: Call) -> list[CallInterest]:
    return list(call.interests.select_related("department", "marked_by").order_by("department"))


def call_ideas(*, call: Call, user: Any) -> list[CallIdea]:
    """The ideas started from the call that the user may see."""
    ideas = call.ideas.select_related("project", "project__department")
    return [i for i in ideas if policy.may_see_entry(user, i.project)]


@dataclass
class DashboardCall:
    call: Call
    score: int
    words: list[str]
    mark: str


def dashboard_calls(*, user: Any, limit: int = 5) -> dict[str, Any]:
    """The best-matching open or forthcoming calls for the user's department (or the
    municipality), leaving out calls the department marked not relevant."""
    department_id = user.department_id if policy.is_contact(user) else None
    rows = radar(department_id=department_id, sort="score").filter(score__gt=0)
    if department_id is not None:
        rows = rows.exclude(
            Exists(
                CallInterest.objects.filter(
                    call_id=OuterRef("call_id"),
                    department_id=department_id,
                    mark=CallInterest.Mark.NOT_RELEVANT,
                )
            )
        )
    top = list(rows[:limit])
    marks = {}
    if department_id is not None:
        marks = dict(
            CallInterest.objects.filter(
                department_id=department_id, call_id__in=[r.call_id for r in top]
            ).values_list("call_id", "mark")
        )
    return {
        "funding_calls": [
            DashboardCall(call=r.call, score=r.score, words=r.words, mark=marks.get(r.call_id, ""))
            for r in top
        ],
        "funding_department": user.department if department_id is not None else None,
    }


APPLIED = (
    Project.Phase.APPLICATION,
    Project.Phase.GRANTED,
    Project.Phase.REJECTED,
    Project.Phase.ONGOING,
    Project.Phase.COMPLETED,
)
GRANTED = (Project.Phase.GRANTED, Project.Phase.ONGOING, Project.Phase.COMPLETED)


@dataclass
class ProgrammeFigures:
    programme: str
    watched: int
    ideas: int
    applied: int
    granted: int

    @property
    def counts(self) -> tuple[int, int, int, int]:
        return (self.watched, self.ideas, self.applied, self.granted)


def funding_figures(*, year: int) -> dict[str, Any]:
    """From call to grant, per programme, for a year: calls watched (marked interesting, with
    a deadline that year), ideas started from calls that year, and of those ideas how many
    went on to an application and how many were granted."""
    start = datetime.date(year, 1, 1)
    end = datetime.date(year, 12, 31)
    watched = (
        CallInterest.objects.filter(mark=CallInterest.Mark.INTERESTED)
        .filter(
            Q(call__deadline__range=(start, end)) | Q(call__deadline_second__range=(start, end))
        )
        .values("call__programme__name")
        .annotate(n=Count("call", distinct=True))
    )
    ideas = (
        CallIdea.objects.filter(created_at__year=year)
        .values("call__programme__name")
        .annotate(
            n=Count("pk"),
            applied=Count("pk", filter=Q(project__phase__in=APPLIED)),
            granted=Count("pk", filter=Q(project__phase__in=GRANTED)),
        )
    )
    table: dict[str, ProgrammeFigures] = {}

    def row(name: str | None) -> ProgrammeFigures:
        key = name or ""
        if key not in table:
            table[key] = ProgrammeFigures(programme=key, watched=0, ideas=0, applied=0, granted=0)
        return table[key]

    for item in watched:
        row(item["call__programme__name"]).watched = item["n"]
    for item in ideas:
        figures = row(item["call__programme__name"])
        figures.ideas, figures.applied, figures.granted = (
            item["n"],
            item["applied"],
            item["granted"],
        )
    rows = sorted(table.values(), key=lambda r: (r.programme == "", r.programme))
    total = ProgrammeFigures(
        programme="",
        watched=sum(r.watched for r in rows),
        ideas=sum(r.ideas for r in rows),
        applied=sum(r.applied for r in rows),
        granted=sum(r.granted for r in rows),
    )
    return {"year": year, "rows": rows, "total": total}


@dataclass
class CalendarItem:
    date: datetime.date
    title: str
    kind: str
    department: str
    url: str
    uid: str
    description: str


def deadline_items(*, user: Any, first: datetime.date, last: datetime.date) -> list[CalendarItem]:
    """Calendar source (settings.CALENDAR_SOURCES): deadlines of calls within [first, last]
    that the user's department (contacts) or any department (others) marked interesting;
    coordinators see every call's deadlines."""
    calls = Call.objects.filter(
        Q(deadline__range=(first, last)) | Q(deadline_second__range=(first, last))
    ).select_related("programme")
    if policy.is_contact(user):
        calls = calls.filter(
            interests__department_id=user.department_id,
            interests__mark=CallInterest.Mark.INTERESTED,
        )
    elif not policy.is_coordinator(user):
        calls = calls.filter(interests__mark=CallInterest.Mark.INTERESTED)
    items = []
    for call in calls.distinct().prefetch_related(
        Prefetch(
            "interests",
            queryset=CallInterest.objects.filter(mark=CallInterest.Mark.INTERESTED).select_related(
                "department"
            ),
        )
    ):
        departments = ", ".join(i.department.name for i in call.interests.all())
        for number, date in enumerate(call.deadlines, start=1):
            if not first <= date <= last:
                continue
            kind = _("Sista ansökningsdag") if number == 1 else _("Sista dag steg 2")
            items.append(
                CalendarItem(
                    date=date,
                    title=call.title,
                    kind=str(kind),
                    department=departments,
                    url=reverse("funding:detail", args=[call.pk]),
                    uid=f"call-{call.pk}-{number}",
                    description=" ".join(
                        p
                        for p in (call.identifier, call.programme.name if call.programme else "")
                        if p
                    ),
                )
            )
    return sorted(items, key=lambda i: (i.date, i.title))
