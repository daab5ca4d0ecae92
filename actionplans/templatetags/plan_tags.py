"""The rows of the plan page's goal tables."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django import template
from django.template.defaultfilters import floatformat, truncatechars
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from intl_portal.organisation.templatetags.badges import status_badge

from ..models import GoalOutcome
from ..selectors import GoalRow

register = template.Library()

# Filled with escaped text only.
EDIT = '<a href="{}">{}<span class="visually-hidden">: {}</span></a>'
FOLLOW_UP = '<a class="ms-2" href="{}">{}<span class="visually-hidden">: {}</span></a>'
MARKER = 987654321987654321  # no goal has this id, and no URL prefix holds these digits


@register.simple_tag
def plan_goal_rows(
    goals: Iterable[GoalRow], editable: set[int], reportable: set[int]
) -> SafeString:
    """<tr> for each goal: what it aims at, its outcome and status, and the user's links.

    Written in Python rather than as template markup: the municipal plan lists every goal of
    every department, and the same rows as a template cost more than the rest of the page.
    """
    rows = _Rows(editable=editable, reportable=reportable)
    return mark_safe("".join(rows.row(goal) for goal in goals))  # noqa: S308 - all escaped


class _Rows:
    def __init__(self, *, editable: set[int], reportable: set[int]) -> None:
        self.editable, self.reportable = editable, reportable
        self.municipal = _("Kommungemensamt")
        self.not_reported = _esc(_("Ej rapporterat"))
        self.edit, self.follow_up = _esc(_("Redigera")), _esc(_("Följ upp"))
        self.sdgs = _esc(_("Globala mål (Agenda 2030)"))
        self.labels = dict(GoalOutcome.Status.choices)
        self.edit_url = _url_for("actionplans:goal-edit")
        self.outcome_url = _url_for("actionplans:goal-outcome")

    def row(self, goal: GoalRow) -> str:
        if goal.outcome_status is None:
            value, status = "–", self.not_reported
        else:
            value = "–"
            if goal.outcome_value is not None:
                value = f"{_number(goal.outcome_value)} {_esc(goal.unit)}"
            label = self.labels.get(goal.outcome_status, goal.outcome_status)
            status = status_badge(goal.outcome_css, label)
        links = []
        if goal.pk in self.editable or goal.pk in self.reportable:
            short = _esc(_short(goal.description))
            if goal.pk in self.editable:
                links.append(EDIT.format(_esc(self.edit_url(goal.pk)), self.edit, short))
            if goal.pk in self.reportable:
                url = _esc(self.outcome_url(goal.pk))
                links.append(FOLLOW_UP.format(url, self.follow_up, short))
        department = goal.department or self.municipal
        sdgs = (
            f'<br><span class="small text-body-secondary">{self.sdgs}: '
            f"{', '.join(str(n) for n in goal.sdgs)}</span>"
            if goal.sdgs
            else ""
        )
        return (
            f"\n<tr><td>{_esc(goal.description)}{sdgs}</td><td>{_esc(department)}</td>"
            f"<td>{_esc(goal.indicator)}</td>"
            f"<td>{_number(goal.target)} {_esc(goal.unit)}</td><td>{value}</td>"
            f'<td>{status}</td><td class="text-nowrap">{" ".join(links)}</td></tr>'
        )


def _url_for(name: str) -> Callable[[int], str]:
    """reverse(name, args=[pk]) for any goal, at the cost of one reverse() (as the admin does
    with its "__fk__" URLs): the URL is reversed once with a marker id that is then replaced."""
    marker = str(MARKER)
    url = reverse(name, args=[MARKER])
    return lambda pk: url.replace(marker, str(pk))


def _number(value: Decimal) -> str:
    """|floatformat:"-2", with whole numbers (most targets and outcomes) written directly."""
    if value == value.to_integral_value():
        return number_format(f"{int(value):d}", 0)  # what floatformat does for these
    return floatformat(value, "-2")


def _esc(value: Any) -> str:
    """conditional_escape, without the lazy-string wrapper that costs more than the escaping."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _short(text: str) -> str:
    """The |truncatechars:40 filter, which is slow, skipped for the texts it leaves as they are."""
    if len(text) <= 40 and unicodedata.is_normalized("NFC", text):
        return text
    return truncatechars(text, 40)
