"""The preferences page: each user chooses per kind, and only for themselves."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from intl_portal.notifications import kinds
from intl_portal.notifications.models import MailSettings, Preference
from tests.conftest import World

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def _form(**choices: str) -> dict[str, str]:
    data = {kind.key: "now" for kind in kinds.KINDS}
    data["language"] = "sv"
    data.update(choices)
    return data


def test_every_kind_defaults_to_mail_now(client: Client, world: World) -> None:
    client.force_login(world.contact)
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert all(form[kind.key].value() == "now" for kind in kinds.KINDS)
    assert "Ett projekt återsänds" in response.content.decode()


def test_a_user_saves_their_own_choices(client: Client, world: World) -> None:
    client.force_login(world.contact)
    response = client.post(
        URL, _form(project_returned="off", followup_reminder="digest", language="en")
    )
    assert response.status_code == 302
    mine = dict(Preference.objects.filter(user=world.contact).values_list("kind", "delivery"))
    assert mine["project_returned"] == "off" and mine["followup_reminder"] == "digest"
    assert MailSettings.objects.get(user=world.contact).language == "en"
    assert not Preference.objects.exclude(user=world.contact).exists()

    client.post(URL, _form(project_returned="now"))
    assert Preference.objects.get(user=world.contact, kind="project_returned").delivery == "now"


def test_an_unknown_choice_is_refused_and_the_others_kept(client: Client, world: World) -> None:
    client.force_login(world.contact)
    response = client.post(URL, _form(project_returned="pigeon", followup_reminder="off"))
    assert response.status_code == 400
    assert response.context["form"]["followup_reminder"].value() == "off"
    assert not Preference.objects.exists()
