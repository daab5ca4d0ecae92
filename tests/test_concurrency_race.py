"""Two threads save the same record at the same moment, 100 rounds, on PostgreSQL (issue 21).

Each round both threads open the record at the same version and then save at once, released by
a barrier: in even rounds they change different fields (both must be kept), in odd rounds the
same field (exactly one wins, the other gets EditConflict). No round may lose an update.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from intl_portal.lib.concurrency import EditConflict, Opened
from intl_portal.organisation.models import Role
from partners import services
from partners.models import Partner
from projects import services as project_services
from projects.models import Indicator, Project
from projects.services import READERS
from tests import factories

ROUNDS = 100
FIELDS = ["region", "notes"]


def _save(
    *,
    partner_pk: int,
    user: Any,
    opened: Opened,
    data: dict[str, str],
    out: dict[str, Any],
    barrier: threading.Barrier,
) -> None:
    try:
        partner = Partner.objects.get(pk=partner_pk)
        barrier.wait(timeout=30)
        services.partner_update(partner=partner, user=user, data=data, opened=opened)
        out["result"] = "saved" if opened.merged is None else "merged"
    except EditConflict:
        out["result"] = "conflict"
    except Exception as exc:  # noqa: BLE001 - reported by the test
        out["result"] = f"error: {exc!r}"
    finally:
        connections.close_all()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_at_once_never_lose_an_update() -> None:
    factories.MunicipalityFactory()
    anna = factories.UserFactory(first_name="Anna", last_name="Berg", role=Role.COORDINATOR)
    bo = factories.UserFactory(first_name="Bo", last_name="Ek", role=Role.COORDINATOR)
    partner = factories.PartnerFactory(region="", notes="")
    lost, outcomes = [], {"saved": 0, "merged": 0, "conflict": 0}
    for round_number in range(ROUNDS):
        same_field = round_number % 2 == 1
        opened = [Opened.of(Partner.objects.get(pk=partner.pk), FIELDS) for _ in range(2)]
        changes = [
            {"notes" if same_field else "region": f"Anna {round_number}"},
            {"notes": f"Bo {round_number}"},
        ]
        results: list[dict[str, Any]] = [{}, {}]
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(
                target=_save,
                kwargs={
                    "partner_pk": partner.pk,
                    "user": user,
                    "opened": opened[i],
                    "data": changes[i],
                    "out": results[i],
                    "barrier": barrier,
                },
            )  # fmt: skip
            for i, user in enumerate((anna, bo))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        kinds = sorted(r.get("result", "none") for r in results)
        saved = Partner.objects.get(pk=partner.pk)
        for kind in kinds:
            outcomes[kind] = outcomes.get(kind, 0) + 1
        if same_field:
            # One wins, the other is told: the saved value is the winner's.
            winners = [c["notes"] for c, r in zip(changes, results, strict=True)
                       if r.get("result") == "saved"]  # fmt: skip
            if kinds != ["conflict", "saved"] or saved.notes != winners[0]:
                lost.append((round_number, kinds, saved.notes))
        # Both kept: one saved plainly, the other merged on top of it.
        elif kinds != ["merged", "saved"] or (saved.region, saved.notes) != (
            f"Anna {round_number}",
            f"Bo {round_number}",
        ):
            lost.append((round_number, kinds, saved.region, saved.notes))
    print(f"race outcomes over {ROUNDS} rounds: {outcomes}")  # noqa: T201 - the figure
    assert lost == []
    assert outcomes["conflict"] == ROUNDS // 2 and outcomes["merged"] == ROUNDS // 2
    assert saved.version == 1 + ROUNDS + ROUNDS // 2  # every save moved the version once


INDICATOR_ROUNDS = 40


def _save_rows(
    *,
    project_pk: int,
    user: Any,
    opened: Opened,
    rows: list[dict[str, Any]],
    out: dict[str, Any],
    barrier: threading.Barrier,
) -> None:
    try:
        project = Project.objects.get(pk=project_pk)
        barrier.wait(timeout=30)
        project_services.project_update(
            project=project, user=user, data={"indicators": rows}, opened=opened
        )
        out["result"] = "saved" if opened.merged is None else "merged"
    except EditConflict:
        out["result"] = "conflict"
    except Exception as exc:  # noqa: BLE001 - reported by the test
        out["result"] = f"error: {exc!r}"
    finally:
        connections.close_all()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_indicator_rows_at_once_never_lose_an_update() -> None:
    """Different indicators: both kept (merged per row); the same indicator's target: one
    wins, the other gets the conflict."""
    factories.MunicipalityFactory()
    anna = factories.UserFactory(first_name="Anna", last_name="Berg", role=Role.COORDINATOR)
    bo = factories.UserFactory(first_name="Bo", last_name="Ek", role=Role.COORDINATOR)
    project = factories.ProjectFactory()
    for description in ("Elever", "Lärare"):
        Indicator.objects.create(project=project, description=description, unit="st", target=1)
    lost, outcomes = [], {"saved": 0, "merged": 0, "conflict": 0}
    for round_number in range(INDICATOR_ROUNDS):
        same_row = round_number % 2 == 1
        current = Project.objects.get(pk=project.pk)
        opened = [Opened.of(current, ["indicators"], READERS) for _ in range(2)]
        rows = [READERS["indicators"](current) for _ in range(2)]
        rows[0][0]["target"] = 100 + round_number  # Anna: the first indicator
        rows[1][0 if same_row else 1]["target"] = 500 + round_number  # Bo
        results: list[dict[str, Any]] = [{}, {}]
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(
                target=_save_rows,
                kwargs={
                    "project_pk": project.pk,
                    "user": user,
                    "opened": opened[i],
                    "rows": rows[i],
                    "out": results[i],
                    "barrier": barrier,
                },
            )  # fmt: skip
            for i, user in enumerate((anna, bo))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        kinds = sorted(r.get("result", "none") for r in results)
        for kind in kinds:
            outcomes[kind] = outcomes.get(kind, 0) + 1
        targets = [int(i.target) for i in project.indicators.order_by("pk")]
        if same_row:
            winner = [r[0]["target"] for r, res in zip(rows, results, strict=True)
                      if res.get("result") == "saved"]  # fmt: skip
            if kinds != ["conflict", "saved"] or targets[0] != winner[0]:
                lost.append((round_number, kinds, targets))
        elif kinds != ["merged", "saved"] or targets != [100 + round_number, 500 + round_number]:
            lost.append((round_number, kinds, targets))
    print(f"indicator race over {INDICATOR_ROUNDS} rounds: {outcomes}")  # noqa: T201
    assert lost == []
    assert outcomes["merged"] == INDICATOR_ROUNDS // 2
