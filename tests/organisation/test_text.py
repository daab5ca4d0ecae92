"""User-written Markdown becomes safe HTML: formatting survives, scripts and images do not."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from intl_portal.lib.text import markdown_to_safe_html


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        pytest.param("Hej <script>alert('xss')</script> då", ["<script", "alert("], id="script"),
        pytest.param(
            "Bild: <img src=x onerror=\"alert('xss')\">",
            ["<img", "onerror", "alert("],
            id="img-onerror",
        ),
        pytest.param(
            '<p onclick="alert(1)" onmouseover="alert(2)">Text</p>',
            ["onclick", "onmouseover", "alert("],
            id="event-attributes",
        ),
        pytest.param("[Klicka här](javascript:alert(1))", ["javascript:"], id="js-link"),
        pytest.param(
            '<a href="javascript:alert(1)">Klicka</a>', ["javascript:"], id="js-html-link"
        ),
        pytest.param(
            '<a href="JaVaScRiPt:alert(1)">Klicka</a>', ["javascript:"], id="js-mixed-case"
        ),
        pytest.param("![Logotyp](https://example.org/logo.png)", ["<img"], id="md-image"),
        pytest.param('<img src="https://example.org/a.png">', ["<img"], id="html-image"),
        pytest.param("<style>body{display:none}</style>Text", ["<style", "display:"], id="style"),
        pytest.param('<iframe src="https://evil.example"></iframe>', ["<iframe"], id="iframe"),
    ],
)
def test_markdown_removes_dangerous_markup(text: str, forbidden: list[str]) -> None:
    html = markdown_to_safe_html(text).lower()

    for fragment in forbidden:
        assert fragment.lower() not in html


def test_markdown_keeps_bold_lists_and_http_links() -> None:
    text = (
        "Projektet stärker **ungdomars delaktighet** och *lärande*.\n\n"
        "- Utbyte med Ringsted\n"
        "- Språkassistenter i Halden\n\n"
        "1. Ansökan\n"
        "2. Genomförande\n\n"
        "Läs mer på [Erasmus+](https://erasmus-plus.ec.europa.eu/) "
        "och [kommunen](http://www.skovde.se)."
    )

    html = markdown_to_safe_html(text)

    assert "<strong>ungdomars delaktighet</strong>" in html
    assert "<em>lärande</em>" in html
    assert "<ul>" in html and "<li>Utbyte med Ringsted</li>" in html
    assert "<ol>" in html and "<li>Genomförande</li>" in html
    assert 'href="https://erasmus-plus.ec.europa.eu/"' in html
    assert 'href="http://www.skovde.se"' in html
    assert ">Erasmus+</a>" in html


def test_markdown_links_cannot_reach_back_to_the_portal_window() -> None:
    html = markdown_to_safe_html("[Partner](https://example.org)")

    assert 'rel="noopener noreferrer nofollow"' in html


def test_markdown_escapes_text_that_looks_like_html() -> None:
    html = markdown_to_safe_html("Budget < 5 000 kr & mer än 3 > 2")

    assert "&lt;" in html and "&amp;" in html
    assert "< 5" not in html


def test_markdown_of_empty_text_is_empty() -> None:
    assert markdown_to_safe_html("") == ""
    assert markdown_to_safe_html(None) == ""  # type: ignore[arg-type]


def test_markdown_result_is_marked_safe_and_the_template_filter_cleans() -> None:
    assert isinstance(markdown_to_safe_html("**x**"), SafeString)

    rendered = Template("{% load text %}{{ value|markdown }}").render(
        Context({"value": "**Fet** <script>alert(1)</script>"})
    )

    assert "<strong>Fet</strong>" in rendered
    assert "<script" not in rendered
    assert "&lt;strong&gt;" not in rendered
