"""Template access to the permission policy, so no template re-derives a rule."""

from __future__ import annotations

from typing import Any

from django import template

from intl_portal.organisation import policy

register = template.Library()


@register.filter
def may_edit(user: Any, entry: Any) -> bool:
    return policy.may_edit_entry(user, entry)


@register.filter
def may_download(user: Any, report: Any) -> bool:
    return policy.may_download_report(user, report)


@register.filter
def may_download_word(user: Any, report: Any) -> bool:
    return policy.may_download_report_word(user, report)


@register.filter
def may_report(user: Any, goal: Any) -> bool:
    return policy.may_report_outcome(user, goal, getattr(goal, "followup_part", None))
