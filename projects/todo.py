"""What waits in the project bank, per role: the dashboard's to-do list asks this module."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.todo import TodoGroup, TodoItem, group

from .models import Activity, ExchangeRate, Project, ProjectRevision
from .models.project import Currency


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
    """Years and currencies that projects use but that have no rate to SEK."""
    rates = ExchangeRate.objects.filter(currency=OuterRef("currency"), year=OuterRef("year"))
    missing = (
        Project.objects.exclude(currency=Currency.SEK)
        .filter(start_date__isnull=False)
        .annotate(year=ExtractYear("start_date"))
        .annotate(has_rate=Exists(rates))
        .filter(has_rate=False)
        .values("currency", "year")
        .order_by("year", "currency")
        .distinct()
    )
    rows = list(missing[:50])
    items = [
        TodoItem(
            str(_("Kurs saknas för %(currency)s %(year)s") % row),
            reverse("settings:kind-create", kwargs={"kind": "exchange-rates"}),
        )
        for row in rows
    ]
    return TodoGroup("exchange_rates", _("Växelkurser som saknas"), items, len(items))


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
