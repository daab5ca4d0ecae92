"""The review tables of the project bank: projects, proposed changes and activities.

Read by the policy (`may_submit`, `may_approve`, `may_return`), the services (`step_take`), the
pages' buttons and the to-do lists. Who may take a step is its third column, the `actor`:
changing who approves a kind is that one line (and its rows in tests/permission_matrix.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import policy
from intl_portal.organisation.workflow import (
    ACTOR,
    CLEAR,
    COORDINATOR_TODO,
    DEPARTMENT_TODO,
    NOW,
    Flow,
    Notice,
    Todo,
    Words,
    approve,
    register,
    send_back,
    states,
    submit,
)

from .models import Activity, Project, ProjectRevision

P = Project.Status
C = ProjectRevision.Status
A = Activity.Status
REVIEWED = {"reviewed_at": NOW, "reviewed_by": ACTOR}


def _entry_notice(url_name: str) -> Callable[[Any], Notice]:
    """A project's or an activity's notifications: its page, its title and its department,
    told to the department's contacts and its author."""
    return lambda entry: Notice(
        path=reverse(url_name, args=[entry.pk]),
        params={"title": entry.title, "department": entry.department.name},
        department_id=entry.department_id,
        author_id=entry.created_by_id,
    )


PROJECT = Flow(
    kind="project",
    steps=(
        submit(
            states(P.DRAFT, P.RETURNED), P.SUBMITTED, policy.entry_editor,
            Words(
                _("Projektet skickades till samordnaren för granskning."),
                _("Projektet är redan inskickat eller godkänt."),
            ),
            stamps={"submitted_at": NOW},
        ),
        approve(
            states(P.SUBMITTED), P.APPROVED, policy.reviewer,
            Words(
                _("Projektet godkändes och finns nu i projektbanken."),
                _("Bara inskickade projekt kan godkännas."),
                _("Godkänn till projektbanken"),
            ),
            comment=CLEAR,
            stamps={"approved_at": NOW},
        ),
        send_back(
            states(P.SUBMITTED), P.RETURNED, policy.reviewer,
            Words(
                _("Projektet återsändes till förvaltningen med din kommentar."),
                _("Bara inskickade projekt kan återsändas."),
            ),
        ),
    ),
    notice=_entry_notice("projects:detail"),
    url=lambda project, name: reverse(f"projects:{name}", args=[project.pk]),
    todo=(
        Todo("projects_submitted", COORDINATOR_TODO, _("Inskickade projekt att granska"),
             states(P.SUBMITTED), ("submitted_at", "pk")),
        Todo("projects_returned", DEPARTMENT_TODO, _("Återsända projekt"),
             states(P.RETURNED), ("title", "pk")),
        Todo("projects_draft", DEPARTMENT_TODO, _("Projektutkast som inte är inskickade"),
             states(P.DRAFT), ("-created_at", "pk")),
    ),
)  # fmt: skip

# A change is proposed (and proposed again after a return) by project_change_propose, which
# writes the proposal itself; the table holds the review of it.
CHANGE = Flow(
    kind="change",
    steps=(
        approve(
            states(C.PENDING), C.APPROVED, policy.reviewer,
            Words(
                _("Ändringen godkändes och gäller nu i projektbanken."),
                _("Bara inskickade ändringar kan godkännas."),
                _("Godkänn ändringen"),
            ),
            comment=CLEAR,
            stamps=REVIEWED,
        ),
        send_back(
            states(C.PENDING), C.RETURNED, policy.reviewer,
            Words(
                _("Ändringen återsändes till förvaltningen med din kommentar."),
                _("Bara inskickade ändringar kan återsändas."),
                _("Återsänd ändringen med kommentar"),
            ),
            stamps=REVIEWED,
        ),
    ),
    notice=lambda revision: PROJECT.notice(revision.project),
    url=lambda revision, name: reverse(f"projects:revision-{name}", args=[revision.project_id]),
    todo=(
        Todo("changes_submitted", COORDINATOR_TODO,
             _("Ändringar av godkända projekt att granska"),
             states(C.PENDING), ("submitted_at", "pk")),
        Todo("changes_returned", DEPARTMENT_TODO, _("Återsända ändringar av projekt"),
             states(C.RETURNED), ("-reviewed_at", "pk")),
    ),
)  # fmt: skip

ACTIVITY = Flow(
    kind="activity",
    steps=(
        submit(
            states(A.DRAFT, A.RETURNED), A.SUBMITTED, policy.entry_editor,
            Words(
                _("Aktiviteten skickades till samordnaren för granskning."),
                _("Aktiviteten är redan inskickad eller godkänd."),
            ),
        ),
        approve(
            states(A.SUBMITTED), A.APPROVED, policy.reviewer,
            Words(
                _("Aktiviteten godkändes."),
                _("Bara inskickade aktiviteter kan godkännas."),
                _("Godkänn aktiviteten"),
            ),
            comment=CLEAR,
        ),
        send_back(
            states(A.SUBMITTED), A.RETURNED, policy.reviewer,
            Words(
                _("Aktiviteten återsändes till förvaltningen med din kommentar."),
                _("Bara inskickade aktiviteter kan återsändas."),
            ),
        ),
    ),
    notice=_entry_notice("projects:activity-detail"),
    url=lambda activity, name: reverse(f"projects:activity-{name}", args=[activity.pk]),
    todo=(
        Todo("activities_submitted", COORDINATOR_TODO, _("Inskickade aktiviteter att granska"),
             states(A.SUBMITTED), ("start_date", "pk")),
        Todo("activities_returned", DEPARTMENT_TODO, _("Återsända aktiviteter"),
             states(A.RETURNED), ("start_date", "pk")),
        Todo("activities_draft", DEPARTMENT_TODO, _("Aktivitetsutkast som inte är inskickade"),
             states(A.DRAFT), ("start_date", "pk")),
    ),
)  # fmt: skip

register(Project, PROJECT)
register(ProjectRevision, CHANGE)
register(Activity, ACTIVITY)
