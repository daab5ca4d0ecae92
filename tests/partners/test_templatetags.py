"""The partnership list's rows, written in Python, are exactly what its template loop wrote."""

from __future__ import annotations

import datetime

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from partners import selectors
from partners.models import Partnership
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

# The loop the tag replaced, as it stood in partners/partnership_list.html.
LOOP = """{% load i18n partners_tags badges %}{% for p in page %}
    <tr>
      <td><a href="{% url 'partners:partnership-detail' p.pk %}">{{ p.partner.name }}</a>
        {% with areas=p.focus_areas.all %}{% if areas %}<br><small>{% for a in areas %}{{ a.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</small>{% endif %}{% endwith %}</td>
      <td>{{ p.partner.country.name }}</td>
      <td>{{ p|choice_label:"kind" }}</td>
      <td>{{ p.since_year|default:"–" }}</td>
      <td>{{ p.department|default:"–" }}</td>
      <td>{{ p.last_contact|date:"Y-m-d"|default:"–" }}</td>
      <td>{% partnership_status_badge p %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501
TAG = "{% load partners_tags %}{% partnership_rows page %}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_rows_match_the_template_loop(world: World, language: str) -> None:
    areas = [factories.FocusAreaFactory(name="Kultur & <idrott>"), factories.FocusAreaFactory()]
    full = factories.PartnershipFactory(
        partner__name='Ringsted "Kommune" & <b>',
        partner__country="DK",
        department=world.own_department,
        since_year=1965,
        last_political_contact=datetime.date(2025, 3, 4),
    )
    full.focus_areas.set(areas)
    factories.PartnershipFactory(
        partner__name="Tom", kind=Partnership.Kind.LINK, status=Partnership.Status.ENDED
    )
    factories.PartnershipFactory(partner__name="Vilande", since_year=1990)
    request = RequestFactory().get("/")
    request.user = world.coordinator
    engine = engines["django"]

    def render(source: str) -> str:
        qs = selectors.partnerships_for_list(cutoff=selectors.dormancy_cutoff()).order_by("pk")
        page = Paginator(qs, 25).get_page(1)
        return engine.from_string(source).render({"page": page}, request)

    with translation.override(language):
        written, looped = render(TAG), render(LOOP)

    assert "&lt;b&gt;" in written and "Kultur &amp; &lt;idrott&gt;" in written
    assert written == looped
