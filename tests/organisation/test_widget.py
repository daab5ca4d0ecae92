"""The website widget: what it shows, its filters and colours, and who may frame it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from partners.models import Partnership
from projects.models import Project
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db

HOST = "https://www.lidkoping.se"


@pytest.fixture
def published(world: World) -> dict[str, object]:
    youth = factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    region = factories.FocusAreaFactory(name="Hållbar regional utveckling")
    erasmus = factories.FundingProgrammeFactory(name="Erasmus+")
    interreg = factories.FundingProgrammeFactory(name="Interreg")
    shown = factories.ProjectFactory(
        title="Unga röster i Norden", programme=erasmus, department=world.own_department,
        status=Project.Status.APPROVED, is_published=True,
    )  # fmt: skip
    shown.focus_areas.add(youth)
    other = factories.ProjectFactory(
        title="Gröna transporter", programme=interreg, department=world.own_department,
        status=Project.Status.APPROVED, is_published=True,
    )  # fmt: skip
    other.focus_areas.add(region)
    factories.ProjectFactory(
        title="Opublicerat projekt", status=Project.Status.APPROVED, is_published=False
    )
    factories.ProjectFactory(title="Utkast till projekt", is_published=True)
    factories.ProjectFactory(
        title="Avslaget projekt", status=Project.Status.APPROVED, is_published=True,
        phase=Project.Phase.REJECTED,
    )  # fmt: skip
    twin = factories.PartnershipFactory(
        partner__name="Ringsted", partner__country="DK", since_year=1947, is_published=True
    )
    twin.focus_areas.add(youth)
    factories.PartnershipFactory(partner__name="Hemligby", is_published=False)
    return {"youth": youth, "erasmus": erasmus, "interreg": interreg}


def _get(client: Client, name: str = "widget", **params: str) -> tuple[int, str]:
    response = client.get(reverse(name), params)
    return response.status_code, response.content.decode()


def test_widget_shows_published_projects_and_partnerships_only(
    published: dict[str, object], client: Client
) -> None:
    status, body = _get(client)
    assert status == 200
    assert "Unga röster i Norden" in body and "Gröna transporter" in body
    assert "Ringsted, Danmark" in body and "sedan 1947" in body
    for hidden in ("Opublicerat projekt", "Utkast till projekt", "Avslaget projekt", "Hemligby"):
        assert hidden not in body
    assert "<script" not in body  # no JavaScript needed
    # Links lead to the portal's public pages at its configured address, in a new window.
    assert 'href="http://' in body and "/public/projects/" in body
    assert "(öppnas i ett nytt fönster)" in body


def test_widget_filters_by_content_focus_area_programme_and_language(
    published: dict[str, object], client: Client
) -> None:
    _status, projects_only = _get(client, visa="projekt")
    assert "Unga röster i Norden" in projects_only and "Ringsted" not in projects_only
    _status, partnerships_only = _get(client, visa="samarbeten")
    assert "Ringsted" in partnerships_only and "Unga röster" not in partnerships_only
    youth = published["youth"].pk  # type: ignore[attr-defined]
    _status, focused = _get(client, fokus=str(youth))
    assert "Unga röster i Norden" in focused and "Gröna transporter" not in focused
    assert "Ringsted" in focused
    interreg = published["interreg"].pk  # type: ignore[attr-defined]
    _status, programme = _get(client, visa="projekt", program=str(interreg))
    assert "Gröna transporter" in programme and "Unga röster" not in programme
    _status, english = _get(client, sprak="en")
    assert "Ongoing projects" in english and '<html lang="en">' in english
    _status, limited = _get(client, visa="projekt", antal="1")
    assert limited.count('class="intl-widget-meta"') == 1


def test_widget_colours_come_from_the_url_and_must_be_readable(
    published: dict[str, object], client: Client
) -> None:
    _status, body = _get(client, farg="7A0040")
    assert "/widget/style.css?farg=7a0040&amp;text=1a1a1a" in body
    css = client.get(reverse("widget-css"), {"farg": "7a0040"})
    assert css["Content-Type"].startswith("text/css")
    assert "--widget-accent:#7a0040" in css.content.decode()
    status, pale = _get(client, farg="ffff00")
    assert status == 400
    assert "för låg kontrast mot vit bakgrund" in pale and "ffff00" in pale
    status, wrong = _get(client, farg="red;}body{")
    assert status == 400 and "sex hexadecimala tecken" in wrong
    assert client.get(reverse("widget-css"), {"farg": "x"}).status_code == 400
    status, _body = _get(client, fokus="999999")
    assert status == 400
    assert '<html lang="sv">' in pale
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page says which language
    status, english = _get(client, farg="ffff00")
    assert status == 400 and '<html lang="en">' in english and "Invalid" in english


@override_settings(WIDGET_FRAME_ANCESTORS=[HOST])
def test_only_the_listed_origins_may_frame_the_widget(client: Client, world: World) -> None:
    page = client.get(reverse("widget"))
    assert f"frame-ancestors 'self' {HOST}" in page["Content-Security-Policy"]
    assert "X-Frame-Options" not in page
    # The rest of the portal, and the fragment, may not be framed by anyone.
    for name in ("public-home", "widget-fragment"):
        response = client.get(reverse(name))
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_fragment_is_the_same_content_without_a_page(
    published: dict[str, object], client: Client
) -> None:
    status, fragment = _get(client, "widget-fragment")
    assert status == 200
    assert fragment.lstrip().startswith('<section class="intl-widget"')
    assert "<html" not in fragment and "<head" not in fragment
    assert "Unga röster i Norden" in fragment and "Ringsted" in fragment


def test_code_page_gives_coordinators_the_code_to_paste(
    published: dict[str, object], client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    with override_settings(WIDGET_FRAME_ANCESTORS=[HOST]):
        body = client.get(reverse("widget-code"), {"visa": "projekt", "farg": "7a0040"})
    text = body.content.decode()
    assert body.status_code == 200
    assert "&lt;iframe src=&quot;http://" in text and "visa=projekt&amp;amp;farg=7a0040" in text
    assert "/widget/fragment.html?visa=projekt" in text
    assert HOST in text
    bad = client.get(reverse("widget-code"), {"farg": "ffff00"})
    assert bad.status_code == 400
    assert "för låg kontrast" in bad.content.decode()
    assert 'value="ffff00"' in bad.content.decode()  # the typed value is kept
    client.force_login(world.contact)
    assert client.get(reverse("widget-code")).status_code == 403


def test_partnership_kind_reads_in_words(published: dict[str, object], client: Client) -> None:
    _status, body = _get(client, visa="samarbeten")
    assert str(Partnership.Kind.TWINNING.label) in body
