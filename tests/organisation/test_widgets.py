"""The Python-rendered select writes exactly what Django's own template-rendered one does."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intl_portal.lib.widgets import Select
from intl_portal.organisation.models import Department
from tests import factories

CHOICES: list[tuple[Any, Any]] = [
    ("", "Alla"),
    ("a<b", 'x "y" & z'),
    (1, 2),
    ("Grupp", [("g1", "G1"), ("g2", "<G2>"), (None, "tom")]),
    ("z", "Ö"),
    (Decimal("1.5"), Decimal("1.5")),
    (3, datetime.date(2020, 1, 2)),
    (None, _("Ja")),
    ("dup", "första"),
    ("dup", "andra"),
]
VALUES = [None, "", "a<b", 1, "g2", ["z"], "dup", Decimal("1.5"), "saknas"]
ATTRS = [
    None,
    {"aria-label": "Välj"},
    {"id": "id_x", "class": "form-select", "required": True, "disabled": False, "data-n": 0},
]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("attrs", ATTRS)
def test_select_html_is_djangos(language: str, value: Any, attrs: dict[str, Any] | None) -> None:
    with translation.override(language):
        expected = forms.Select(choices=CHOICES, attrs={"title": '"x"'}).render("n&m", value, attrs)
        actual = Select(choices=CHOICES, attrs={"title": '"x"'}).render("n&m", value, attrs)
    assert actual == expected


@pytest.mark.parametrize("language", ["sv", "en"])
def test_country_select_html_is_djangos(language: str) -> None:
    with translation.override(language):
        expected = forms.Select(choices=countries).render("country", "SE", {"id": "id_country"})
        actual = Select(choices=countries).render("country", "SE", {"id": "id_country"})
    assert actual == expected
    assert " selected>" in actual


@pytest.mark.django_db
def test_model_select_html_is_djangos() -> None:
    departments = [factories.DepartmentFactory(name=n) for n in ("Ö-förvaltningen", "<A & B>")]
    plain = forms.ModelChoiceField(queryset=Department.objects.all())
    fast = forms.ModelChoiceField(queryset=Department.objects.all(), widget=Select)
    for value in [None, departments[1].pk, str(departments[0].pk), "x"]:
        assert fast.widget.render("d", value) == plain.widget.render("d", value)
