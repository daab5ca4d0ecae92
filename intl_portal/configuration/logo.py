"""The municipality's logo: which files are accepted and how the stored one is named.

The header shows the logo on every page, so only raster images whose first bytes match
their type are accepted (no SVG: it can carry scripts).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

MAX_BYTES = 1024 * 1024
CONTENT_TYPES = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/webp": b"RIFF",
}
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


def sniff(head: bytes) -> str | None:
    """The image type the file's first bytes show, or None."""
    for content_type, magic in CONTENT_TYPES.items():
        if head.startswith(magic) and (content_type != "image/webp" or head[8:12] == b"WEBP"):
            return content_type
    return None


def validate(uploaded: Any) -> str:
    """The file's content type, or a ValidationError with a Swedish message."""
    if uploaded.size > MAX_BYTES:
        raise forms.ValidationError(_("Logotypen får vara högst 1 MB."))
    head = uploaded.read(16)
    uploaded.seek(0)
    content_type = sniff(head)
    if content_type is None:
        raise forms.ValidationError(_("Logotypen måste vara en PNG-, JPEG- eller WebP-bild."))
    return content_type
