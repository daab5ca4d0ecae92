"""The retention job (gallring) through a real Celery worker process and the broker."""

from __future__ import annotations

import datetime

import pytest

from intl_portal.organisation.models import Municipality
from intl_portal.organisation.tasks import apply_personal_data_retention
from projects.models import Project
from tests import factories
from tests.conftest import WorkerProcess, World, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_empties_a_project_lead_long_after_the_project_ended(
    world: World, celery_worker_process: WorkerProcess
) -> None:
    Municipality.objects.update(personal_data_retention_years=1)
    old = factories.ProjectFactory(
        project_lead="Gammal Ledare",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    running = factories.ProjectFactory(project_lead="Karin Lind", end_date=None)

    apply_personal_data_retention.apply_async()

    wait_for(
        lambda: Project.objects.get(pk=old.pk).project_lead == "",
        timeout=90,
        message=celery_worker_process.log(),
    )
    assert not Project.history.filter(id=old.pk, project_lead="Gammal Ledare").exists()
    assert Project.objects.get(pk=running.pk).project_lead == "Karin Lind"
