"""What waits in the project bank, per role: the dashboard's to-do list asks this module."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.todo import SHOWN, TodoGroup, TodoItem, group

from . import selectors
from .models import Activity, Project, ProjectRevision


def _project_item(project: Project) -> TodoItem:
    return TodoItem(
        project.title, reverse("projects:detail", args=[project.pk]), project.department.name
    )


def _activity_item(activity: Activity) -> TodoItem:
    return TodoItem(
        activity.title,
        reverse("projects:activity-detail", args=[activity.pk]),
        activity.department.name,
    )


def _revision_item(revision: ProjectRevision) -> TodoItem:
    project = revision.project
    return TodoItem(
        project.title, reverse("projects:detail", args=[project.pk]), project.department.name
    )


def coordinator_groups() -> list[TodoGroup]:
    projects = Project.objects.select_related("department")
    activities = Activity.objects.select_related("department")
    revisions = ProjectRevision.objects.select_related("project__department")
    return [
        group(
            "projects_submitted",
            _("Inskickade projekt att granska"),
            projects.filter(status=Project.Status.SUBMITTED).order_by("submitted_at", "pk"),
            _project_item,
        ),
        group(
            "changes_submitted",
            _("Ändringar av godkända projekt att granska"),
            revisions.filter(status=ProjectRevision.Status.PENDING).order_by("submitted_at", "pk"),
            _revision_item,
        ),
        group(
            "activities_submitted",
            _("Inskickade aktiviteter att granska"),
            activities.filter(status=Activity.Status.SUBMITTED).order_by("start_date", "pk"),
            _activity_item,
        ),
        missing_exchange_rates(),
    ]


def missing_exchange_rates() -> TodoGroup:
    """Years and currencies that the bank's amounts need and the rate table lacks."""
    url = reverse("settings:kind-create", kwargs={"kind": "exchange-rates"})
    items = [TodoItem(capfirst(label), url) for label in selectors.missing_rates()]
    return TodoGroup("exchange_rates", _("Växelkurser som saknas"), items[:SHOWN], len(items))


def contact_groups(*, department_id: int) -> list[TodoGroup]:
    projects = Project.objects.filter(department_id=department_id).select_related("department")
    activities = Activity.objects.filter(department_id=department_id).select_related("department")
    revisions = ProjectRevision.objects.filter(
        project__department_id=department_id, status=ProjectRevision.Status.RETURNED
    ).select_related("project__department")
    return [
        group(
            "projects_returned",
            _("Återsända projekt"),
            projects.filter(status=Project.Status.RETURNED).order_by("title", "pk"),
            _project_item,
        ),
        group(
            "changes_returned",
            _("Återsända ändringar av projekt"),
            revisions.order_by("-reviewed_at", "pk"),
            _revision_item,
        ),
        group(
            "activities_returned",
            _("Återsända aktiviteter"),
            activities.filter(status=Activity.Status.RETURNED).order_by("start_date", "pk"),
            _activity_item,
        ),
        group(
            "projects_draft",
            _("Projektutkast som inte är inskickade"),
            projects.filter(status=Project.Status.DRAFT).order_by("-created_at", "pk"),
            _project_item,
        ),
        group(
            "activities_draft",
            _("Aktivitetsutkast som inte är inskickade"),
            activities.filter(status=Activity.Status.DRAFT).order_by("start_date", "pk"),
            _activity_item,
        ),
    ]
