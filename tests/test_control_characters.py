"""Issue 33: a NUL or another control character in posted text is refused with one Swedish
message, the typed text shown again, 400: never a server error (PostgreSQL refuses NUL)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.test import Client
from django.urls import reverse

from actionplans.models import FollowUpRound
from intl_portal.lib.control_characters import MESSAGE
from tests.actionplans.test_followup import _open
from tests.actionplans.test_followup_close import _accept_own
from tests.conftest import World

pytestmark = pytest.mark.django_db

REFUSED = ["a\x00b", "a\x01b", "a\x08b", "a\x0bb", "a\x0cb", "a\x1bb", "a\x1fb", "a\x7fb", "\x1f"]
ALLOWED = ["rad ett\nrad två", "kolumn\tkolumn", "rad\r\nrad"]


@pytest.mark.parametrize("text", REFUSED)
def test_closing_a_round_with_a_control_character_in_the_reason_is_refused(
    world: World, client: Client, text: str
) -> None:
    followup_round = _open(world)
    _accept_own(world, followup_round)
    client.force_login(world.coordinator)

    response = client.post(
        reverse("actionplans:round-close", args=[followup_round.plan.year]),
        {"unreported_reason": f"Ingen kontakt {text} i höst"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert str(MESSAGE) in page
    assert "Ingen kontakt" in page and "i höst</textarea>" in page  # the typed text is kept
    assert 'aria-invalid="true"' in page
    followup_round.refresh_from_db()
    assert followup_round.status == FollowUpRound.Status.OPEN


def test_closing_a_round_with_a_reason_still_closes_it(world: World, client: Client) -> None:
    followup_round = _open(world)
    _accept_own(world, followup_round)
    client.force_login(world.coordinator)

    response = client.post(
        reverse("actionplans:round-close", args=[followup_round.plan.year]),
        {"unreported_reason": "Ingen kontakt\r\ni höst"},
    )

    assert response.status_code == 302
    followup_round.refresh_from_db()
    assert followup_round.status == FollowUpRound.Status.CLOSED


@pytest.mark.parametrize("text", REFUSED)
def test_every_kind_of_text_field_refuses_control_characters(text: str) -> None:
    for field in (
        forms.CharField(),
        forms.CharField(widget=forms.Textarea),
        forms.EmailField(),
        forms.URLField(assume_scheme="https"),
        forms.SlugField(),
        AuthenticationForm.base_fields["password"],  # declared before the portal started
        SetPasswordForm(user=None).fields["new_password1"],
    ):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(text)
        assert str(MESSAGE) in refused.value.messages


@pytest.mark.parametrize("text", ALLOWED)
def test_tabs_and_line_breaks_are_still_text(text: str) -> None:
    assert forms.CharField(strip=False).clean(text) == text


def test_a_model_form_shows_the_message_with_the_typed_text(world: World, client: Client) -> None:
    client.force_login(world.coordinator)

    response = client.post(reverse("partners:partner-create"), {"name": "Vänort\x07 AB"})

    assert response.status_code == 400
    page = response.content.decode()
    assert str(MESSAGE) in page
    assert "Vänort\x07 AB" in page
