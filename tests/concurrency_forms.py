"""Reading an edit page's form the way a browser submits it (for the two-person tests)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormParser(HTMLParser):
    """Collects the successful controls of the page's POST forms: name → list of values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._select_multiple = False
        self._select_first: str | None = None
        self._select_chosen = False
        self._option: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self._form.setdefault(a["name"], []).append(a.get("value", default))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._select_multiple = "multiple" in a
            self._select_first, self._select_chosen = None, False
            self._form.setdefault(self._select, [])
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": []}

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        if self._option is not None:
            self._option["text"].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self._form.setdefault(self._textarea, []).append(text.removeprefix("\n"))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option["value"]
            if value is None:
                value = "".join(self._option["text"]).strip()
            if self._select_first is None:
                self._select_first = value
            if self._option["selected"]:
                self._form[self._select].append(value)
                self._select_chosen = True
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._select_multiple and not self._select_chosen and self._select_first:
                self._form[self._select].append(self._select_first)
            self._select = None
        elif tag == "form":
            self._form = None


def form_data(html: str, *, marker: str = "opened") -> dict[str, list[str]]:
    """The fields of the page's POST form that carries `marker` (the versioned edit form)."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        if marker in form:
            return form
    raise AssertionError(f"no POST form with a {marker!r} field on the page")


def as_post(data: dict[str, list[str]]) -> dict[str, Any]:
    """For Django's test client: single values as strings, several as lists."""
    return {k: v if len(v) != 1 else v[0] for k, v in data.items()}
