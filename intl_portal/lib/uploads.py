"""The one check for every upload: type by content, size limits, generated storage names and the
same download headers for every private file the portal serves.

A file's name says nothing about what it is: an HTML page named `avtal.pdf` is refused. Each
kind of upload names its `UploadRule` (what it accepts, how big); forms use `CheckedFileField`
(or call `validate_upload`), models store under `storage_name(...)`, and download views answer
with `download_response(...)`.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.functional import lazy
from django.utils.translation import gettext as _

MB = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    content_type: str
    extension: str


KINDS: dict[str, FileKind] = {
    kind.code: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", "pdf"),
        FileKind(
            "docx",
            "Word (DOCX)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        FileKind(
            "xlsx",
            "Excel (XLSX)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        FileKind("odt", "OpenDocument (ODT)", "application/vnd.oasis.opendocument.text", "odt"),
        FileKind("png", "PNG", "image/png", "png"),
        FileKind("jpeg", "JPEG", "image/jpeg", "jpg"),
        FileKind("webp", "WebP", "image/webp", "webp"),
        FileKind("csv", "CSV", "text/csv; charset=utf-8", "csv"),
        FileKind("json", "JSON", "application/json", "json"),
    )
}
UNKNOWN = FileKind("", "", "application/octet-stream", "bin")


@dataclass(frozen=True)
class UploadRule:
    """What one kind of upload accepts: the file kinds (by content) and the largest size."""

    kinds: tuple[str, ...]
    max_bytes: int

    @property
    def accept(self) -> str:
        """The file input's `accept` hint (a convenience for the picker, never the check)."""
        extensions = {f".{KINDS[k].extension}" for k in self.kinds}
        if "jpeg" in self.kinds:
            extensions.add(".jpeg")
        return ",".join(sorted(extensions))

    def kinds_text(self) -> str:
        """'PDF, Word (DOCX) eller PNG'."""
        labels = [KINDS[k].label for k in self.kinds]
        if len(labels) == 1:
            return labels[0]
        return _("%(first)s eller %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}

    def describe(self) -> str:
        """The help text under the file input: 'PDF eller PNG, högst 10 MB.'."""
        return _("%(kinds)s, högst %(max)s MB.") % {
            "kinds": self.kinds_text(),
            "max": self.max_bytes // MB,
        }


ATTACHMENTS = UploadRule(kinds=("pdf", "docx", "xlsx", "png", "jpeg"), max_bytes=10 * MB)
DOCUMENTS = UploadRule(kinds=("pdf", "docx", "odt", "png", "jpeg"), max_bytes=10 * MB)
SHEET_IMPORTS = UploadRule(kinds=("xlsx",), max_bytes=10 * MB)
DATA_IMPORTS = UploadRule(kinds=("xlsx", "csv", "json"), max_bytes=10 * MB)
LOGOS = UploadRule(kinds=("png", "jpeg", "webp"), max_bytes=1 * MB)
RATE_IMPORTS = UploadRule(kinds=("csv", "xlsx"), max_bytes=1 * MB)


OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def _zip_kind(uploaded: Any) -> str | None:
    """DOCX, XLSX and ODT are zip packages: the parts inside say which."""
    try:
        with zipfile.ZipFile(uploaded) as package:
            names = set(package.namelist())
            mimetype = package.read("mimetype")[:100].strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    if mimetype:
        return "odt" if mimetype == KINDS["odt"].content_type.encode() else None
    if "[Content_Types].xml" not in names:
        return None
    found = [kind for part, kind in OFFICE_PARTS.items() if part in names]
    return found[0] if len(found) == 1 else None


TEXT_SNIFF_BYTES = 64 * 1024


def _legacy_csv(text: bytes) -> str | None:
    """A CSV file saved by Excel in Windows-1252 ("År;Valuta"): printable 8-bit text only."""
    decoded = text.decode("cp1252", errors="replace")
    if "\ufffd" in decoded or decoded.lstrip()[:1] in {"<", "{", "["}:
        return None
    if any(not (c.isprintable() or c in "\t\r\n") for c in decoded):
        return None
    return "csv"


def _text_kind(head: bytes) -> str | None:
    """CSV or JSON: UTF-8 text without NUL bytes; markup (an HTML page) is neither."""
    if b"\x00" in head:
        return None
    text = head.removeprefix(b"\xef\xbb\xbf")
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as exc:  # a cut in the middle of a character at the end is fine
        if exc.start < len(text) - 3:
            return _legacy_csv(text)
        decoded = text[: exc.start].decode("utf-8")
    stripped = decoded.lstrip()
    if not stripped:
        return None
    if stripped[0] in "{[":
        return "json"
    if stripped[0] == "<":
        return None
    return "csv"


def sniff(uploaded: Any) -> str | None:
    """The kind the file's content shows (a code of KINDS), or None for anything else."""
    uploaded.seek(0)
    head = uploaded.read(TEXT_SNIFF_BYTES)
    uploaded.seek(0)
    kind: str | None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        kind = "webp"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(uploaded)
    else:
        kind = _text_kind(head)
    uploaded.seek(0)
    return kind


def validate_upload(uploaded: Any, *, rule: UploadRule) -> str:
    """The kind of an acceptable upload; a ValidationError in Swedish with the reason otherwise."""
    size = getattr(uploaded, "size", None) or 0
    if size > rule.max_bytes:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(max)s MB.")
            % {"size": f"{size / MB:.1f}".replace(".", ","), "max": rule.max_bytes // MB},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    kind = sniff(uploaded)
    if kind is None or kind not in rule.kinds:
        raise ValidationError(
            _(
                "Filtypen är inte tillåten. Innehållet måste vara %(kinds)s – "
                "filnamnets ändelse räcker inte."
            )
            % {"kinds": rule.kinds_text()},
            code="kind",
        )
    return kind


class CheckedFileField(forms.FileField):
    """A file field checked by `validate_upload`; the kind found is left on the file as `.kind`."""

    def __init__(self, *, rule: UploadRule, **kwargs: Any) -> None:
        self.rule = rule
        kwargs.setdefault("help_text", lazy(rule.describe, str)())
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": rule.accept}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial and hasattr(uploaded, "seek"):
            uploaded.kind = validate_upload(uploaded, rule=self.rule)
        return uploaded


def storage_name(folder: str) -> str:
    """A generated name under `folder`: never the user's file name, never guessable."""
    return f"{folder.strip('/')}/{uuid.uuid4().hex}"


def generated_name(kind: str) -> str:
    """A generated file name with the extension of the checked content (no folder)."""
    return f"{uuid.uuid4().hex}.{KINDS.get(kind, UNKNOWN).extension}"


def safe_name(name: str, *, default: str = "fil") -> str:
    """A user's file name or title, cut to something every browser and file system accepts."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in name if c.isprintable() and c not in '"<>:|?*;/')
    return cleaned.strip()[:200] or default


def download_name(name: str, kind: str) -> str:
    """`name` (the user's file name or a title) with the extension its checked content has."""
    base = safe_name(name)
    stem, dot, extension = base.rpartition(".")
    if not (dot and stem and re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,4}", extension)):
        stem = base  # "Avtal v. 2.0" has no extension to replace
    stem = re.sub(r"\s+", " ", unicodedata.normalize("NFC", stem)).strip() or "fil"
    return f"{stem}.{KINDS.get(kind, UNKNOWN).extension}"


def download_response(handle: Any, *, name: str, kind: str) -> FileResponse:
    """A private file as a download: the checked type, never rendered by the browser."""
    file_kind = KINDS.get(kind, UNKNOWN)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(name, kind),
        content_type=file_kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
