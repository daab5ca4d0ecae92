"""Issue 4: the coordinator's Excel import of projects, networks on projects, the review list."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from projects import services
from projects.forms import ProjectForm
from projects.models import Project, ProjectRevision
from tests import factories
from tests.conftest import World

HEADER = [
    "Titel", "Akronym", "Förvaltning", "Program", "Fas", "Startdatum", "Slutdatum", "Valuta",
    "Total budget", "Beviljat bidrag", "Egen insats", "Medfinansiering EU",
    "Medfinansiering Norden", "Medfinansiering Sida", "Granskning",
]  # fmt: skip
GOOD = [
    "Språkbad i Halden", "SPRÅK", "BUF", "Erasmus+", "Pågående", datetime.datetime(2026, 1, 1),
    "2027-06-30", "EUR", 100000, 80000, 20000, "ja", "nej", "nej", "Godkänt",
]  # fmt: skip


def _sheet(*rows: list[Any], header: list[str] = HEADER, text_cells: bool = False) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if text_cells:
        # Cells typed as text in Excel that merely look like formulas.
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "projekt.xlsx"
    return buffer


@pytest.fixture
def coordinator(world: World) -> Client:
    factories.FundingProgrammeFactory(name="Erasmus+")
    client = Client()
    client.force_login(world.coordinator)
    return client


def _preview(client: Client, upload: Any, **extra: Any) -> Any:
    return client.post(reverse("projects:import"), {"file": upload, **extra})


def test_it_previews_row_errors_with_the_form_messages_and_saves_nothing(
    world: World, coordinator: Client
) -> None:
    bad_dates = [*GOOD[:5], "2027-01-01", "2026-01-01", "SEK", 100, 50, -5, "", "", "", ""]
    grant_above = ["Stort bidrag", "", "Kultur- och fritidsförvaltningen", "", "", None, None,
                   "", 100, 200, "", "", "", "", ""]  # fmt: skip
    unknown = ["", "", "Ingen förvaltning", "Okänt program", "Snart", "igår", "", "NOK",
               "mycket", "", "", "kanske", "", "", ""]  # fmt: skip

    response = _preview(coordinator, _sheet(GOOD, bad_dates, grant_above, unknown))

    assert response.status_code == 400
    rows = response.context["preview"].rows
    assert rows[0].errors == []
    assert "”slutdatum”: Slutdatum kan inte vara före startdatum." in rows[1].errors
    assert "”egen insats”: Beloppet får inte vara negativt." in rows[1].errors
    assert rows[2].errors == [
        "”beviljat bidrag”: Bidraget kan inte vara större än den totala budgeten."
    ]
    assert "Förvaltningen ”Ingen förvaltning” finns inte." in rows[3].errors
    assert "Finansieringsprogrammet ”Okänt program” finns inte i listan." in rows[3].errors
    assert "”medfinansiering eu” ska vara ja, nej eller tomt." in rows[3].errors
    assert any(e.startswith("”titel”:") for e in rows[3].errors)
    assert len(rows[3].errors) >= 7
    body = response.content.decode()
    assert "Förvaltningen ”Ingen förvaltning” finns inte." in body
    assert "Importera projekten" not in body  # nothing to confirm while a row is wrong
    assert not Project.objects.exists()


def test_it_saves_every_row_as_a_draft_on_confirm(world: World, coordinator: Client) -> None:
    second = ["Kulturutbyte", "", "kultur- och fritidsförvaltningen", "", "", None, None, "",
              "", "", "", "", "", "", ""]  # fmt: skip
    preview = _preview(coordinator, _sheet(GOOD, second))
    assert preview.status_code == 200
    assert "granskning" in preview.context["preview"].ignored
    assert not Project.objects.exists()

    response = coordinator.post(
        reverse("projects:import-confirm"), {"token": preview.context["preview"].token}
    )

    assert response.status_code == 302
    project = Project.objects.get(title="Språkbad i Halden")
    assert project.status == Project.Status.DRAFT
    assert project.department == world.own_department
    assert project.programme.name == "Erasmus+"
    assert project.phase == Project.Phase.ONGOING
    assert (project.start_date, project.end_date) == (
        datetime.date(2026, 1, 1),
        datetime.date(2027, 6, 30),
    )
    assert (project.currency, project.budget_total, project.grant_amount) == (
        "EUR",
        Decimal(100000),
        Decimal(80000),
    )
    assert (project.cofinancing_eu, project.cofinancing_nordic) == (True, False)
    assert project.created_by == world.coordinator
    other = Project.objects.get(title="Kulturutbyte")
    assert other.department == world.other_department
    assert (other.phase, other.role, other.currency) == ("idea", "partner", "SEK")
    assert other.cofinancing_eu is None
    # The token is spent: a second confirmation saves nothing more.
    again = coordinator.post(
        reverse("projects:import-confirm"), {"token": preview.context["preview"].token}
    )
    assert again.status_code == 400
    assert Project.objects.count() == 2


def test_it_approves_directly_only_when_cofinancing_is_answered(
    world: World, coordinator: Client
) -> None:
    unanswered = ["Utan svar", "", "BUF", "", "", None, None, "", "", "", "", "", "ja", "", ""]
    refused = _preview(coordinator, _sheet(GOOD, unanswered), approve="on")
    assert refused.status_code == 400
    assert "Ange om medfinansiering har undersökts" in refused.context["preview"].rows[1].errors[0]

    preview = _preview(coordinator, _sheet(GOOD), approve="on")
    coordinator.post(
        reverse("projects:import-confirm"), {"token": preview.context["preview"].token}
    )
    project = Project.objects.get()
    assert project.status == Project.Status.APPROVED
    assert project.approved_at is not None


def test_cancel_saves_nothing_and_the_preview_cannot_be_confirmed_after(
    world: World, coordinator: Client
) -> None:
    token = _preview(coordinator, _sheet(GOOD)).context["preview"].token

    cancel = coordinator.post(reverse("projects:import-cancel"), {"token": token})
    confirm = coordinator.post(reverse("projects:import-confirm"), {"token": token})

    assert cancel.status_code == 302
    assert confirm.status_code == 400
    assert "Förhandsgranskningen har gått ut" in confirm.content.decode()
    assert not Project.objects.exists()


def test_a_preview_belongs_to_the_user_who_uploaded_it(world: World, coordinator: Client) -> None:
    token = _preview(coordinator, _sheet(GOOD)).context["preview"].token
    colleague = Client()
    colleague.force_login(factories.UserFactory(username="sam", role=world.coordinator.role))

    stolen = colleague.post(reverse("projects:import-confirm"), {"token": token})
    colleague.post(reverse("projects:import-cancel"), {"token": token})

    assert stolen.status_code == 400
    assert "Förhandsgranskningen har gått ut" in stolen.content.decode()
    assert not Project.objects.exists()
    # The colleague's cancel did not touch it either: the uploader can still confirm.
    assert coordinator.post(reverse("projects:import-confirm"), {"token": token}).status_code == 302
    assert Project.objects.get().title == "Språkbad i Halden"


def test_formula_looking_cells_are_stored_as_text(world: World, coordinator: Client) -> None:
    row = ['=HYPERLINK("http://x","klicka")', "+46", "BUF", *[""] * 12]
    preview = _preview(coordinator, _sheet(row, text_cells=True))
    assert preview.status_code == 200, preview.context["preview"].rows[0].errors
    coordinator.post(
        reverse("projects:import-confirm"), {"token": preview.context["preview"].token}
    )

    project = Project.objects.get()

    assert project.title == '=HYPERLINK("http://x","klicka")'
    assert project.acronym == "+46"
    export = coordinator.get(reverse("projects:export-csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in export


def test_duplicates_in_the_sheet_and_in_the_bank_are_row_errors(
    world: World, coordinator: Client
) -> None:
    factories.ProjectFactory(title="Finns redan", department=world.own_department)
    existing = ["Finns redan", "", "BUF", *[""] * 12]

    response = _preview(coordinator, _sheet(GOOD, GOOD, existing))

    rows = response.context["preview"].rows
    assert rows[0].errors == []
    assert rows[1].errors == ["Projektet finns två gånger i arket."]
    assert rows[2].errors == ["Förvaltningen har redan ett projekt med den titeln."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "Filtypen är inte tillåten"),
        (None, "Arket har inga projekt under rubrikraden."),
        ("no-title", "Arket saknar kolumnen ”titel”."),
    ],
)
def test_unreadable_or_empty_sheet_is_a_400_with_a_message(
    world: World, coordinator: Client, content: Any, message: str
) -> None:
    if content is None:
        upload = _sheet()
    elif content == "no-title":
        upload = _sheet(["x"], header=["Namn"])
    else:
        upload = io.BytesIO(content)
        upload.name = "projekt.csv"

    response = _preview(coordinator, upload)

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("role", ["contact", "council"])
def test_only_the_coordinator_may_import(world: World, role: str) -> None:
    client = Client()
    client.force_login(getattr(world, role))
    assert client.post(reverse("projects:import"), {"file": _sheet(GOOD)}).status_code == 403
    assert "Importera från Excel" not in client.get(reverse("projects:list")).content.decode()
    assert not Project.objects.exists()


def test_bank_links_to_the_import_for_the_coordinator(world: World, coordinator: Client) -> None:
    body = coordinator.get(reverse("projects:list")).content.decode()
    assert reverse("projects:import") in body


# --- Networks ---------------------------------------------------------------------------------


def test_form_offers_active_networks_first_then_alphabetically(world: World) -> None:
    factories.NetworkMembershipFactory(name="Ändat nätverk", is_active=False)
    factories.NetworkMembershipFactory(name="SERN")
    factories.NetworkMembershipFactory(name="Eurotowns")
    form = ProjectForm(user=world.coordinator)

    labels = [label for _value, label in form.fields["networks"].choices]

    assert labels == ["Eurotowns", "SERN", "Ändat nätverk – avslutat medlemskap"]
    fields = list(form.fields)
    assert fields.index("networks") == fields.index("partners") + 1


def test_networks_are_saved_shown_exported_and_kept_in_history(world: World) -> None:
    sern = factories.NetworkMembershipFactory(name="SERN")
    project = services.project_create(
        author=world.contact,
        data={"title": "Nätverksprojekt", "networks": [sern]},
    )
    client = Client()
    client.force_login(world.contact)

    detail = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    export = client.get(reverse("projects:export-csv")).content.decode("utf-8-sig")

    assert list(project.networks.all()) == [sern]
    assert "SERN" in detail
    assert "Nätverk" in export.splitlines()[0] and "SERN" in export
    assert list(project.history.first().networks.values_list("networkmembership", flat=True)) == [
        sern.pk
    ]


def test_contact_edit_keeps_twin_towns_first_and_saves_networks(world: World) -> None:
    factories.PartnerFactory(name="Aalborg")
    twin = factories.PartnershipFactory().partner
    network = factories.NetworkMembershipFactory(name="SERN")
    project = factories.ProjectFactory(department=world.own_department)
    client = Client()
    client.force_login(world.contact)

    page = client.get(reverse("projects:edit", args=[project.pk]))
    partners = list(page.context["form"].fields["partners"].queryset)
    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        {
            "title": project.title, "role": "partner", "phase": "idea", "currency": "SEK",
            "cofinancing_eu": "unknown", "cofinancing_nordic": "unknown",
            "cofinancing_sida": "unknown", "networks": [network.pk],
        },
    )  # fmt: skip

    assert partners[0] == twin
    assert response.status_code == 302
    assert list(project.networks.all()) == [network]


def test_proposed_change_of_networks_waits_for_review(world: World) -> None:
    project = factories.ProjectFactory(
        department=world.own_department, status=Project.Status.APPROVED
    )
    network = factories.NetworkMembershipFactory(name="SERN")
    revision = services.project_change_propose(
        project=project, user=world.contact, data={"networks": [network]}
    )
    assert not project.networks.exists()

    services.revision_approve(revision=revision, user=world.coordinator)

    assert list(project.networks.all()) == [network]


# --- Dashboard --------------------------------------------------------------------------------


def test_dashboard_lists_pending_changes_to_review(world: World) -> None:
    submitted = factories.ProjectFactory(title="Inskickat", status=Project.Status.SUBMITTED)
    changed = factories.ProjectFactory(
        title="Ändrat", department=world.own_department, status=Project.Status.APPROVED
    )
    returned = factories.ProjectFactory(
        title="Återsänd ändring",
        department=world.own_department,
        status=Project.Status.APPROVED,
    )
    ProjectRevision.objects.create(project=changed, status=ProjectRevision.Status.PENDING)
    ProjectRevision.objects.create(project=returned, status=ProjectRevision.Status.RETURNED)
    client = Client()
    client.force_login(world.coordinator)

    response = client.get(reverse("dashboard"))

    listed = {g.key: [i.title for i in g.items] for g in response.context["todo"].groups}
    assert listed["projects_submitted"] == [submitted.title]
    assert listed["changes_submitted"] == ["Ändrat"]  # not the returned one
    assert response.context["project_counts"]["awaiting_review"] == 2
    page = response.content.decode()  # the to-do list names the change under its own heading
    assert "Ändringar av godkända projekt att granska" in page and "Ändrat" in page
    contact = Client()
    contact.force_login(world.contact)
    groups = contact.get(reverse("dashboard")).context["todo"].groups
    assert not {"projects_submitted", "changes_submitted"} & {g.key for g in groups}
