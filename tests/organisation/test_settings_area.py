"""The settings area: the municipality and its logo, organisation, reference data, exchange
rates (issue 13). Who may open which page is in tests/permission_matrix.py."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from actionplans.models import WorkingMethod
from intl_portal.organisation.models import Committee, Department, FocusArea, Municipality
from projects.forms import ProjectForm
from projects.models import ExchangeRate, FundingProgramme
from tests import factories
from tests.conftest import World
from tests.organisation.setups import PNG


@pytest.fixture
def coordinator(client: Client, world: World, settings: object, tmp_path: Path) -> Client:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    client.force_login(world.coordinator)
    return client


def test_the_index_links_every_section(coordinator: Client) -> None:
    page = coordinator.get(reverse("settings:index")).content.decode()
    for kind in ("committees", "departments", "focus-areas", "working-methods", "programmes"):
        assert reverse("settings:kind-list", args=[kind]) in page
    assert reverse("settings:user-list") in page and reverse("settings:municipality") in page


def _municipality_data(**extra: object) -> dict[str, object]:
    return {
        "name": "Lidköpings kommun",
        "logo_alt": "Lidköpings kommuns logotyp",
        "vision": "Lidköping i världen",
        "website": "https://lidkoping.se",
        "contact_email": "international@lidkoping.se",
        "site_url": "https://internationellt.lidkoping.se",
        "dormancy_years": "4",
        **extra,
    }


def test_municipality_profile_and_logo_are_shown_in_every_header(
    coordinator: Client, world: World
) -> None:
    logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    response = coordinator.post(
        reverse("settings:municipality"), _municipality_data(logo_file=logo)
    )
    assert response.status_code == 302

    municipality = Municipality.current()
    assert municipality.name == "Lidköpings kommun" and municipality.dormancy_years == 4
    public = Client().get(reverse("public-home")).content.decode()
    assert "Lidköpings kommun" in public
    assert f'src="{reverse("municipality-logo")}" alt="Lidköpings kommuns logotyp"' in public
    served = Client().get(reverse("municipality-logo"))
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    # History records who changed it.
    assert municipality.history.latest().history_user == world.coordinator


def test_a_logo_that_is_not_an_image_is_refused_and_the_text_kept(coordinator: Client) -> None:
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = coordinator.post(
        reverse("settings:municipality"), _municipality_data(name="Nytt namn", logo_file=fake)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filtypen är inte tillåten. Innehållet måste vara PNG, JPEG eller WebP" in page
    assert 'value="Nytt namn"' in page
    assert not Municipality.current().logo


def test_the_municipality_form_saved_unchanged_changes_nothing(coordinator: Client) -> None:
    coordinator.post(reverse("settings:municipality"), _municipality_data())
    before = Municipality.objects.values().get()
    form = coordinator.get(reverse("settings:municipality")).context["form"]
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    assert coordinator.post(reverse("settings:municipality"), data).status_code == 302
    assert Municipality.objects.values().get() == before


def test_committees_and_departments_are_created_renamed_and_deactivated(
    coordinator: Client, world: World
) -> None:
    coordinator.post(
        reverse("settings:kind-create", args=["committees"]),
        {"name": "Kommunstyrelsen", "abbreviation": "KS", "is_active": "on"},
    )
    committee = Committee.objects.get(name="Kommunstyrelsen")
    response = coordinator.post(
        reverse("settings:kind-create", args=["departments"]),
        {
            "name": "Kommunledningsförvaltningen",
            "abbreviation": "KLF",
            "committee": committee.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    department = Department.objects.get(abbreviation="KLF")
    project = factories.ProjectFactory(department=department)

    coordinator.post(
        reverse("settings:kind-edit", args=["departments", department.pk]),
        {"name": "Kommunkansliet", "abbreviation": "KK", "committee": committee.pk},
    )  # is_active unticked: deactivated

    department.refresh_from_db()
    project.refresh_from_db()
    assert department.name == "Kommunkansliet" and not department.is_active
    assert project.department == department
    assert department.history.count() == 2
    new_project_choices = ProjectForm(user=world.coordinator).fields["department"].queryset
    assert department not in new_project_choices
    assert (
        department
        in ProjectForm(user=world.coordinator, instance=project).fields["department"].queryset
    )
    listing = coordinator.get(reverse("settings:kind-list", args=["departments"]))
    assert "Avvecklad" in listing.content.decode()


def test_a_duplicate_name_is_refused_in_swedish(coordinator: Client, world: World) -> None:
    response = coordinator.post(
        reverse("settings:kind-create", args=["departments"]),
        {"name": world.own_department.name, "committee": world.own_department.committee_id},
    )
    assert response.status_code == 400
    assert "finns redan" in response.content.decode()


def test_focus_areas_working_methods_and_programmes_are_editable(coordinator: Client) -> None:
    coordinator.post(
        reverse("settings:kind-create", args=["focus-areas"]),
        {"name": "Hållbar regional utveckling", "is_active": "on"},
    )
    coordinator.post(
        reverse("settings:kind-create", args=["working-methods"]),
        {"name": "Värdskap", "description": "Ta emot besök", "is_active": "on"},
    )
    erasmus = FundingProgramme.objects.get_or_create(name="Erasmus+")[0]
    coordinator.post(
        reverse("settings:kind-edit", args=["programmes", erasmus.pk]),
        {"name": "Erasmus+ 2028–2034", "sort_order": "5"},
    )

    assert FocusArea.objects.filter(name="Hållbar regional utveckling").exists()
    assert WorkingMethod.objects.get(name="Värdskap").description == "Ta emot besök"
    erasmus.refresh_from_db()
    assert erasmus.name == "Erasmus+ 2028–2034" and not erasmus.is_active


def test_an_exchange_rate_is_entered_with_a_decimal_comma(coordinator: Client) -> None:
    response = coordinator.post(
        reverse("settings:kind-create", args=["exchange-rates"]),
        {"year": "2027", "currency": "EUR", "sek_per_unit": "11,4321"},
    )
    assert response.status_code == 302
    assert ExchangeRate.objects.get(year=2027, currency="EUR").sek_per_unit == Decimal("11.4321")
    page = coordinator.get(reverse("settings:kind-list", args=["exchange-rates"])).content.decode()
    assert "11,4321" in page


def test_exchange_rates_are_imported_from_csv_all_or_nothing(coordinator: Client) -> None:
    ExchangeRate.objects.create(year=2025, currency="EUR", sek_per_unit=Decimal("11"))
    good = "år;valuta;kurs\n2025;EUR;11,43\n2025;NOK;0,98\n2026;eur;11,20\n".encode()
    response = coordinator.post(
        reverse("settings:rate-import"), {"file": SimpleUploadedFile("kurser.csv", good)}
    )
    assert response.status_code == 302
    rates = {(r.year, r.currency): r.sek_per_unit for r in ExchangeRate.objects.all()}
    assert rates == {
        (2025, "EUR"): Decimal("11.4300"),
        (2025, "NOK"): Decimal("0.9800"),
        (2026, "EUR"): Decimal("11.2000"),
    }

    bad = "år;valuta;kurs\n2027;EUR;11,5\n2027;XYZ;1\nnästa;NOK;-1\n".encode()
    response = coordinator.post(
        reverse("settings:rate-import"), {"file": SimpleUploadedFile("kurser.csv", bad)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rad 3: valutan ”XYZ” finns inte i portalen." in page
    assert "Rad 4: året ”nästa” är inte ett år." in page
    assert not ExchangeRate.objects.filter(year=2027).exists()


def test_exchange_rates_are_imported_from_excel(coordinator: Client) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["År", "Valuta", "Kurs"])
    sheet.append([2024, "EUR", 11.43])
    sheet.append([2024, "DKK", 1.5334])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("kurser.xlsx", buffer.getvalue())

    response = coordinator.post(reverse("settings:rate-import"), {"file": upload})

    assert response.status_code == 302
    assert ExchangeRate.objects.get(year=2024, currency="DKK").sek_per_unit == Decimal("1.5334")


def test_a_file_that_is_not_a_rate_list_is_refused(coordinator: Client) -> None:
    response = coordinator.post(
        reverse("settings:rate-import"),
        {"file": SimpleUploadedFile("kurser.xlsx", b"PK\x03\x04 not really")},
    )
    assert response.status_code == 400
    # Checked by content by the one upload validator: a zip signature is no Excel file.
    assert "Filtypen är inte tillåten" in response.content.decode()
