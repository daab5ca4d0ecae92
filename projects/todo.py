"""What waits in the project bank, per role: the dashboard's to-do list asks this module."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.todo import SHOWN, TodoGroup, TodoItem
from intl_portal.organisation.workflow import COORDINATOR_TODO, DEPARTMENT_TODO, todo_groups

from . import selectors
from .models import Activity, Project, ProjectRevision
from .workflow import ACTIVITY, CHANGE, PROJECT


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
        *todo_groups(
            COORDINATOR_TODO,
            [
                (PROJECT, projects, _project_item),
                (CHANGE, revisions, _revision_item),
                (ACTIVITY, activities, _activity_item),
            ],
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
    revisions = ProjectRevision.objects.filter(project__department_id=department_id)
    return todo_groups(
        DEPARTMENT_TODO,
        [
            (PROJECT, projects, _project_item),
            (CHANGE, revisions.select_related("project__department"), _revision_item),
            (ACTIVITY, activities, _activity_item),
        ],
    )
