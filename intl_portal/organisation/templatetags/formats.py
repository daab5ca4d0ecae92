"""Template filters for the shared number, money and date formats."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template

from intl_portal.lib import formats

register = template.Library()


@register.filter
def sv_number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    return formats.number(value, decimals=decimals)


@register.filter
def sv_money(value: Decimal | int | float | None) -> str:
    return formats.money(value)


@register.filter
def sv_date(value: datetime.date | datetime.datetime | None) -> str:
    return formats.long_date(value)
