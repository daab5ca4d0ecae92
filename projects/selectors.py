"""Reads of the project bank, query-count safe."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intl_portal.organisation import policy
from partners.models import TwinTownMeeting

from .models import (
    Activity,
    Attachment,
    BankFigure,
    CalendarFeed,
    ExchangeRate,
    Indicator,
    Project,
    ProjectRevision,
)


def visible_projects(*, user: Any) -> QuerySet[Project]:
    return Project.objects.select_related("department", "programme").filter(
        policy.visible_entries_q(user)
    )


def public_projects() -> QuerySet[Project]:
    """Approved, published projects that are granted or under way."""
    return (
        Project.objects.filter(
            status=Project.Status.APPROVED,
            is_published=True,
            phase__in=[Project.Phase.GRANTED, Project.Phase.ONGOING],
        )
        .select_related("department", "programme")
        .prefetch_related("partners")
        .order_by("title")
    )


def project_figures() -> dict[str, Any]:
    # To review: a submitted project, or an approved one whose proposed change waits. The
    # projects with a pending change are few, so their statuses are read first, and the counts
    # come from the bank's running totals, where a count over every project took 45 ms at
    # national scale. (The lists themselves are the dashboard's to-do, projects/todo.py.)
    pending = ProjectRevision.objects.filter(status=ProjectRevision.Status.PENDING).values_list(
        "project__status", flat=True
    )
    totals = BankFigure.objects.aggregate(
        in_bank=Sum("project_count", filter=Q(status=Project.Status.APPROVED), default=0),
        submitted=Sum("project_count", filter=Q(status=Project.Status.SUBMITTED), default=0),
        ongoing=Sum(
            "project_count",
            filter=Q(status=Project.Status.APPROVED, phase=Project.Phase.ONGOING),
            default=0,
        ),
    )
    changed = sum(status != Project.Status.SUBMITTED for status in pending)
    counts = {
        "in_bank": totals["in_bank"],
        "awaiting_review": totals["submitted"] + changed,
        "ongoing": totals["ongoing"],
    }
    return {"project_counts": counts}


# --- Kronor: the one conversion ------------------------------------------------------------


@dataclass(frozen=True)
class Sek:
    """An amount converted to kronor, or the reason it could not be.

    `value` is None when the amount itself is unknown (shown "uppgift saknas") or when no rate
    can be found (`missing_rate` then names it: "kurs saknas för EUR 2027"). Never 0 for either.
    """

    amount: Decimal | None
    currency: str
    year: int
    value: Decimal | None
    missing_rate: str = ""

    def __str__(self) -> str:
        if self.missing_rate:
            return self.missing_rate
        return "" if self.value is None else str(round(self.value))


class SekRates:
    """The yearly exchange-rate table, read once, when a currency other than kronor needs it.

    The rule (the only one): an amount of a year is converted at that year's rate; when the
    year has none, at the latest rate of an earlier year. A rate of a later year is never used,
    and an amount without a year counts as this year's.
    """

    def __init__(self) -> None:
        self._table: dict[str, dict[int, Decimal]] | None = None

    def _years(self, currency: str) -> dict[int, Decimal]:
        if self._table is None:
            table: dict[str, dict[int, Decimal]] = defaultdict(dict)
            for year, code, sek_per_unit in ExchangeRate.objects.values_list(
                "year", "currency", "sek_per_unit"
            ):
                table[code][year] = sek_per_unit
            self._table = table
        return self._table.get(currency, {})

    def rate(self, currency: str, year: int | None) -> Decimal | None:
        if currency == "SEK":
            return Decimal(1)
        year = rate_year(year)
        years = self._years(currency)
        if year in years:
            return years[year]
        earlier = [y for y in years if y < year]
        return years[max(earlier)] if earlier else None

    def convert(self, amount: Decimal | int | None, currency: str, year: int | None) -> Sek:
        year = rate_year(year)
        value = None if amount is None else Decimal(amount)
        rate = self.rate(currency, year)
        if rate is None and value != 0:
            return Sek(value, currency, year, None, missing_rate_label(currency, year))
        if value is None:
            return Sek(None, currency, year, None)
        if value == 0 or rate is None:  # nothing in any currency is nothing in kronor
            return Sek(value, currency, year, Decimal(0))
        with localcontext(prec=60):  # enough digits that no product is rounded
            return Sek(value, currency, year, value * rate)


def rate_year(year: int | None) -> int:
    """The year whose rate converts an amount: its own, or this year for one without a year."""
    return year if year else timezone.localdate().year


def missing_rate_label(currency: str, year: int) -> str:
    return _("kurs saknas för %(currency)s %(year)s") % {"currency": currency, "year": year}


def sek_rates() -> SekRates:
    """A rate table for converting many amounts with one query."""
    return SekRates()


def sek_amount(
    amount: Decimal | int | None,
    currency: str,
    year: int | None,
    *,
    rates: SekRates | None = None,
) -> Sek:
    """`amount` in `currency` of `year` in kronor: the one conversion the portal uses.

    Pass `rates` (from `sek_rates()`) when converting many amounts, so the table is read once.
    """
    return (rates or SekRates()).convert(amount, currency, year)


@dataclass
class SekTotal:
    """A sum in kronor that says what it left out: amounts without a rate are not added."""

    value: Decimal = Decimal(0)
    left_out: int = 0
    missing: list[str] = field(default_factory=list)

    def add(self, sek: Sek, *, count: int = 1) -> None:
        """Add one converted amount (or `count` amounts summed in one `sek`)."""
        if sek.missing_rate:
            if sek.amount is not None:
                self.left_out += count
                if sek.missing_rate not in self.missing:
                    self.missing.append(sek.missing_rate)
            return
        if sek.value is not None:
            with localcontext(prec=60):  # exact: no sum of products is rounded
                self.value += sek.value

    @property
    def note(self) -> str:
        """'2 belopp utan växelkurs är inte medräknade (kurs saknas för EUR 2027)', or ''."""
        if not self.left_out:
            return ""
        return ngettext(
            "%(count)s belopp utan växelkurs är inte medräknat (%(missing)s)",
            "%(count)s belopp utan växelkurs är inte medräknade (%(missing)s)",
            self.left_out,
        ) % {"count": self.left_out, "missing": ", ".join(self.missing)}


def missing_rates() -> list[str]:
    """The rates the bank's amounts need and the table lacks ("kurs saknas för EUR 2027").

    From the running totals (a few hundred rows), so cheap enough for the dashboard.
    """
    rates = sek_rates()
    needed = (
        BankFigure.objects.exclude(currency="SEK")
        .filter(project_count__gt=0)
        .values_list("currency", "start_year")
        .distinct()
        .order_by("currency", "start_year")
    )
    found: list[str] = []
    for currency, year in needed:
        label = rates.convert(1, currency, year or None).missing_rate
        if label and label not in found:
            found.append(label)
    return found


def sek_note(*totals: SekTotal) -> str:
    """One note for several sums over the same amounts' rates."""
    merged = SekTotal()
    for total in totals:
        merged.left_out = max(merged.left_out, total.left_out)
        merged.missing += [m for m in total.missing if m not in merged.missing]
    return merged.note


# The sums the bank shows (each a full pass over the list: no more than the page uses).
FIGURE_FIELDS = {
    "grant": "grant_amount",
    "own": "own_contribution",
    "in_kind": "own_contribution_in_kind",
}


# The bank's filters whose columns the running totals carry: any other filter in use (search,
# year, focus area, country) and the figures are summed over the matching projects themselves.
TOTALS_FILTERS = {"department": "department_id", "programme": "programme_id", "phase": "phase"}


def bank_figures(
    qs: QuerySet[Project], *, user: Any = None, filters: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Key figures over the bank's filtered list, in SEK by the yearly exchange-rate table.

    `qs` is the list. `filters`, when given, is the bank form's cleaned data that made `qs` from
    `user`'s visible projects; without it `qs` is summed as it is. When every filter in use is
    one the running totals carry, the figures come from those (a few hundred rows, kept exact
    by triggers, where summing 150 000 projects took 50 ms a request); otherwise the database
    sums the list's amounts per currency and start year. Either way each sum is then converted
    at the rate of its start year by `sek_amount`'s rule, exactly; sums without a rate are left
    out and counted (`left_out`, `missing_note`).
    """
    used = {name: value for name, value in (filters or {}).items() if value not in (None, "")}
    groups: Iterable[Mapping[str, Any]]  # per currency and start year: count and sums
    if filters is not None and used.keys() <= TOTALS_FILTERS.keys():
        lookups = {
            TOTALS_FILTERS[name]: getattr(value, "pk", value) for name, value in used.items()
        }
        groups = (
            BankFigure.objects.filter(policy.visible_entries_q(user), **lookups)
            .values("currency", "start_year")
            .annotate(
                count=Sum("project_count"),
                **{key: Sum(f"{key}_sum") for key in FIGURE_FIELDS},
            )
        )
    else:
        groups = (
            qs.order_by()
            .annotate(start_year=ExtractYear("start_date"))
            .values("currency", "start_year")
            .annotate(
                count=Count("pk"), **{key: Sum(field) for key, field in FIGURE_FIELDS.items()}
            )
        )
    rates = sek_rates()
    count = 0
    sums = {key: SekTotal() for key in FIGURE_FIELDS}
    for values in groups:
        group: Mapping[str, Any] = values  # its keys are FIGURE_FIELDS' names
        count += group["count"]
        year = group["start_year"] or None  # the running totals keep "no start date" as 0
        for key, total in sums.items():
            total.add(rates.convert(group[key], group["currency"], year), count=group["count"])
    return {
        "count": count,
        **{key: round(total.value) for key, total in sums.items()},
        "left_out": max(total.left_out for total in sums.values()),
        "missing_note": sek_note(*sums.values()),
    }


def project_detail(pk: int) -> Project:
    """One project with everything its page shows, in a fixed number of queries."""
    return (
        Project.objects.select_related("department", "programme", "created_by")
        .prefetch_related(
            "partners",
            "networks",
            "focus_areas",
            "sdgs",
            Prefetch("indicators", queryset=Indicator.objects.order_by("pk")),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("uploaded_by").order_by("pk"),
            ),
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("department").order_by("start_date"),
            ),
        )
        .get(pk=pk)
    )


def open_revision(project: Project) -> ProjectRevision | None:
    return (
        project.revisions.exclude(status=ProjectRevision.Status.APPROVED)
        .select_related("created_by")
        .first()
    )


def pending_revisions() -> QuerySet[ProjectRevision]:
    return ProjectRevision.objects.filter(status=ProjectRevision.Status.PENDING).select_related(
        "project", "project__department"
    )


def export_rows(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.prefetch_related("partners", "networks", "focus_areas", "sdgs")


# --- Activities ------------------------------------------------------------------------------


def visible_activities(*, user: Any) -> QuerySet[Activity]:
    return Activity.objects.select_related("department", "project").filter(
        policy.visible_entries_q(user)
    )


def calendar_feed_token(*, user: Any) -> str:
    """The user's secret iCal link token, or "" before they asked for one."""
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed.token if feed else ""


def calendar_feed_owner(*, token: str) -> Any | None:
    """The user whose iCal link this token is, or None for an unknown token."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    return feed.user if feed else None


def calendar_activities(*, user: Any, preliminary: bool = False) -> QuerySet[Activity]:
    """What a calendar shows: approved activities; with `preliminary`, also the drafts (and
    activities under review) the user may see, which the calendar marks "Preliminär"."""
    qs = visible_activities(user=user)
    return qs if preliminary else qs.filter(status=Activity.Status.APPROVED)


@dataclass(frozen=True)
class CalendarItem:
    """A dated entry from any app for the calendar and the iCal feed (portal/calendar.py)."""

    date: datetime.date
    title: str
    kind: str
    department: str
    url: str
    uid: str
    description: str


def project_date_items(
    *, user: Any, first: datetime.date, last: datetime.date
) -> list[CalendarItem]:
    """Calendar source: the start and end dates of the projects the user may see."""
    items = []
    projects = visible_projects(user=user).filter(
        Q(start_date__range=(first, last)) | Q(end_date__range=(first, last))
    )
    for project in projects:
        for kind, date, name in (
            (_("Projektstart"), project.start_date, "start"),
            (_("Projektslut"), project.end_date, "end"),
        ):
            if date and first <= date <= last:
                items.append(
                    CalendarItem(
                        date=date,
                        title=project.title,
                        kind=str(kind),
                        department=project.department.name,
                        url=reverse("projects:detail", args=[project.pk]),
                        uid=f"project-{project.pk}-{name}",
                        description=project.programme.name if project.programme else "",
                    )
                )
    return items


def calendar_entries(
    *, user: Any, first: datetime.date, last: datetime.date, preliminary: bool = False
) -> dict[str, Any]:
    """Activities that touch the period, and the twin-town meetings of its years."""
    activities = (
        calendar_activities(user=user, preliminary=preliminary)
        .filter(start_date__lte=last)
        .filter(Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first))
        .order_by("start_date", "pk")
    )
    meetings = TwinTownMeeting.objects.filter(year__range=(first.year, last.year)).select_related(
        "host"
    )
    return {"activities": activities, "meetings": meetings}


def department_programmes() -> dict[int, set[int]]:
    """The funding programmes each department has had projects in (any phase but idea)."""
    found: dict[int, set[int]] = {}
    rows = (
        Project.objects.exclude(programme=None)
        .exclude(phase=Project.Phase.IDEA)
        .values_list("department_id", "programme_id")
        .distinct()
    )
    for department_id, programme_id in rows:
        found.setdefault(department_id, set()).add(programme_id)
    return found


# --- What the action plan and the annual report ask of the project bank --------------------


def projects_of_year(year: int) -> QuerySet[Project]:
    """Approved projects running at some point during the year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Project.objects.filter(status=Project.Status.APPROVED)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=last))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .select_related("department", "programme")
        .prefetch_related("partners")
        .order_by("department__name", "title")
    )


def activities_of_year(year: int) -> list[Activity]:
    """Approved activities starting during the year, by kind and date."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return list(
        Activity.objects.filter(status=Activity.Status.APPROVED, start_date__range=(first, last))
        .select_related("department", "project")
        .order_by("kind", "start_date", "pk")
    )
