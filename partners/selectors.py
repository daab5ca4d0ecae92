"""Reads of the partner registry, query-count safe (a fixed number of queries per page)."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from intl_portal.organisation.models import Municipality

from .geo import suggest_coordinates
from .map import Kind as MapKind
from .map import Place
from .models import (
    BenefitAnalysis,
    ContactPerson,
    NetworkMembership,
    NetworkReport,
    Partner,
    Partnership,
    PartnershipEvaluation,
    ResponsibilityHandover,
    SelectionAnalysis,
    TwinTownMeeting,
    TwinTownProposal,
)


def dormancy_cutoff(
    *, today: datetime.date | None = None, years: int | None = None
) -> datetime.date:
    """The date before which a partnership without contact counts as dormant."""
    today = today or timezone.localdate()
    if years is None:
        years = Municipality.current().dormancy_years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def with_dormancy(qs: QuerySet[Partnership], *, cutoff: datetime.date) -> QuerySet[Partnership]:
    """Annotate `last_contact` (the later of political contact and activity) and
    `dormancy_flag`: not ended, and no contact since the cutoff (Eskilstuna)."""
    last = Greatest(
        Coalesce("last_political_contact", "last_activity"),
        Coalesce("last_activity", "last_political_contact"),
    )
    never = Q(last_contact__isnull=True) & (
        Q(since_year__isnull=True) | Q(since_year__lt=cutoff.year)
    )
    return qs.annotate(last_contact=last).annotate(
        dormancy_flag=Case(
            When(Q(status=Partnership.Status.ENDED), then=Value(False)),
            When(Q(last_contact__lt=cutoff) | never, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


@dataclass(frozen=True)
class PartnershipStatus:
    """How a partnership's status is shown everywhere: the stored status plus the computed
    dormancy ("Aktiv · vilande kontakt"). `key` is for the badge's colour only."""

    key: str
    label: str
    dormant_contact: bool

    def __str__(self) -> str:
        return self.label


def _dormant_contact(partnership: Partnership, cutoff: datetime.date | None) -> bool:
    """As `with_dormancy`'s flag, for a partnership read without that annotation."""
    flag = getattr(partnership, "dormancy_flag", None)
    if flag is not None:
        return bool(flag)
    if partnership.status == Partnership.Status.ENDED:
        return False
    cutoff = cutoff or dormancy_cutoff()
    dates = [d for d in (partnership.last_political_contact, partnership.last_activity) if d]
    if dates:
        return max(dates) < cutoff
    return partnership.since_year is None or partnership.since_year < cutoff.year


def partnership_status(
    partnership: Partnership, *, cutoff: datetime.date | None = None
) -> PartnershipStatus:
    """The one status of a partnership, for the registry, detail page, dashboard, public pages,
    open data, exports and every chapter of the report."""
    stored = Partnership.Status(partnership.status)
    dormant = _dormant_contact(partnership, cutoff)
    if stored == Partnership.Status.ACTIVE and dormant:
        label = _("%(status)s · vilande kontakt") % {"status": stored.label}
        return PartnershipStatus("dormant_contact", label, True)
    return PartnershipStatus(stored.value, str(stored.label), dormant)


def partnerships_for_list(*, cutoff: datetime.date, export: bool = False) -> QuerySet[Partnership]:
    """The registry's list; the page shows focus areas, an export the global goals too."""
    related = ("focus_areas", "sdgs") if export else ("focus_areas",)
    return with_dormancy(
        Partnership.objects.select_related("partner", "department").prefetch_related(*related),
        cutoff=cutoff,
    )


def dormant_partnerships(*, cutoff: datetime.date | None = None) -> QuerySet[Partnership]:
    """Partnerships flagged for dormancy, for the dashboard and the annual report."""
    cutoff = cutoff or dormancy_cutoff()
    return (
        with_dormancy(Partnership.objects.select_related("partner", "department"), cutoff=cutoff)
        # Annotated by with_dormancy, which the type checker's plugin cannot follow.
        .filter(dormancy_flag=True)  # type: ignore[misc]
        .order_by("partner__name", "pk")
    )


def partnership_detail(*, pk: int) -> Partnership:
    cutoff = dormancy_cutoff()
    return (
        with_dormancy(Partnership.objects.all(), cutoff=cutoff)
        .select_related("partner", "department", "owner", "deputy")
        .prefetch_related(
            "focus_areas",
            "sdgs",
            Prefetch("handovers", queryset=_handovers()),
            Prefetch("contact_persons", queryset=ContactPerson.objects.order_by("name", "pk")),
            "political_contacts",
            Prefetch("evaluations", queryset=_evaluations()),
            "documents",
            "selection_analyses",
        )
        .get(pk=pk)
    )


def _handovers() -> QuerySet[ResponsibilityHandover]:
    return ResponsibilityHandover.objects.select_related(
        "previous_owner", "owner", "previous_deputy", "deputy", "created_by"
    )


def _evaluations() -> QuerySet[PartnershipEvaluation]:
    return PartnershipEvaluation.objects.select_related("author").order_by("-date", "-pk")


def partners_for_list() -> QuerySet[Partner]:
    return Partner.objects.annotate(
        partnership_count=Count("partnerships", distinct=True),
    )


def memberships_for_list() -> QuerySet[NetworkMembership]:
    return NetworkMembership.objects.annotate(
        latest_analysis_year=Max("analyses__year"),
    ).prefetch_related("focus_areas", "sdgs", "representatives")


def membership_detail(*, pk: int) -> NetworkMembership:
    return (
        NetworkMembership.objects.select_related("owner", "deputy")
        .prefetch_related(
            "focus_areas",
            "sdgs",
            Prefetch("handovers", queryset=_handovers()),
            "representatives",
            Prefetch("analyses", queryset=BenefitAnalysis.objects.order_by("year")),
            Prefetch("reports", queryset=_reports()),
        )
        .get(pk=pk)
    )


def _reports() -> QuerySet[NetworkReport]:
    return NetworkReport.objects.select_related("author").order_by("-date", "-pk")


def benefit_trend(analyses: list[BenefitAnalysis]) -> list[dict[str, Any]]:
    """Each year's scores with the change of the total from the year before."""
    rows: list[dict[str, Any]] = []
    previous: int | None = None
    for analysis in sorted(analyses, key=lambda a: a.year):
        total = analysis.total
        if previous is None:
            change = "first"
        elif total > previous:
            change = "up"
        elif total < previous:
            change = "down"
        else:
            change = "same"
        rows.append({"analysis": analysis, "total": total, "change": change})
        previous = total
    return rows


def meeting_rotation() -> list[dict[str, Any]]:
    """Skövde's table: one row per (theme, host) with the years it falls on."""
    groups: OrderedDict[tuple[str, int | None], dict[str, Any]] = OrderedDict()
    for meeting in TwinTownMeeting.objects.select_related("host").order_by("year"):
        key = (meeting.theme, meeting.host_id)
        group = groups.setdefault(key, {"theme": meeting.theme, "host": meeting.host, "years": []})
        group["years"].append(meeting.year)
    return list(groups.values())


def selection_analyses_for_list() -> QuerySet[SelectionAnalysis]:
    return SelectionAnalysis.objects.select_related("partner", "partnership", "author")


def proposals_for_list() -> QuerySet[TwinTownProposal]:
    return TwinTownProposal.objects.select_related("committee")


def partner_named(*, name: str, country: str = "") -> Partner | None:
    """A registered partner with this name (and country, when given), if there is one."""
    qs = Partner.objects.filter(name__iexact=name.strip())
    if country:
        qs = qs.filter(country=country)
    return qs.order_by("pk").first()


def _ended_q() -> Q:
    return Q(status=Partnership.Status.ENDED)


def _public_q() -> Q:
    """What the public sees of the registry: published partnerships that have not ended."""
    return Q(is_published=True) & ~_ended_q()


def public_partnerships() -> QuerySet[Partnership]:
    """Published, not ended partnerships: what the public page and open data show (with the
    dormancy the one status needs)."""
    return (
        with_dormancy(Partnership.objects.filter(_public_q()), cutoff=dormancy_cutoff())
        .select_related("partner", "department")
        .prefetch_related("focus_areas", "sdgs")
        .order_by("partner__name", "pk")
    )


def partnership_counts() -> dict[str, int]:
    """How many partnerships there are, how many are active and how many are twin towns."""
    return Partnership.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=Partnership.Status.ACTIVE)),
        twinning=Count("pk", filter=Q(kind=Partnership.Kind.TWINNING)),
    )


def active_membership_count() -> int:
    return NetworkMembership.objects.filter(is_active=True).count()


def partner_figures() -> dict[str, Any]:
    """For the dashboard: how many partnerships are active, and which are flagged dormant."""
    dormant = list(dormant_partnerships()[:20])
    counts = partnership_counts()
    new_proposals = TwinTownProposal.objects.filter(status=TwinTownProposal.Status.NEW).count()
    return {
        "partnership_counts": counts,
        "dormant_partnerships": dormant,
        "new_proposal_count": new_proposals,
    }


def map_places(
    *, public: bool, year: int | None = None, home: Municipality | None = None
) -> list[Place]:
    """Partner cities for the map: partnerships not ended (only published ones for the
    public) and the cities of active network memberships' members; a city that is both a
    twin town and a network member is shown as a twin town. With a year (the annual report's
    map), the partnerships of that year instead: begun by its end and not ended before it,
    and the members of the memberships begun by then. `home`: the municipality, when the
    caller has read it already."""
    if public:
        partnerships = Partnership.objects.filter(_public_q())
    elif year is None:
        partnerships = Partnership.objects.filter(~_ended_q())
    else:
        partnerships = partnerships_in_year(year=year)
    # One filter() call: the same membership must be active and (in a year) begun by then.
    member = Q(network_memberships__is_active=True)
    if year is not None:
        member &= Q(network_memberships__member_since__isnull=True) | Q(
            network_memberships__member_since__lte=year
        )
    # One query, rows of plain values: each partnership's partner and kind, then each active
    # membership's member cities ("network"); each partner keeps its highest-ranked kind.
    placed = Q(partner__latitude__isnull=False, partner__longitude__isnull=False)
    by_partnership = (
        partnerships.filter(placed)
        .order_by()
        .values_list(
            "partner_id",
            "kind",
            "partner__name",
            "partner__country",
            "partner__latitude",
            "partner__longitude",
        )
    )
    by_membership = (
        Partner.objects.filter(member)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .annotate(map_kind=Value(MapKind.NETWORK, output_field=CharField()))
        .values_list("pk", "map_kind", "name", "country", "latitude", "longitude")
    )
    rank = {MapKind.TWIN: 0, MapKind.PARTNER: 1, MapKind.NETWORK: 2}
    best: dict[int, tuple[int, Place]] = {}
    for pk, row_kind, name, country, latitude, longitude in by_partnership.union(
        by_membership, all=True
    ):
        kind = row_kind
        if kind != MapKind.NETWORK:
            kind = MapKind.TWIN if kind == Partnership.Kind.TWINNING else MapKind.PARTNER
        if pk in best and best[pk][0] <= rank[kind]:
            continue
        place = Place(
            name=name,
            country_name=str(countries.name(country)),
            latitude=float(latitude),  # type: ignore[arg-type]  # not null: filtered above
            longitude=float(longitude),  # type: ignore[arg-type]
            kind=kind,
        )
        best[pk] = (rank[kind], place)
    places = [place for _rank, place in best.values()]
    result = sorted(places, key=lambda place: (place.country_name, place.name))
    home_place = _home_place((home or Municipality.current()).name)
    return [home_place, *result] if home_place and result else result


def partnerships_in_year(*, year: int) -> QuerySet[Partnership]:
    """The partnerships that existed during the year: begun by its end (the year it began, else
    the year of the decision; neither known counts as begun) and not ended before it (an end
    without a date counts as before)."""
    begun = (
        Q(since_year__lte=year)
        | Q(since_year__isnull=True, decision_date__isnull=True)
        | Q(since_year__isnull=True, decision_date__year__lte=year)
    )
    ended_before = Q(status=Partnership.Status.ENDED) & (
        Q(ended_decision_date__isnull=True) | Q(ended_decision_date__year__lt=year)
    )
    return Partnership.objects.filter(begun).exclude(ended_before)


# The municipality's own place by its name: the bundled gazetteer does not change while the
# process runs, so a place found once is not looked up in the cache again on every map.
_HOME_PLACES: dict[str, tuple[float, float]] = {}


def _home_place(name: str) -> Place | None:
    """The municipality itself, placed from the gazetteer by its name ("Skövde kommun")."""
    if name not in _HOME_PLACES:
        found = suggest_coordinates(name=name, country="SE", build=False)
        if not found:
            return None  # not cached yet (build=False), or not a place: asked again next time
        _HOME_PLACES[name] = (float(found[0]), float(found[1]))
    latitude, longitude = _HOME_PLACES[name]
    return Place(
        name=name,
        country_name=str(_("Sverige")),
        latitude=latitude,
        longitude=longitude,
        kind=MapKind.HOME,
    )


# --- What the annual report asks of the partner registry -----------------------------------


def report_partnerships(*, year: int) -> list[Partnership]:
    """Partnerships not ended, with the dormancy flag as of the year's end (or today) and each
    one's `latest_evaluation`, ordered by kind and partner."""
    last = datetime.date(year, 12, 31)
    cutoff = dormancy_cutoff(today=min(datetime.date.today(), last))
    evaluations = PartnershipEvaluation.objects.order_by("-date")
    partnerships = list(
        with_dormancy(Partnership.objects.exclude(status=Partnership.Status.ENDED), cutoff=cutoff)
        .select_related("partner", "department")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
        .order_by("kind", "partner__name")
    )
    for partnership in partnerships:
        partnership.latest_evaluation = next(iter(partnership.evaluations.all()), None)  # type: ignore[attr-defined]
    return partnerships


def report_memberships(*, year: int) -> list[NetworkMembership]:
    """Active memberships with their representatives and `latest_analysis` up to the year."""
    memberships = list(
        NetworkMembership.objects.filter(is_active=True)
        .prefetch_related(
            "representatives",
            Prefetch(
                "analyses",
                queryset=BenefitAnalysis.objects.filter(year__lte=year).order_by("-year"),
            ),
        )
        .order_by("scope", "name")
    )
    for membership in memberships:
        membership.latest_analysis = next(iter(membership.analyses.all()), None)  # type: ignore[attr-defined]
    return memberships


def meetings_around(*, year: int) -> list[TwinTownMeeting]:
    """The twin-town meetings of the year before, the year and the year after."""
    return list(
        TwinTownMeeting.objects.filter(year__range=(year - 1, year + 1))
        .select_related("host")
        .order_by("year")
    )


def agreements(*, year: int) -> list[Partnership]:
    """Twinning and cooperation agreements, and every partnership resting on a decision, with
    the dormancy flag as of the year's end (or today)."""
    last = datetime.date(year, 12, 31)
    cutoff = dormancy_cutoff(today=min(datetime.date.today(), last))
    return list(
        with_dormancy(Partnership.objects.all(), cutoff=cutoff)
        .filter(
            Q(kind__in=[Partnership.Kind.TWINNING, Partnership.Kind.COOPERATION])
            | ~Q(decision_body="")
        )
        .select_related("partner")
        .order_by("partner__name", "pk")
    )


UNOWNED_LIMIT = 50


def unowned_relationships(*, limit: int = UNOWNED_LIMIT) -> dict[str, Any]:
    """Partnerships not ended and active memberships whose owner is missing or deactivated
    (for the coordinator's dashboard): two queries, at most `limit` of each, and the counts."""
    no_owner = Q(owner__isnull=True) | Q(owner__is_active=False)
    partnerships = (
        Partnership.objects.exclude(status=Partnership.Status.ENDED)
        .filter(no_owner)
        .select_related("partner", "owner")
        .order_by("partner__name", "pk")
    )
    memberships = (
        NetworkMembership.objects.filter(is_active=True)
        .filter(no_owner)
        .select_related("owner")
        .order_by("name", "pk")
    )
    shown_partnerships = list(partnerships[: limit + 1])
    shown_memberships = list(memberships[: limit + 1])
    return {
        "partnerships": shown_partnerships[:limit],
        "memberships": shown_memberships[:limit],
        "more": len(shown_partnerships) > limit or len(shown_memberships) > limit,
    }
