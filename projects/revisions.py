"""Proposed values of a project as JSON, and the field-by-field difference to the project."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .models import Project

INDICATORS = "indicators"


def _field(name: str) -> models.Field[Any, Any]:
    """The project's concrete field or relation `name` (a form field's name)."""
    field = Project._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise LookupError(name)
    return field


def _related(field: models.Field[Any, Any]) -> Any:
    """The model a relation points at (Any: its manager's type depends on the model)."""
    return field.related_model


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple) and not isinstance(value, str):
        items = [_plain(v) for v in value]
        return sorted(items) if all(isinstance(i, int) for i in items) else items
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def serialise(data: dict[str, Any]) -> dict[str, Any]:
    """Form values (instances, querysets, Decimals, dates) as JSON-safe values."""
    return {name: _plain(value) for name, value in data.items()}


def read_indicators(project: Project) -> list[dict[str, Any]]:
    """A project's indicator rows as the edit form's formset gives them (for the lock)."""
    return [
        {"id": i.pk, "description": i.description, "unit": i.unit, "target": i.target,
         "outcome": i.outcome}
        for i in project.indicators.all()
    ]  # fmt: skip


def _indicator(row: dict[str, Any]) -> dict[str, Any]:
    def number(value: Any) -> Decimal | None:
        return None if value in (None, "") else Decimal(str(value))

    return {
        "id": row.get("id"),
        "description": row.get("description", ""),
        "unit": row.get("unit", ""),
        "target": number(row.get("target")),
        "outcome": number(row.get("outcome")),
    }


def deserialise(data: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to what `services._apply` takes."""
    result: dict[str, Any] = {}
    for name, value in data.items():
        if name == INDICATORS:
            result[name] = [_indicator(row) for row in value]
            continue
        field = _field(name)
        if value is None:
            result[name] = None
        elif field.many_to_many:
            result[name] = list(_related(field).objects.filter(pk__in=value))
        elif field.many_to_one:
            result[name] = _related(field).objects.filter(pk=value).first()
        elif isinstance(field, models.DecimalField):
            result[name] = Decimal(value)
        elif isinstance(field, models.DateField):
            result[name] = datetime.date.fromisoformat(value)
        else:
            result[name] = value
    return result


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _current(project: Project, name: str) -> Any:
    if name == INDICATORS:
        return [
            {k: _plain(getattr(i, k)) for k in ("id", "description", "unit", "target", "outcome")}
            for i in project.indicators.all()
        ]
    field = _field(name)
    if field.many_to_many:
        return sorted(getattr(project, name).values_list("pk", flat=True))
    if field.many_to_one:
        return getattr(project, field.attname)
    return _plain(getattr(project, name))


def _show_indicators(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "–"
    return "; ".join(
        _("%(d)s (mål %(t)s, utfall %(o)s %(u)s)")
        % {
            "d": r.get("description", ""),
            "t": r.get("target") if r.get("target") is not None else "–",
            "o": r.get("outcome") if r.get("outcome") is not None else "–",
            "u": r.get("unit") or "",
        }
        for r in rows
    ).replace(" )", ")")


def _show_related(field: Any, value: Any) -> str:
    if field.many_to_many:
        return ", ".join(str(o) for o in field.related_model.objects.filter(pk__in=value))
    return str(field.related_model.objects.filter(pk=value).first() or "–")


def _show(name: str, value: Any) -> str:
    if name == INDICATORS:
        return _show_indicators(value)
    if value is None or value in ("", []):
        return "–"
    field = _field(name)
    if field.is_relation:
        return _show_related(field, value)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _comparable(name: str, value: Any) -> Any:
    if name == INDICATORS:
        return [{k: r.get(k) for k in ("description", "unit", "target", "outcome")} for r in value]
    return None if value == "" and _field(name).null else value


def changes(project: Project, data: dict[str, Any]) -> list[Change]:
    """What the proposed values change, field by field, in words."""
    result = []
    for name, proposed in data.items():
        before = _current(project, name)
        if _comparable(name, before) == _comparable(name, proposed):
            continue
        result.append(Change(_label(name), _show(name, before), _show(name, proposed)))
    return result


def _label(name: str) -> str:
    if name == INDICATORS:
        return str(_("Indikatorer för mervärde"))
    return str(_field(name).verbose_name).capitalize()


def revision_clashes(project: Project, data: dict[str, Any], names: list[str]) -> list[Change]:
    """The fields a proposal and a saved change both changed: proposed beside saved."""
    return [
        Change(label=_label(name), before=_show(name, _current(project, name)),
               after=_show(name, data.get(name)))
        for name in names
    ]  # fmt: skip
