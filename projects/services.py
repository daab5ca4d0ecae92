"""Writes to the project bank. Views call these; nothing else changes a project."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from intl_portal.lib import concurrency
from intl_portal.lib.concurrency import EditConflict, Opened
from intl_portal.organisation import policy
from intl_portal.organisation.models import User
from intl_portal.organisation.notices import tell_coordinators
from intl_portal.organisation.transitions import step_take

from .models import BankFigure, EmissionFactor, Indicator, Project, ProjectRevision
from .revisions import deserialise, read_indicators, serialise
from .workflow import PROJECT

logger = logging.getLogger(__name__)

M2M_FIELDS = ("partners", "networks", "focus_areas", "sdgs")
INDICATOR_FIELDS = ("description", "unit", "target", "outcome")
# The indicator rows are edited on the project's page: compared as one value of the project.
READERS = {"indicators": read_indicators}


def _apply(project: Project, data: dict[str, Any]) -> None:
    data = dict(data)
    m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    indicators = data.pop("indicators", None)
    for name, value in data.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    for name, value in m2m.items():
        getattr(project, name).set(value)
    if indicators is not None:
        _set_indicators(project, indicators)


def _set_indicators(project: Project, rows: list[dict[str, Any]]) -> None:
    """Update, add and remove indicators so that the project has exactly these rows."""
    existing: dict[Any, Indicator] = {i.pk: i for i in project.indicators.all()}
    kept = set()
    for row in rows:
        indicator = existing.get(row.get("id")) or Indicator(project=project)
        for name in INDICATOR_FIELDS:
            setattr(indicator, name, row.get(name))
        indicator.full_clean()
        indicator.save()
        kept.add(indicator.pk)
    for pk, indicator in existing.items():
        if pk not in kept:
            indicator.delete()


@transaction.atomic
def project_create(*, author: User, data: dict[str, Any]) -> Project:
    """Create a draft; a contact's project always belongs to the contact's department."""
    if not policy.may_create_entry(author):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(author):
        data["department"] = author.department
    project = Project(created_by=author)
    _apply(project, data)
    _tell_coordinators(project, kind="project_created", actor=author)  # Värmdö
    return project


@transaction.atomic
def projects_import(*, author: User, rows: list[dict[str, Any]], approve: bool) -> list[Project]:
    """Create imported projects, all or nothing: drafts, or approved when the coordinator says so.

    No e-mail goes out: the coordinator who imports is the one who would be told.
    """
    if not policy.may_import_projects(author):
        raise PermissionDenied
    now = timezone.now()
    projects = []
    for data in rows:
        project = Project(created_by=author)
        if approve:
            for name in ("cofinancing_eu", "cofinancing_nordic", "cofinancing_sida"):
                setattr(project, name, data.get(name))
            check_ready_for_review(project)
            project.status = Project.Status.APPROVED
            project.submitted_at = project.approved_at = now
        _apply(project, data)
        projects.append(project)
    return projects


def _applied(project: Project, changes: dict[str, Any]) -> Project:
    _apply(project, changes)
    return project


@transaction.atomic
def project_update(
    *, project: Project, user: User, data: dict[str, Any], opened: Opened | None = None
) -> Project:
    """Change a project, its partners, networks, focus areas and indicators; `opened` is what
    the edit form was opened with (see intl_portal/lib/concurrency.py)."""
    if not policy.may_edit_entry(user, project):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(user):
        data.pop("department", None)
        data.pop("is_published", None)
    return concurrency.update(project, data=data, opened=opened, apply=_applied, readers=READERS)


def check_ready_for_review(project: Project) -> None:
    """The strategy: co-financing must be looked into before review or an approved import."""
    missing = [
        label
        for label, value in (
            (_("EU"), project.cofinancing_eu),
            (_("Nordiska ministerrådet/Nordplus"), project.cofinancing_nordic),
            (_("Sida"), project.cofinancing_sida),
        )
        if value is None
    ]
    if missing:
        raise ValidationError(
            _(
                "Ange om medfinansiering har undersökts (%(sources)s) innan projektet "
                "skickas in. Strategin kräver att det alltid undersöks."
            )
            % {"sources": ", ".join(missing)}
        )


@transaction.atomic
def project_submit(*, project: Project, user: User) -> Project:
    """Send a draft or returned project to the coordinator for review."""
    return step_take(entry=project, name="submit", user=user, check=check_ready_for_review)


@transaction.atomic
def project_approve(*, project: Project, user: User) -> Project:
    """Take a submitted project into the project bank."""
    return step_take(entry=project, name="approve", user=user)


@transaction.atomic
def project_set_published(*, project: Project, user: User, published: bool) -> Project:
    """Publish an approved project on the public pages, or take it down (the coordinator's)."""
    if not policy.may_review(user):
        raise PermissionDenied
    project = Project.objects.select_for_update().get(pk=project.pk)
    if published and project.status != Project.Status.APPROVED:
        raise ValidationError(_("Bara godkända projekt kan publiceras."))
    if project.is_published != published:
        project.is_published = published
        project.version += 1
        project.save()
    return project


@transaction.atomic
def project_return(*, project: Project, user: User, comment: str) -> Project:
    """Send a submitted project back to its department with a comment."""
    return step_take(entry=project, name="return", user=user, comment=comment)


def open_revision(project: Project) -> ProjectRevision | None:
    return project.revisions.exclude(status=ProjectRevision.Status.APPROVED).first()


@transaction.atomic
def project_change_propose(
    *, project: Project, user: User, data: dict[str, Any], opened: Opened | None = None
) -> ProjectRevision:
    """A contact's change to an approved project waits for the coordinator's review.

    Only the fields the contact changed are kept, with what the form was opened with, so the
    approval keeps what the coordinator changed meanwhile (see revision_approve).
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not policy.may_propose_change(user, project):
        raise PermissionDenied
    data = {k: v for k, v in data.items() if k not in {"department", "is_published"}}
    revision = open_revision(project)
    if revision and revision.status == ProjectRevision.Status.PENDING:
        raise ValidationError(_("En ändring av projektet väntar redan på granskning."))
    revision = revision or ProjectRevision(project=project, created_by=user)
    revision.base_version, revision.opened = None, {}
    if opened is not None and opened.fingerprints is not None:
        data = opened.changes(data)
        if not data:
            raise ValidationError(_("Du har inte ändrat något i projektet."))
        revision.base_version, revision.opened = opened.version, opened.fingerprints
    revision.data = serialise(data)
    revision.status = ProjectRevision.Status.PENDING
    revision.submitted_at = timezone.now()
    revision.save()
    _tell_coordinators(project, kind="change_submitted", actor=user)
    return revision


@transaction.atomic
def revision_approve(
    *, revision: ProjectRevision, user: User, resolve: str | None = None
) -> Project:
    """Apply a proposed change to the approved project, through the concurrency mechanism.

    What the coordinator changed since the contact opened the form is kept; a field both
    changed raises EditConflict, unless `resolve` decides it: "proposed" takes the proposed
    values, "saved" keeps the saved ones (and applies the rest of the proposal).
    """
    proposer = concurrency.person(revision.created_by)

    def apply(current: Project, changes: dict[str, Any]) -> Project:
        reason = _("Ändring föreslagen av %(person)s") % {"person": proposer}
        merged = getattr(current, "_change_reason", None)
        current._change_reason = None  # type: ignore[attr-defined]
        concurrency.set_reason(current, f"{reason}. {merged}" if merged else reason)
        return _applied(current, changes)

    def apply_proposal(locked: ProjectRevision) -> None:
        """Write the proposal into the project before the change is marked approved."""
        data = deserialise(locked.data)
        opened = None
        if locked.base_version is not None and resolve != "proposed":
            opened = Opened(version=locked.base_version, fingerprints=dict(locked.opened))
        project = locked.project
        try:
            project = concurrency.update(
                project, data=data, opened=opened, apply=apply, readers=READERS
            )
        except EditConflict as conflict:
            if resolve != "saved":
                raise
            data = {k: v for k, v in data.items() if k not in conflict.fields}
            project = concurrency.update(
                project, data=data, opened=opened, apply=apply, readers=READERS
            )
        locked.project = project  # the department is told about the project as it is now

    approved = step_take(entry=revision, name="approve", user=user, check=apply_proposal)
    return approved.project


@transaction.atomic
def revision_return(*, revision: ProjectRevision, user: User, comment: str) -> ProjectRevision:
    """Send a proposed change back to the department with a comment."""
    return step_take(entry=revision, name="return", user=user, comment=comment)


def _tell_coordinators(project: Project, *, kind: str, actor: User) -> None:
    notice = PROJECT.notice(project)
    tell_coordinators(kind=kind, path=notice.path, params=notice.params, actor=actor)


# --- The bank's running totals ----------------------------------------------------------------

BANK_FIGURE_GROUP = ("status", "department_id", "programme_id", "phase", "currency", "start_year")
BANK_FIGURE_TOTALS = {
    "project_count": Count("pk"),
    "grant_sum": Sum("grant_amount", default=0),
    "own_sum": Sum("own_contribution", default=0),
    "in_kind_sum": Sum("own_contribution_in_kind", default=0),
}


def bank_figures_recount(*, repair: bool = False) -> list[tuple[Any, ...]]:
    """Compare the bank's running totals with a count of its projects; `repair` rewrites them.

    The database's triggers keep the totals exact, whoever writes; this is for an operator who
    has reason to doubt them (after restoring one table of a dump, say). Project writes wait
    while it counts. Returns the groups that differed, each as its key and both values.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE projects_project IN SHARE MODE")
        keys = ("status", "department_id", "programme_key", "phase", "currency", "start_year")
        rows = (
            Project.objects.order_by()
            .annotate(
                start_year=Coalesce(ExtractYear("start_date"), Value(0)),
                programme_key=Coalesce("programme_id", Value(0)),
            )
            .values(*keys)
            .annotate(**BANK_FIGURE_TOTALS)
        )
        counted = {
            tuple(row[k] for k in keys): tuple(int(row[t]) for t in BANK_FIGURE_TOTALS)
            for row in rows
        }
        kept = {}
        for row in BankFigure.objects.values_list(*BANK_FIGURE_GROUP, *BANK_FIGURE_TOTALS):
            key, values = row[: len(BANK_FIGURE_GROUP)], row[len(BANK_FIGURE_GROUP) :]
            if any(values):  # a group that has emptied
                kept[key] = values
        differing = [
            (key, kept.get(key), counted.get(key))
            for key in sorted(counted.keys() | kept.keys(), key=str)
            if kept.get(key) != counted.get(key)
        ]
        if repair and differing:
            BankFigure.objects.all().delete()
            BankFigure.objects.bulk_create(
                BankFigure(
                    **dict(zip(BANK_FIGURE_GROUP, key, strict=True)),
                    **dict(zip(BANK_FIGURE_TOTALS, values, strict=True)),
                )
                for key, values in counted.items()
            )
            logger.warning("Rewrote the bank's running totals: %d groups differed", len(differing))
    return differing


def _apply_factor(factor: EmissionFactor, changes: dict[str, Any]) -> EmissionFactor:
    for name, value in changes.items():
        setattr(factor, name, value)
    factor.full_clean()
    factor.save()
    return factor


@transaction.atomic
def emission_factor_update(
    *,
    user: User,
    factor: EmissionFactor,
    data: dict[str, Any],
    opened: Opened | None = None,
) -> EmissionFactor:
    """A coordinator corrects an emission factor (kept in its history with its source)."""
    if not policy.is_coordinator(user):
        raise PermissionDenied
    return concurrency.update(factor, data=data, opened=opened, apply=_apply_factor)
