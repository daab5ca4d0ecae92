"""Partner pages: lists, forms, exports and the import, as each role uses them."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from partners.models import Partner, Partnership, TwinTownMeeting
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_list_filters_by_country_kind_status_and_searches(world: World, client: Client) -> None:
    factories.PartnershipFactory(partner__name="Ringsted", partner__country="DK")
    factories.PartnershipFactory(
        partner__name="Halden", partner__country="NO", status=Partnership.Status.DORMANT
    )
    client.force_login(world.council)

    by_country = client.get(reverse("partners:partnership-list"), {"country": "NO"})
    by_status = client.get(reverse("partners:partnership-list"), {"status": "active"})
    by_search = client.get(reverse("partners:partnership-list"), {"q": "rings"})

    assert [p.partner.name for p in by_country.context["page"]] == ["Halden"]
    assert [p.partner.name for p in by_status.context["page"]] == ["Ringsted"]
    assert [p.partner.name for p in by_search.context["page"]] == ["Ringsted"]
    assert "Norge" in by_country.content.decode()  # the ISO code shown in Swedish


def test_list_sorts_by_whitelisted_columns_only(world: World, client: Client) -> None:
    factories.PartnershipFactory(partner__name="A-stad", since_year=2001)
    factories.PartnershipFactory(partner__name="B-stad", since_year=1990)
    client.force_login(world.council)
    url = reverse("partners:partnership-list")

    by_year = client.get(url, {"sort": "since"})
    descending = client.get(url, {"sort": "-partner"})
    injected = client.get(url, {"sort": "partner__department__users__password"})

    assert [p.partner.name for p in by_year.context["page"]] == ["B-stad", "A-stad"]
    assert [p.partner.name for p in descending.context["page"]] == ["B-stad", "A-stad"]
    assert injected.status_code == 200
    assert [p.partner.name for p in injected.context["page"]] == ["A-stad", "B-stad"]
    assert 'aria-sort="descending"' in descending.content.decode()


def test_pagination_keeps_the_filters(world: World, client: Client) -> None:
    for i in range(30):
        factories.PartnershipFactory(partner__name=f"Stad {i:02d}", partner__country="FI")
    client.force_login(world.council)

    response = client.get(reverse("partners:partnership-list"), {"country": "FI"})

    assert response.context["page"].paginator.num_pages == 2
    assert "country=FI&amp;page=2" in response.content.decode()


def test_invalid_filter_is_a_400_with_a_swedish_message(world: World, client: Client) -> None:
    client.force_login(world.council)
    response = client.get(reverse("partners:partnership-list"), {"country": "XX", "q": "Ring"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Filtret kunde inte användas" in body
    assert 'value="Ring"' in body  # what the user typed is kept


def test_coordinator_registers_a_twinning_agreement(world: World, client: Client) -> None:
    partner = factories.PartnerFactory(name="Ringsted")
    area = factories.FocusAreaFactory()
    client.force_login(world.coordinator)

    response = client.post(
        reverse("partners:partnership-create"),
        {
            "partner": partner.pk,
            "kind": "twinning",
            "since_year": "1947",
            "status": "active",
            "decision_body": "KF",
            "decision_date": "1947-05-02",
            "decision_paragraph": "12",
            "case_number": "KS 1947/12",
            "department": world.own_department.pk,
            "focus_areas": [area.pk],
            "is_published": "on",
        },
    )

    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert partnership.decision_body == "KF" and partnership.is_published
    assert list(partnership.focus_areas.all()) == [area]


def test_bad_input_is_a_400_that_keeps_the_text(world: World, client: Client) -> None:
    partner = factories.PartnerFactory()
    client.force_login(world.coordinator)

    response = client.post(
        reverse("partners:partnership-create"),
        {"partner": partner.pk, "kind": "twinning", "status": "ended", "since_year": "abc",
         "description": "Min text"},
    )  # fmt: skip

    assert response.status_code == 400
    body = response.content.decode()
    assert "Formuläret innehåller fel" in body
    assert "Min text" in body
    assert not Partnership.objects.exists()


def test_ended_without_decision_is_a_400_not_a_500(world: World, client: Client) -> None:
    partner = factories.PartnerFactory()
    client.force_login(world.coordinator)
    response = client.post(
        reverse("partners:partnership-create"),
        {"partner": partner.pk, "kind": "twinning", "status": "ended"},
    )
    assert response.status_code == 400
    assert "Ange beslutet om att avsluta partnerskapet." in response.content.decode()


def test_contact_person_is_not_shown_to_the_public(world: World, client: Client) -> None:
    partnership = factories.PartnershipFactory(is_published=True)
    partnership.contact_persons.create(name="Mette Hansen", email="mette@example.dk")

    public = client.get(reverse("public_partnerships:public-list"))
    client.force_login(world.council)
    internal = client.get(reverse("partners:partnership-detail", args=[partnership.pk]))

    assert "Mette" not in public.content.decode()
    assert "Mette Hansen" in internal.content.decode()


# --- Exports --------------------------------------------------------------------------------


def test_csv_export_neutralises_formulas(world: World, client: Client) -> None:
    factories.PartnershipFactory(partner__name='=HYPERLINK("http://evil")')
    client.force_login(world.council)

    response = client.get(reverse("partners:partnership-export", args=["csv"]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0].startswith("'=")
    assert response["Content-Disposition"].startswith("attachment;")


def test_xlsx_export_follows_the_filter(world: World, client: Client) -> None:
    factories.PartnershipFactory(partner__name="Ringsted", partner__country="DK")
    factories.PartnershipFactory(partner__name="Halden", partner__country="NO")
    client.force_login(world.council)

    response = client.get(reverse("partners:partnership-export", args=["xlsx"]), {"country": "NO"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Halden"]


def test_unknown_export_format_is_404(world: World, client: Client) -> None:
    client.force_login(world.council)
    assert client.get(reverse("partners:partnership-export", args=["pdf"])).status_code == 404


# --- Import ---------------------------------------------------------------------------------


def _sheet(*rows: list[object]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["namn", "land", "region", "typ", "sedan", "status", "förvaltning"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "partners.xlsx"
    return buffer


def test_import_preview_shows_row_errors_and_saves_nothing(world: World, client: Client) -> None:
    client.force_login(world.coordinator)
    upload = _sheet(
        ["Vammala", "FI", "Birkaland", "vänort", 1950, "aktiv", "BUF"],
        ["", "Atlantis", "", "okänd", "sen", "", "Ingen förvaltning"],
    )

    response = client.post(reverse("partners:partnership-import"), {"file": upload})

    assert response.status_code == 400
    preview = response.context["preview"]
    assert preview.rows[0].errors == []
    assert len(preview.rows[1].errors) >= 4
    assert "Landet ”Atlantis” känns inte igen." in response.content.decode()
    assert not Partner.objects.exists()


def test_import_saves_on_confirm_and_nothing_on_cancel(world: World, client: Client) -> None:
    client.force_login(world.coordinator)
    url = reverse("partners:partnership-import")
    rows = [["Vammala", "Finland", "Birkaland", "vänort", 1950, "aktiv", "BUF"]]

    first = client.post(url, {"file": _sheet(*rows)})
    assert first.status_code == 200
    client.post(
        reverse("partners:partnership-import-cancel"),
        {"token": first.context["preview"].token},
    )
    assert not Partnership.objects.exists()
    # The cancelled preview can no longer be confirmed.
    stale = client.post(
        reverse("partners:partnership-import-confirm"),
        {"token": first.context["preview"].token},
    )
    assert stale.status_code == 400

    second = client.post(url, {"file": _sheet(*rows)})
    client.post(
        reverse("partners:partnership-import-confirm"),
        {"token": second.context["preview"].token},
    )
    partnership = Partnership.objects.select_related("partner").get()
    assert partnership.partner.country.code == "FI"
    assert partnership.since_year == 1950
    assert partnership.department == world.own_department


def test_import_preview_belongs_to_the_user_who_uploaded_it(world: World, client: Client) -> None:
    client.force_login(world.coordinator)
    rows = [["Vammala", "Finland", "Birkaland", "vänort", 1950, "aktiv", "BUF"]]
    token = (
        client.post(reverse("partners:partnership-import"), {"file": _sheet(*rows)})
        .context["preview"]
        .token
    )
    colleague = Client()
    colleague.force_login(factories.UserFactory(username="sam", role=world.coordinator.role))

    stolen = colleague.post(reverse("partners:partnership-import-confirm"), {"token": token})
    colleague.post(reverse("partners:partnership-import-cancel"), {"token": token})

    assert stolen.status_code == 400
    assert not Partnership.objects.exists()
    mine = client.post(reverse("partners:partnership-import-confirm"), {"token": token})
    assert mine.status_code == 302
    assert Partnership.objects.get().partner.name == "Vammala"


def test_import_of_a_non_excel_file_is_a_400(world: World, client: Client) -> None:
    client.force_login(world.coordinator)
    fake = io.BytesIO(b"not a workbook")
    fake.name = "x.xlsx"
    response = client.post(reverse("partners:partnership-import"), {"file": fake})
    assert response.status_code == 400
    assert "Excel" in response.content.decode()


# --- Memberships ----------------------------------------------------------------------------


def test_membership_page_shows_the_trend_in_words(world: World, client: Client) -> None:
    membership = factories.NetworkMembershipFactory(name="SERN")
    for year, score in ((2024, 3), (2025, 4)):
        membership.analyses.create(
            year=year, quality=score, influence=score, participation=score,
            utilisation=score, recommendation="keep",
        )  # fmt: skip
    client.force_login(world.council)

    body = client.get(reverse("partners:membership-detail", args=[membership.pk])).content

    assert "Bättre" in body.decode()
    assert "Behåll" in body.decode()


def test_meeting_rotation_groups_years_by_theme_and_host(world: World, client: Client) -> None:
    ringsted = factories.PartnerFactory(name="Ringsted")

    TwinTownMeeting.objects.create(year=2007, theme="Social omsorg", host=ringsted)
    TwinTownMeeting.objects.create(year=2011, theme="Social omsorg", host=ringsted)
    client.force_login(world.council)

    response = client.get(reverse("partners:meeting-list"))

    assert response.context["rotation"][0]["years"] == [2007, 2011]
    assert "2007, 2011" in response.content.decode()


def test_dashboard_flags_dormant_partnerships(world: World, client: Client) -> None:
    factories.PartnershipFactory(
        partner__name="Vammala", last_political_contact=datetime.date(2010, 1, 1)
    )
    client.force_login(world.council)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Vänorter utan kontakt på länge" in body
    assert "Vammala" in body


# --- Documents and department contacts ------------------------------------------------------


def test_agreement_upload_is_private_and_type_checked(
    world: World, client: Client, tmp_path: object, settings: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    partnership = factories.PartnershipFactory()
    client.force_login(world.coordinator)
    url = reverse("partners:document-create", args=[partnership.pk])

    bad = client.post(url, {"title": "Skript", "file": SimpleUploadedFile("x.html", b"<script>")})
    good = client.post(
        url,
        {"title": "Vänortsavtal", "is_agreement": "on",
         "file": SimpleUploadedFile("avtal.pdf", b"%PDF-1.4\n%%EOF\n")},
    )  # fmt: skip

    assert bad.status_code == 400
    assert good.status_code == 302
    document = partnership.documents.get()
    download = reverse("partners:document-download", args=[document.pk])
    assert client.get(download)["Content-Disposition"].startswith("attachment")
    anonymous = Client().get(download)
    assert anonymous.status_code == 302  # to the login page, never the file


def test_contact_registers_a_department_contact_through_the_form(
    world: World, client: Client
) -> None:
    partner = factories.PartnerFactory(name="Aarhus kommunes skoleforvaltning")
    client.force_login(world.contact)

    form = client.get(reverse("partners:partnership-create"))
    response = client.post(
        reverse("partners:partnership-create"),
        {"partner": partner.pk, "status": "active", "since_year": "2024"},
    )

    assert "id_kind" not in form.content.decode()  # agreements are the coordinator's
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert partnership.kind == Partnership.Kind.DEPARTMENT
    assert partnership.department == world.own_department
    edit = client.get(reverse("partners:partnership-edit", args=[partnership.pk]))
    assert edit.status_code == 200


@pytest.mark.parametrize("role", ["council", "coordinator"])
def test_network_without_analyses_spans_exactly_the_table_columns(
    world: World, client: Client, role: str
) -> None:
    """The "no analysis yet" row spans as many columns as the header has (a column more was
    invalid HTML: "Table column 9 … has no cells beginning in it", issue 33)."""
    membership = factories.NetworkMembershipFactory()
    client.force_login(getattr(world, role))

    body = client.get(reverse("partners:membership-detail", args=[membership.pk])).content
    table = body.decode().split("<table", 1)[1].split("</table>", 1)[0]
    head = table.split("</thead>", 1)[0]

    assert f'colspan="{head.count("<th ")}"' in table
