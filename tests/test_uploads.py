"""One upload validator for every upload: type by content, size, generated names, headers."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from intl_portal.lib import uploads
from intl_portal.organisation.models import Municipality
from partners.models import PartnershipDocument
from projects.models import Attachment
from tests import factories
from tests.concurrency_forms import as_post, form_data
from tests.conftest import World
from tests.organisation.setups import PNG

PDF = b"%PDF-1.4\n%%EOF\n"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<x/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize(
    ("content", "rule", "kind"),
    [
        (PDF, uploads.DOCUMENTS, "pdf"),
        (_odt(), uploads.DOCUMENTS, "odt"),
        (b"namn;land\nHalden;NO\n", uploads.DATA_IMPORTS, "csv"),
        (b' {"items": []}', uploads.DATA_IMPORTS, "json"),
    ],
)
def test_the_content_decides_the_kind(content: bytes, rule: uploads.UploadRule, kind: str) -> None:
    assert uploads.validate_upload(SimpleUploadedFile("x", content), rule=rule) == kind


@pytest.mark.parametrize(
    ("name", "content", "rule", "message"),
    [
        ("avtal.pdf", HTML, uploads.DOCUMENTS, "Filtypen är inte tillåten"),
        ("ark.xlsx", HTML, uploads.SHEET_IMPORTS, "Filtypen är inte tillåten"),
        ("logo.png", PDF, uploads.LOGOS, "Filtypen är inte tillåten"),
        ("data.csv", HTML, uploads.DATA_IMPORTS, "Filtypen är inte tillåten"),
        ("tom.pdf", b"", uploads.DOCUMENTS, "Filen är tom"),
        ("stor.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * uploads.MB), uploads.LOGOS, "för stor"),
    ],
)
def test_wrong_or_oversized_content_is_refused_whatever_the_name(
    name: str, content: bytes, rule: uploads.UploadRule, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        uploads.validate_upload(SimpleUploadedFile(name, content), rule=rule)
    assert message in caught.value.messages[0]


@pytest.mark.django_db
def test_an_html_file_named_pdf_is_not_stored_as_a_partnership_document(
    world: World, media: Any
) -> None:
    # Before: partnership documents were checked by file name only and stored as such.
    partnership = factories.PartnershipFactory()
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("partners:document-create", args=[partnership.pk])
    response = client.post(url, {"title": "Avtal", "file": SimpleUploadedFile("avtal.pdf", HTML)})
    assert response.status_code == 400
    assert "Filtypen är inte tillåten" in response.content.decode()
    assert not PartnershipDocument.objects.exists()


@pytest.mark.django_db
def test_documents_and_attachments_share_names_and_download_headers(
    world: World, media: Any
) -> None:
    partnership = factories.PartnershipFactory()
    project = factories.ProjectFactory(department=world.own_department)
    client = Client()
    client.force_login(world.coordinator)
    client.post(
        reverse("partners:document-create", args=[partnership.pk]),
        {"title": "Vänortsavtal Halden", "is_agreement": "on",
         "file": SimpleUploadedFile("../min fil.pdf", PDF)},
    )  # fmt: skip
    client.post(
        reverse("projects:attachment-upload", args=[project.pk]),
        {"file": SimpleUploadedFile("Beslut.pdf", PDF), "description": ""},
    )
    document = PartnershipDocument.objects.get()
    attachment = Attachment.objects.get()
    assert "min fil" not in document.file.name and "Beslut" not in attachment.file.name
    assert document.file.name.startswith(f"private/partnerships/{partnership.pk}/")
    document_download = client.get(reverse("partners:document-download", args=[document.pk]))
    attachment_download = client.get(
        reverse("projects:attachment-download", args=[project.pk, attachment.pk])
    )
    headers = ("Content-Type", "X-Content-Type-Options", "Content-Security-Policy",
               "Cache-Control")  # fmt: skip
    for name in headers:
        assert document_download[name] == attachment_download[name], name
    assert document_download["Content-Type"] == "application/pdf"
    assert document_download["Content-Disposition"] == (
        "attachment; filename*=utf-8''V%C3%A4nortsavtal%20Halden.pdf"
    )


@pytest.mark.django_db
def test_sheet_imports_refuse_a_page_named_xlsx(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    for url in (reverse("projects:import"), reverse("partners:partnership-import")):
        response = client.post(url, {"file": SimpleUploadedFile("ark.xlsx", HTML)})
        assert response.status_code == 400, url
        assert "Filtypen är inte tillåten" in response.content.decode(), url


WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24


@pytest.mark.parametrize(
    ("name", "content", "rule", "kind"),
    [
        ("logo.webp", WEBP, uploads.LOGOS, "webp"),
        # Excel's Swedish CSV export is Windows-1252: "År;Valuta;Kurs" is still a rate list.
        (
            "kurser.csv",
            "År;Valuta;Kurs\n2026;EUR;11,43\n".encode("cp1252"),
            uploads.RATE_IMPORTS,
            "csv",
        ),  # fmt: skip
    ],
)
def test_logos_and_rate_imports_are_checked_by_the_one_validator(
    name: str, content: bytes, rule: uploads.UploadRule, kind: str
) -> None:
    assert uploads.validate_upload(SimpleUploadedFile(name, content), rule=rule) == kind


def test_a_page_in_windows_1252_is_no_rate_list() -> None:
    page = "<html><body>Växelkurser</body></html>".encode("cp1252")
    with pytest.raises(ValidationError, match="Filtypen är inte tillåten"):
        uploads.validate_upload(SimpleUploadedFile("kurser.csv", page), rule=uploads.RATE_IMPORTS)


def test_a_stored_logo_gets_a_generated_name(world: World, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("settings:municipality")).content.decode()
    data = {**as_post(form_data(page)), "logo_file": SimpleUploadedFile("vår logga.png", PNG)}
    assert client.post(reverse("settings:municipality"), data).status_code == 302
    stored = Municipality.current().logo.name
    assert stored.startswith("municipality/") and "logga" not in stored and stored.endswith(".png")
