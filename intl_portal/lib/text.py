"""User text to safe HTML."""

from __future__ import annotations

import html
import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def markdown_to_safe_html(text: str, *, links: bool = True) -> SafeString:
    """Render Markdown and keep only a small set of tags; no images, scripts or styles.

    With links=False (printed documents) links are reduced to their text.
    """
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS if links else ALLOWED_TAGS - {"a"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above


_BLOCK_END = re.compile(r"</(p|h[1-6]|blockquote|pre|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_ITEM_START = re.compile(r"<li>", re.IGNORECASE)


def markdown_to_plain_text(text: str) -> str:
    """User Markdown as plain text: paragraphs on lines of their own, no markup left.

    For open data and exports, where `**demokrati**` must read "demokrati".
    """
    html_text = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html_text = _BLOCK_END.sub("\n", _ITEM_START.sub("\n• ", html_text))
    plain = html.unescape(nh3.clean(html_text, tags=set()))
    lines = [line.strip() for line in plain.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
