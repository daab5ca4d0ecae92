"""Issue 7: generated input (hypothesis) posted to every form of the portal never gives a 500.

Which URLs accept POST is taken from tests/permission_matrix.py (whose own test proves every
URL's POST outcome for every role): a URL that answers POST with anything but 405 for some
role accepts POST. Each one is either fuzzed here (FORM_URLS) or excluded with a reason
(EXCLUDED); `test_every_post_accepting_url_is_fuzzed_or_excluded` fails otherwise.

The fields posted are the ones a browser would post: read from the form on the page itself
(inputs, selects with their options, textareas, hidden formset management fields), or, for
POST-only URLs whose form is rendered on another page, from the form class. Each field is
then missing, sent once or sent twice (duplicated key), with valid choices mixed with text
containing unicode, control characters, HTML, spreadsheet formulas, numbers and bad dates,
very long strings and random files, plus keys no form knows.

Every example runs in a savepoint that is rolled back, so examples do not depend on one
another. `derandomize=True` and no example database: CI runs the very same examples every
time (a failure is reproducible by re-running the test); the price is that new examples are
only explored when the strategies change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from actionplans.forms import CommentForm, ReportRequestForm
from actionplans.models import Goal
from funding.forms import InterestForm
from partners.forms import ErasureForm
from projects.forms import AttachmentForm, ReturnForm
from tests import factories
from tests.conftest import World
from tests.permission_matrix import MATRIX, METHOD, ROLES
from tests.stored_text import columns_where, postgresql, text_columns
from tests.test_permission_matrix import SETUPS

pytestmark = pytest.mark.django_db

EXAMPLES_PER_URL = 12  # ~55 URLs: the whole file stays under 60 s

FUZZ = hypothesis_settings(
    max_examples=EXAMPLES_PER_URL,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- What a form consists of -----------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text", "choice", "multi", "checkbox", "file", "hidden"
    options: tuple[str, ...] = ()


def fields_of(form_class: type[forms.BaseForm]) -> Callable[[], list[Field]]:
    """The fields of a form class (for POST-only URLs whose form lives on another page)."""

    def read() -> list[Field]:
        result = []
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.FileField):
                result.append(Field(name, "file"))
            elif isinstance(field, forms.BooleanField):
                result.append(Field(name, "checkbox", ("on",)))
            elif isinstance(field, forms.ChoiceField):
                options = tuple(str(value) for value, _label in field.choices)
                result.append(Field(name, "choice", options))
            else:
                result.append(Field(name, "text"))
        return result

    return read


def token_field() -> list[Field]:
    return [Field("token", "text")]


class _FormReader(HTMLParser):
    """Collect the named fields of the POST forms whose action is `path` (or empty)."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.in_form = False
        self.select: str | None = None
        self.select_multiple = False
        self.options: list[str] = []
        self.fields: dict[str, Field] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urlsplit(a.get("action", "")).path
            self.in_form = a.get("method", "").lower() == "post" and action in ("", self.path)
        elif self.in_form and tag == "option" and self.select is not None:
            self.options.append(a.get("value", ""))
        elif self.in_form and a.get("name"):
            self._named(tag, a["name"], a)

    def _named(self, tag: str, name: str, a: dict[str, str]) -> None:
        if tag == "input":
            self._input(name, a.get("type", "text").lower(), a.get("value", ""))
        elif tag == "textarea":
            self.fields[name] = Field(name, "text")
        elif tag == "select":
            self.select, self.select_multiple, self.options = name, "multiple" in a, []

    def _input(self, name: str, kind: str, value: str) -> None:
        if kind in ("submit", "button", "reset") or name == "csrfmiddlewaretoken":
            return
        if kind in ("checkbox", "radio"):
            known = self.fields.get(name)
            options = (*(known.options if known else ()), value or "on")
            self.fields[name] = Field(name, "checkbox" if kind == "checkbox" else "choice", options)
        elif kind in ("file", "hidden"):
            self.fields[name] = Field(name, kind, (value,) if kind == "hidden" else ())
        else:
            self.fields[name] = Field(name, "text")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select is not None:
            kind = "multi" if self.select_multiple else "choice"
            self.fields[self.select] = Field(self.select, kind, tuple(self.options))
            self.select = None


def fields_on_page(html: str, path: str) -> list[Field]:
    reader = _FormReader(path)
    reader.feed(html)
    return list(reader.fields.values())


# --- Generated values --------------------------------------------------------------------------

NASTY = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\t\x0b\x0c\x1b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil","x")',
    "=1+1",
    "+46 70",
    "-1",
    "@SUM(A1:A9)",
    "0",
    "-0",
    "1e309",
    "NaN",
    "Infinity",
    "-9223372036854775809",
    "99999999999999999999999999999999999999",
    "1,5",
    "0x1F",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "31/12/2026",
    "2026-01-01T25:61",
    "null",
    "None",
    "true",
    "../../etc/passwd",
    "%s%s%n",
    "{{ request }}",
    "' OR 1=1 --",
    "\u202eevil",
    "😀" * 3,
    "Åsa Öberg-Ängström",
    "ß" * 100,
)

text_values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # control characters
    st.builds(
        lambda piece, times: piece * times, st.text(min_size=1, max_size=4), st.integers(100, 1500)
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat()),
)

FILE_NAMES = (
    "data.csv",
    "data.xlsx",
    "report.pdf",
    "bild.png",
    "x",
    "",
    "../../x.pdf",
    "a" * 300 + ".pdf",
    "rapport 2026 – slutlig.PDF",
    "nul\x00.pdf",
)
FILE_HEADS = (b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbfnamn;land;typ\n", b"\x89PNG\r\n")


@st.composite
def files(draw: st.DrawFn) -> SimpleUploadedFile:
    head = draw(st.sampled_from(FILE_HEADS))
    body = draw(st.one_of(st.binary(max_size=300), text_values.map(lambda s: s.encode())))
    return SimpleUploadedFile(draw(st.sampled_from(FILE_NAMES)), head + body)


def value_for(field: Field) -> st.SearchStrategy[Any]:
    if field.kind == "file":
        return st.one_of(files(), text_values)
    if field.options:
        return st.one_of(st.sampled_from(field.options), text_values)
    return text_values


@st.composite
def payloads(draw: st.DrawFn, fields: list[Field]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in fields:
        presence = draw(st.sampled_from(("once", "once", "missing", "twice")))
        if presence == "missing":
            continue
        values = [draw(value_for(field)) for _ in range(1 if presence == "once" else 2)]
        data[field.name] = values[0] if presence == "once" else values
    extra = draw(st.dictionaries(st.text(min_size=1, max_size=10), text_values, max_size=2))
    for key, value in extra.items():
        data.setdefault(key, value)
    return data


# --- Which URLs are fuzzed ---------------------------------------------------------------------


@dataclass(frozen=True)
class FormUrl:
    url: str
    setup: str  # a SETUPS key from tests/test_permission_matrix.py
    role: str = "coordinator"
    fields: Callable[[], list[Field]] | None = None  # None: read the form on the page itself


FORM_URLS: tuple[FormUrl, ...] = (
    FormUrl("login", "none", role="anonymous"),
    FormUrl("accessibility", "none", role="anonymous"),
    FormUrl(
        "set_language",
        "none",
        fields=lambda: [Field("language", "choice", ("sv", "en")), Field("next", "text")],
    ),
    # signing in, passwords and the settings area (issue 13)
    FormUrl("password_reset", "none", role="anonymous"),
    FormUrl(
        "password_reset_confirm",
        "bad_password_link",
        role="anonymous",
        fields=lambda: [Field("new_password1", "text"), Field("new_password2", "text")],
    ),
    FormUrl("settings:municipality", "none"),
    FormUrl("settings:user-invite", "none"),
    FormUrl("settings:user-edit", "invited_user"),
    FormUrl("settings:rate-import", "none"),
    FormUrl("settings:kind-create", "kind_departments"),
    FormUrl("settings:kind-edit", "kind_exchange-rates_object"),
    # a user's own mail preferences (issue 14)
    FormUrl("notifications:preferences", "none"),
    # projects
    FormUrl("projects:create", "none"),
    FormUrl("projects:emission-factor-edit", "emission_factor"),
    FormUrl("projects:edit", "draft_project"),
    FormUrl("projects:return", "submitted_project", fields=fields_of(ReturnForm)),
    FormUrl("projects:import", "none"),
    FormUrl("projects:import-confirm", "none", fields=token_field),
    FormUrl("projects:import-cancel", "none", fields=token_field),
    FormUrl(
        "projects:revision-return", "project_with_pending_change", fields=fields_of(ReturnForm)
    ),
    FormUrl("projects:attachment-upload", "draft_project", fields=fields_of(AttachmentForm)),
    FormUrl("projects:activity-create", "none"),
    FormUrl("projects:activity-edit", "draft_activity"),
    FormUrl("projects:activity-return", "submitted_activity", fields=fields_of(ReturnForm)),
    # actionplans
    FormUrl("actionplans:create", "none"),
    FormUrl("actionplans:goal-create", "plan"),
    FormUrl("actionplans:goal-edit", "own_goal"),
    FormUrl("actionplans:goal-outcome", "own_goal_open_round"),
    FormUrl("actionplans:department-plan-edit", "own_department_plan"),
    FormUrl(
        "actionplans:department-plan-return",
        "submitted_department_plan",
        fields=fields_of(CommentForm),
    ),
    FormUrl("actionplans:adopt", "plan"),
    FormUrl("actionplans:revise", "adopted_plan"),
    FormUrl("actionplans:copy-forward", "plan"),
    FormUrl("actionplans:round-open", "adopted_plan"),
    # the reason for departments that did not report went to the database unchecked (issue 33)
    FormUrl(
        "actionplans:round-close",
        "open_round",
        fields=lambda: [Field("unreported_reason", "text")],
    ),
    FormUrl("actionplans:part-return", "ready_part", fields=fields_of(CommentForm)),
    FormUrl("actionplans:strategy-create", "none"),
    FormUrl("actionplans:strategy-edit", "strategy"),
    FormUrl("reports:report-request", "none", fields=fields_of(ReportRequestForm)),
    # partners
    FormUrl("partners:partnership-create", "none"),
    FormUrl("partners:partnership-edit", "twinning_partnership"),
    FormUrl("partners:partner-create", "none"),
    FormUrl("partners:partner-edit", "partner"),
    FormUrl("partners:evaluation-create", "twinning_partnership"),
    FormUrl("partners:contact-create", "twinning_partnership"),
    FormUrl("partners:political-contact-create", "twinning_partnership"),
    FormUrl("partners:contact-edit", "contact_person_of_twinning"),
    FormUrl("partners:document-create", "twinning_partnership"),
    FormUrl("partners:meeting-create", "none"),
    FormUrl("partners:meeting-edit", "meeting"),
    FormUrl("partners:membership-create", "none"),
    FormUrl("partners:membership-edit", "membership"),
    FormUrl("partners:membership-handover", "membership"),
    FormUrl("partners:partnership-handover", "twinning_partnership"),
    FormUrl("partners:analysis-create", "membership"),
    FormUrl("partners:analysis-edit", "benefit_analysis"),
    FormUrl("partners:report-create", "membership_with_representative"),
    FormUrl("partners:selection-create", "none"),
    FormUrl("partners:selection-edit", "selection_analysis"),
    FormUrl("partners:partnership-import", "none"),
    FormUrl("partners:partnership-import-confirm", "none", fields=token_field),
    FormUrl("partners:partnership-import-cancel", "none", fields=token_field),
    FormUrl("partners:proposal-detail", "proposal"),
    FormUrl("partners:personal-data-erase", "none", fields=fields_of(ErasureForm)),
    FormUrl("public_partnerships:proposal-create", "fresh_proposal_limit", role="anonymous"),
    # funding radar (issue 19)
    FormUrl("funding:create", "none"),
    FormUrl("funding:edit", "call"),
    FormUrl("funding:mark", "call", fields=fields_of(InterestForm)),
    FormUrl("funding:idea", "call", fields=fields_of(InterestForm)),
    FormUrl("funding:import", "none"),
    FormUrl("funding:import-confirm", "none", fields=token_field),
    FormUrl("funding:import-cancel", "none", fields=token_field),
    FormUrl("funding:keywords-area", "focus_area"),
    FormUrl("funding:keywords-goal", "current_goal"),
)

_BUTTON = "a button: the view reads no POST field, posting anything performs the action"
EXCLUDED: dict[str, str] = {
    "logout": "Django's LogoutView reads no POST field",
    "admin:login": "Django's admin, not used by portal roles (tests/test_permission_matrix.py)",
    "admin:logout": "Django's admin, reads no POST field",
    "accessibility-report-handled": _BUTTON,
    "history-restore": _BUTTON,
    "settings:user-deactivate": _BUTTON,
    "settings:user-reactivate": _BUTTON,
    "settings:user-reinvite": _BUTTON,
    "settings:user-password-reset": _BUTTON,
    "projects:submit": _BUTTON,
    "projects:approve": _BUTTON,
    "projects:publish": _BUTTON,
    "projects:unpublish": _BUTTON,
    "projects:revision-approve": _BUTTON,
    "projects:attachment-delete": _BUTTON,
    "projects:activity-submit": _BUTTON,
    "projects:activity-approve": _BUTTON,
    "calendar-feed-link": _BUTTON,
    "actionplans:department-plan-submit": _BUTTON,
    "actionplans:department-plan-accept": _BUTTON,
    "actionplans:propose": _BUTTON,
    "actionplans:part-ready": _BUTTON,
    "actionplans:part-accept": _BUTTON,
    "reports:report-retry": _BUTTON,
    "reports:report-publish": _BUTTON,
    "partners:contact-delete": _BUTTON,
}


def post_accepting_urls() -> set[str]:
    """URL names that some role may POST to (anything but 405 in the permission matrix)."""
    return {
        row.url for row in MATRIX if any(row.expected(role, "POST") != METHOD for role in ROLES)
    }


def test_every_post_accepting_url_is_fuzzed_or_excluded() -> None:
    fuzzed = {entry.url for entry in FORM_URLS}
    missing = sorted(post_accepting_urls() - fuzzed - set(EXCLUDED))
    assert not missing, (
        "URLs that accept POST but are neither in FORM_URLS nor in EXCLUDED (with a reason) "
        f"in tests/test_forms_fuzz.py: {missing}"
    )


def test_fuzz_table_has_no_stale_or_doubled_entries() -> None:
    accepting = post_accepting_urls()
    fuzzed = [entry.url for entry in FORM_URLS]
    assert len(fuzzed) == len(set(fuzzed)), "a URL is listed twice in FORM_URLS"
    assert not set(fuzzed) & set(EXCLUDED), "a URL is both fuzzed and excluded"
    stale = sorted((set(fuzzed) | set(EXCLUDED)) - accepting)
    assert not stale, f"entries for URLs that do not accept POST (or are gone): {stale}"
    unknown = [entry.setup for entry in FORM_URLS if entry.setup not in SETUPS]
    assert not unknown, f"unknown setups: {unknown}"


# --- The fuzzing -----------------------------------------------------------------------------


def _fields(entry: FormUrl, client: Client, url: str) -> list[Field]:
    if entry.fields is not None:
        return entry.fields()
    page = client.get(url)
    assert page.status_code == 200, f"GET {url} answered {page.status_code}"
    fields = fields_on_page(page.content.decode(), url)
    assert fields, f"no POST form with action {url!r} on the page; give FormUrl.fields"
    return fields


def post_and_check(client: Client, url: str, data: dict[str, Any]) -> None:
    with transaction.atomic():
        response = client.post(url, data)
        transaction.set_rollback(True)
    assert response.status_code < 500, f"POST {url} answered {response.status_code}: {data!r}"


def _open_form(  # noqa: PLR0913 - the fixtures a form's page needs
    entry: FormUrl,
    *,
    world: World,
    client: Client,
    request: pytest.FixtureRequest,
    settings: Any,
    tmp_path: Path,
) -> tuple[str, list[Field]]:
    """The form's URL in its setup, its user signed in, and the fields its page shows."""
    settings.MEDIA_ROOT = tmp_path / "media"
    url = reverse(entry.url, kwargs=SETUPS[entry.setup](world, request))
    if entry.role != "anonymous":
        client.force_login(getattr(world, entry.role))
    return url, _fields(entry, client, url)


@pytest.mark.parametrize("entry", FORM_URLS, ids=lambda entry: f"{entry.url}[{entry.setup}]")
def test_generated_input_never_gives_a_server_error(
    entry: FormUrl,
    *,
    world: World,
    client: Client,
    request: pytest.FixtureRequest,
    settings: Any,
    tmp_path: Path,
) -> None:
    url, fields = _open_form(
        entry, world=world, client=client, request=request, settings=settings, tmp_path=tmp_path
    )

    @FUZZ
    @given(data=payloads(fields))
    def post(data: dict[str, Any]) -> None:
        post_and_check(client, url, data)

    post()


def test_an_id_no_column_can_hold_is_a_clear_error_not_a_server_error(
    client: Client, world: World
) -> None:
    """Found by the fuzz above on SQLite: a checkbox value below -2**63 in a list of ids."""
    goal = factories.GoalFactory(department=world.own_department)
    client.force_login(world.coordinator)
    response = client.post(
        reverse("actionplans:goal-edit", args=[goal.pk]),
        {"description": "Nytt mål", "sdgs": ["-9223372036854775809", str(2**70)]},
    )
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).description != "Nytt mål"


# --- Control characters in every text field (issue 33) ----------------------------------------

CONTROL_CHARACTERS = "\x00\x01\x02\x07\x08\x0b\x0c\x0e\x1b\x1c\x1f\x7f"
STORED_CONTROL = "[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]"  # NUL cannot be stored at all
CONTROL_EXAMPLES_PER_URL = 5

control_text = st.builds(
    lambda before, character, after: before + character + after,
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x17F), max_size=12),
    st.sampled_from(CONTROL_CHARACTERS),
    st.text(max_size=12),
)


@st.composite
def control_payloads(draw: st.DrawFn, fields: list[Field]) -> dict[str, Any]:
    """Every text field (and hidden one) holds a control character; the rest a valid option."""
    data: dict[str, Any] = {}
    for field in fields:
        if field.kind in ("text", "hidden"):
            data[field.name] = draw(control_text)
        elif field.kind == "file":
            name = draw(control_text) + ".pdf"
            data[field.name] = SimpleUploadedFile(name, b"%PDF-1.4\n")
        elif field.options:
            data[field.name] = draw(st.sampled_from(field.options))
    return data


def columns_holding_control_characters(columns: list[tuple[str, str]]) -> list[str]:
    """Every text column of every table (history tables too) with a stored control character."""
    # SQLite has REGEXP through the function Django's backend gives every connection.
    condition = "{column} ~ %s" if postgresql() else "{column} REGEXP %s"
    return columns_where(columns, condition, STORED_CONTROL)


@pytest.mark.parametrize("entry", FORM_URLS, ids=lambda entry: f"{entry.url}[{entry.setup}]")
def test_control_characters_in_every_text_field_are_refused_never_stored(
    entry: FormUrl,
    *,
    world: World,
    client: Client,
    request: pytest.FixtureRequest,
    settings: Any,
    tmp_path: Path,
) -> None:
    url, fields = _open_form(
        entry, world=world, client=client, request=request, settings=settings, tmp_path=tmp_path
    )
    columns = text_columns()
    assert not columns_holding_control_characters(columns)

    @hypothesis_settings(FUZZ, max_examples=CONTROL_EXAMPLES_PER_URL)
    @given(data=control_payloads(fields))
    def post(data: dict[str, Any]) -> None:
        with transaction.atomic():
            response = client.post(url, data)
            stored = columns_holding_control_characters(columns)
            transaction.set_rollback(True)
        assert response.status_code < 500, f"POST {url} answered {response.status_code}: {data!r}"
        assert not stored, f"POST {url} stored a control character in {stored}: {data!r}"

    post()
