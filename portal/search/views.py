"""One search over everything: partners, partnerships, networks, projects, activities, goals
and governing documents, grouped by kind, best first, and only what the user may open."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from actionplans import search as plan_search
from intl_portal.lib.search import clean_query, highlight
from partners import search as partner_search
from projects import search as project_search

GROUP_LIMIT = 10
SNIPPET_LENGTH = 180


@dataclass
class Hit:
    title: SafeString
    url: str
    snippet: SafeString
    meta: str = ""


@dataclass
class Group:
    key: str
    label: Promise
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


def _group(key: str, label: Promise, rows: Iterable[Any], to_hit: Callable[[Any], Hit]) -> Group:
    found = list(rows[: GROUP_LIMIT + 1])  # type: ignore[index]
    return Group(key, label, [to_hit(r) for r in found[:GROUP_LIMIT]], len(found) > GROUP_LIMIT)


def _internal_groups(user: Any, q: str) -> list[Group]:
    partners = partner_search.matching_partners(query=q)
    partner_ids = [p.pk for p in partners]
    projects = project_search.search_projects(user=user, query=q, partner_ids=partner_ids)
    return [
        _group(
            "projects",
            _("Projekt"),
            projects,
            lambda p: Hit(
                highlight(p.title, q),
                reverse("projects:detail", args=[p.pk]),
                highlight(p.summary, q, length=SNIPPET_LENGTH),
                " · ".join(filter(None, [p.acronym, p.department.name, p.get_status_display()])),
            ),
        ),
        _group(
            "activities",
            _("Aktiviteter"),
            project_search.search_activities(user=user, query=q),
            lambda a: Hit(
                highlight(a.title, q),
                reverse("projects:activity-detail", args=[a.pk]),
                highlight(a.purpose, q, length=SNIPPET_LENGTH),
                " · ".join(filter(None, [a.get_kind_display(), a.department.name, a.place])),
            ),
        ),
        _group(
            "partnerships",
            _("Vänorter och samarbeten"),
            partner_search.search_partnerships(query=q),
            lambda p: Hit(
                highlight(p.partner.name, q),
                reverse("partners:partnership-detail", args=[p.pk]),
                highlight(p.description, q, length=SNIPPET_LENGTH),
                " · ".join([str(p.get_kind_display()), str(p.partner.country.name)]),
            ),
        ),
        _group(
            "partners",
            _("Partner"),
            partners,
            lambda p: Hit(
                highlight(p.name, q),
                reverse("partners:partner-detail", args=[p.pk]),
                highlight(p.region, q),
                str(p.country.name),
            ),
        ),
        _group(
            "networks",
            _("Nätverk"),
            partner_search.search_networks(query=q),
            lambda n: Hit(
                highlight(n.name, q),
                reverse("partners:membership-detail", args=[n.pk]),
                highlight("", q),
                str(n.get_scope_display()),
            ),
        ),
        _group(
            "goals",
            _("Mål i handlingsplaner"),
            plan_search.search_goals(user=user, query=q),
            lambda g: Hit(
                highlight(g.description, q, length=SNIPPET_LENGTH),
                reverse("actionplans:detail", args=[g.plan.year]),
                highlight(g.indicator, q),
                " · ".join(filter(None, [str(g.plan), g.department.name if g.department else ""])),
            ),
        ),
        _group(
            "strategies",
            _("Styrdokument"),
            plan_search.search_strategies(query=q),
            lambda s: Hit(
                highlight(s.title, q),
                reverse("actionplans:strategy", args=[s.pk]),
                highlight(s.applies_to, q),
                str(s.get_kind_display()),
            ),
        ),
    ]


def _public_groups(q: str) -> list[Group]:
    partner_ids = partner_search.matching_partner_ids(query=q)
    projects = project_search.search_projects(
        user=None, query=q, partner_ids=partner_ids, public=True
    )
    return [
        _group(
            "projects",
            _("Projekt"),
            projects,
            lambda p: Hit(
                highlight(p.title, q),
                reverse("public_projects:public-detail", args=[p.pk]),
                highlight(p.summary, q, length=SNIPPET_LENGTH),
                " · ".join(filter(None, [p.acronym, p.department.name])),
            ),
        ),
        _group(
            "partnerships",
            _("Vänorter och samarbeten"),
            partner_search.search_partnerships(query=q, public=True),
            lambda p: Hit(
                highlight(p.partner.name, q),
                reverse("public_partnerships:public-list"),
                highlight(p.description, q, length=SNIPPET_LENGTH),
                " · ".join([str(p.get_kind_display()), str(p.partner.country.name)]),
            ),
        ),
    ]


def _render(
    request: HttpRequest, groups: Callable[[str], list[Group]], public: bool
) -> HttpResponse:
    q = clean_query(request.GET.get("q"))
    found = [g for g in groups(q) if g.hits] if q else []
    context = {"q": q, "groups": found, "public": public, "searched": bool(q)}
    return render(request, "search/results.html", context)


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Everything a signed-in user may open."""
    return _render(request, lambda q: _internal_groups(request.user, q), public=False)


@require_GET
def public_search(request: HttpRequest) -> HttpResponse:
    """Published projects and partnerships only."""
    return _render(request, _public_groups, public=True)
