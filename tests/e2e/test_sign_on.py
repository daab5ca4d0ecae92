"""Single sign-on end to end: Chromium, the portal, and a real OpenID Connect provider.

The provider is the npm package oidc-provider, started by this module as its own process on
loopback (tools/oidc-test-provider.mjs). Nothing is mocked: the browser is redirected to the
provider, signs in on its form, and comes back through the portal's callback, which fetches
the token from the provider's token endpoint and the claims from its userinfo endpoint. The
tampered and expired tokens are produced by the same provider for two other clients (one
changes the signed ID token's payload after signing, one hands out ID tokens that live one
second and holds the response back longer than that).
"""

from __future__ import annotations

import copy
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from intl_portal.organisation.models import Role, User
from tests import factories
from tests.conftest import World
from tests.e2e.conftest import Browsing

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
PROVIDER_SCRIPT = BASE_DIR / "tools" / "oidc-test-provider.mjs"
SECRET = "test-client-secret-0123456789"  # noqa: S105


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen[str]


@pytest.fixture(scope="module")
def provider(live_server: Any) -> Iterator[Provider]:
    node = shutil.which("node")
    if node is None or not (BASE_DIR / "tools" / "node_modules" / "oidc-provider").exists():
        pytest.fail("node and tools/node_modules/oidc-provider are needed (make node-tools)")
    process = subprocess.Popen(
        [node, str(PROVIDER_SCRIPT)],
        cwd=BASE_DIR / "tools",
        env={**os.environ, "PORTAL_URL": live_server.url, "CLIENT_SECRET": SECRET},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("READY "):
        process.kill()
        pytest.fail(f"the OpenID Connect provider did not start: {line!r}")
    try:
        yield Provider(issuer=line.split()[1], process=process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def _configure(settings: Any, provider: Provider, client_id: str = "portal", **extra: Any) -> None:
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_CLOCK_LEEWAY_SECONDS = 0
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    # As intl_portal/settings/base.py does for OIDC_ISSUER: logging out redirects there.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = [*policy["DIRECTIVES"]["form-action"], provider.issuer]
    settings.CONTENT_SECURITY_POLICY = policy
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        "portal.accounts.oidc.Backend",
    ]
    settings.OIDC_GROUP_ROLES = {"intl-samordnare": "coordinator", "intl-kontakt": "contact"}
    settings.OIDC_GROUP_DEPARTMENTS = {"forv-buf": "BUF"}
    settings.OIDC_UNKNOWN_USERS = "create"
    for name, value in extra.items():
        setattr(settings, name, value)


def _sign_on(browsing: Browsing, provider: Provider, login: str, password: str) -> Page:
    """From the portal's login page through the provider's form and back."""
    page = browsing.open()
    page.set_default_timeout(30_000)  # three processes and a browser on a shared machine
    page.goto(browsing.url("/accounts/login/"))
    browsing.checker.check(page, "sso-login-page")
    page.get_by_role("link", name="Logga in med kommunens inloggning").click()
    page.wait_for_url(f"{provider.issuer}/interaction/**")
    page.get_by_label("Användar-id").fill(login)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in hos kommunen").click()
    page.wait_for_url(f"{browsing.url('')}/**")
    page.wait_for_load_state("load")
    return page


def _refused(browsing: Browsing, page: Page, text: str, name: str) -> None:
    page.wait_for_url(browsing.url("/accounts/refused/"))
    expect(page.get_by_role("alert")).to_contain_text(text)
    browsing.checker.check(page, name)
    assert page.goto(browsing.url("/dashboard/")).url.startswith(browsing.url("/accounts/login/"))


def test_a_coordinator_signs_on_gets_the_role_from_groups_and_signs_out_of_both(
    browsing: Browsing, provider: Provider, settings: Any, world: World
) -> None:
    _configure(settings, provider)

    page = _sign_on(browsing, provider, "anna", "anna-losen")

    page.wait_for_url(browsing.url("/dashboard/"))
    expect(page.get_by_role("link", name="Inställningar")).to_be_visible()
    anna = User.objects.get(email="anna@lidkoping.se")
    assert anna.role == Role.COORDINATOR and anna.last_login is not None
    assert not anna.has_usable_password()
    browsing.checker.check(page, "sso-coordinator-dashboard")

    # Logging out ends the portal's session and, through its end-session page, the provider's.
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{provider.issuer}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(browsing.url("/"))
    assert page.goto(browsing.url("/dashboard/")).url.startswith(browsing.url("/accounts/login/"))
    page.goto(browsing.url("/accounts/oidc/authenticate/"))
    page.wait_for_url(f"{provider.issuer}/interaction/**")  # asked to sign in again
    expect(page.get_by_label("Användar-id")).to_be_visible()


def test_an_existing_contact_is_matched_by_verified_email_and_keeps_their_department(
    browsing: Browsing, provider: Provider, settings: Any, world: World
) -> None:
    _configure(settings, provider, OIDC_UNKNOWN_USERS="refuse")
    factories.UserFactory(
        username="karl",
        email="KARL@lidkoping.se",
        role=Role.CONTACT,
        department=world.own_department,
    )

    page = _sign_on(browsing, provider, "karl", "karl-losen")

    page.wait_for_url(browsing.url("/dashboard/"))
    karl = User.objects.get(username="karl")
    assert karl.role == Role.CONTACT and karl.department == world.own_department
    expect(page.get_by_role("link", name="Inställningar")).to_have_count(0)


def test_an_unknown_person_is_refused_when_the_setting_says_so(
    browsing: Browsing, provider: Provider, settings: Any, world: World
) -> None:
    _configure(settings, provider, OIDC_UNKNOWN_USERS="refuse")

    page = _sign_on(browsing, provider, "erik", "erik-losen")

    _refused(browsing, page, "Det finns inget konto i portalen för din e-postadress", "sso-unknown")
    assert not User.objects.filter(email="erik@lidkoping.se").exists()


def test_a_person_without_a_role_is_created_without_rights_and_told_so_in_swedish(
    browsing: Browsing, provider: Provider, settings: Any, world: World
) -> None:
    _configure(settings, provider)

    page = _sign_on(browsing, provider, "erik", "erik-losen")

    _refused(browsing, page, "du har ingen roll i portalen ännu", "sso-no-role")
    erik = User.objects.get(email="erik@lidkoping.se")
    assert erik.role == Role.NONE and erik.last_login is None


def test_an_unverified_address_is_refused(
    browsing: Browsing, provider: Provider, settings: Any, world: World
) -> None:
    _configure(settings, provider)

    page = _sign_on(browsing, provider, "vera", "vera-losen")

    _refused(browsing, page, "ingen bekräftad e-postadress", "sso-unverified")
    assert not User.objects.filter(email="vera@lidkoping.se").exists()


@pytest.mark.parametrize("client_id", ["portal-tampered", "portal-expired"])
def test_a_tampered_or_expired_id_token_is_refused(
    browsing: Browsing, provider: Provider, settings: Any, world: World, client_id: str
) -> None:
    _configure(settings, provider, client_id=client_id)
    factories.UserFactory(username="anna", email="anna@lidkoping.se", role=Role.COORDINATOR)

    page = _sign_on(browsing, provider, "anna", "anna-losen")

    _refused(browsing, page, "kunde inte godkännas", f"sso-{client_id}")
    assert User.objects.get(username="anna").last_login is None
