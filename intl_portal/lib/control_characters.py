"""Every text a form reads refuses control characters, in one place.

PostgreSQL cannot store NUL in a text column (a server error), and the other C0 control
characters and DEL are never typed by a person: they come from pasted binary, a broken client
or a probe, and would reach exports, the report and open data unseen. Django's own
ProhibitNullCharactersValidator covers NUL only, and only on fields built after it is added;
`register()` makes every `forms.CharField` (and its subclasses: e-mail, URL, the text fields
of every model form, Django's own login and password forms) check the raw text before it is
cleaned, so the form is shown again with the typed text and one Swedish message, and the view
answers 400 as for any other error. Tab, line feed and carriage return stay allowed.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MESSAGE = _(
    "Texten innehåller ett kontrolltecken som inte kan sparas (till exempel ett nolltecken "
    "från inklistrad text). Ta bort det och försök igen."
)


def has_control_characters(value: object) -> bool:
    """Whether `value` (a posted string, or a list of them) holds a refused character."""
    if isinstance(value, str):
        return FORBIDDEN.search(value) is not None
    if isinstance(value, list | tuple):
        return any(has_control_characters(item) for item in value)
    return False


def refuse_control_characters(value: object) -> None:
    """Raise the one Swedish message when `value` holds a refused character."""
    if has_control_characters(value):
        raise ValidationError(MESSAGE, code="control_characters")


_field_clean = forms.CharField.clean


def _clean(self: forms.CharField, value: Any) -> Any:
    # Before to_python: its strip() would silently drop the control characters that Python
    # counts as whitespace (\x0b, \x0c, \x1c-\x1f) at either end.
    refuse_control_characters(value)
    return _field_clean(self, value)


def register() -> None:
    """Make every form CharField refuse control characters (called once, at start-up).

    A method, not a validator appended to each field: fields declared before start-up ends
    (Django's auth forms, imported by the admin) get it too.
    """
    # The one hook, see above; mypy refuses assigning to a method and narrows `self`.
    forms.CharField.clean = _clean  # type: ignore[method-assign,assignment]
