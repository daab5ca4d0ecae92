"""The review tables of the project bank: projects, proposed changes and activities.

Read by the policy (`may_submit`, `may_approve`, `may_return`), the services (`step_take`), the
pages' buttons and the to-do lists. Who may take a step is its `actor`: changing who approves
a kind is that one line (and its rows in tests/permission_matrix.py).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.organisation import policy
from intl_portal.organisation.workflow import (
    ACTOR,
    CLEAR,
    COORDINATOR_TODO,
    COORDINATORS,
    DEPARTMENT,
    DEPARTMENT_TODO,
    NOW,
    REQUIRE,
    Flow,
    Notice,
    Step,
    Todo,
    register,
    states,
)

from .models import Activity, Project, ProjectRevision

P = Project.Status

PROJECT = Flow(
    kind="project",
    steps=(
        Step(
            "submit",
            states(P.DRAFT, P.RETURNED),
            P.SUBMITTED,
            actor=policy.entry_editor,
            label=_("Skicka till samordnaren"),
            button="btn-primary",
            done=_("Projektet skickades till samordnaren för granskning."),
            refused=_("Projektet är redan inskickat eller godkänt."),
            notice="project_submitted",
            tell=COORDINATORS,
            stamps={"submitted_at": NOW},
        ),
        Step(
            "approve",
            states(P.SUBMITTED),
            P.APPROVED,
            actor=policy.reviewer,
            label=_("Godkänn till projektbanken"),
            button="btn-success",
            done=_("Projektet godkändes och finns nu i projektbanken."),
            refused=_("Bara inskickade projekt kan godkännas."),
            notice="project_approved",
            tell=DEPARTMENT,
            comment=CLEAR,
            stamps={"approved_at": NOW},
        ),
        Step(
            "return",
            states(P.SUBMITTED),
            P.RETURNED,
            actor=policy.reviewer,
            label=_("Återsänd med kommentar"),
            button="btn-outline-danger",
            done=_("Projektet återsändes till förvaltningen med din kommentar."),
            refused=_("Bara inskickade projekt kan återsändas."),
            notice="project_returned",
            tell=DEPARTMENT,
            comment=REQUIRE,
        ),
    ),
    notice=lambda project: Notice(
        path=reverse("projects:detail", args=[project.pk]),
        params={"title": project.title, "department": project.department.name},
        department_id=project.department_id,
        author_id=project.created_by_id,
    ),
    url=lambda project, name: reverse(f"projects:{name}", args=[project.pk]),
    todo=(
        Todo(
            "projects_submitted",
            COORDINATOR_TODO,
            _("Inskickade projekt att granska"),
            states(P.SUBMITTED),
            ("submitted_at", "pk"),
        ),
        Todo(
            "projects_returned",
            DEPARTMENT_TODO,
            _("Återsända projekt"),
            states(P.RETURNED),
            ("title", "pk"),
        ),
        Todo(
            "projects_draft",
            DEPARTMENT_TODO,
            _("Projektutkast som inte är inskickade"),
            states(P.DRAFT),
            ("-created_at", "pk"),
        ),
    ),
)

C = ProjectRevision.Status

# A change is proposed (and proposed again after a return) by project_change_propose, which
# writes the proposal itself; the table holds the review of it.
CHANGE = Flow(
    kind="change",
    steps=(
        Step(
            "approve",
            states(C.PENDING),
            C.APPROVED,
            actor=policy.reviewer,
            label=_("Godkänn ändringen"),
            button="btn-success",
            done=_("Ändringen godkändes och gäller nu i projektbanken."),
            refused=_("Bara inskickade ändringar kan godkännas."),
            notice="change_approved",
            tell=DEPARTMENT,
            comment=CLEAR,
            stamps={"reviewed_at": NOW, "reviewed_by": ACTOR},
        ),
        Step(
            "return",
            states(C.PENDING),
            C.RETURNED,
            actor=policy.reviewer,
            label=_("Återsänd ändringen med kommentar"),
            button="btn-outline-danger",
            done=_("Ändringen återsändes till förvaltningen med din kommentar."),
            refused=_("Bara inskickade ändringar kan återsändas."),
            notice="change_returned",
            tell=DEPARTMENT,
            comment=REQUIRE,
            stamps={"reviewed_at": NOW, "reviewed_by": ACTOR},
        ),
    ),
    notice=lambda revision: PROJECT.notice(revision.project),
    url=lambda revision, name: reverse(f"projects:revision-{name}", args=[revision.project_id]),
    todo=(
        Todo(
            "changes_submitted",
            COORDINATOR_TODO,
            _("Ändringar av godkända projekt att granska"),
            states(C.PENDING),
            ("submitted_at", "pk"),
        ),
        Todo(
            "changes_returned",
            DEPARTMENT_TODO,
            _("Återsända ändringar av projekt"),
            states(C.RETURNED),
            ("-reviewed_at", "pk"),
        ),
    ),
)

A = Activity.Status

ACTIVITY = Flow(
    kind="activity",
    steps=(
        Step(
            "submit",
            states(A.DRAFT, A.RETURNED),
            A.SUBMITTED,
            actor=policy.entry_editor,
            label=_("Skicka till samordnaren"),
            button="btn-primary",
            done=_("Aktiviteten skickades till samordnaren för granskning."),
            refused=_("Aktiviteten är redan inskickad eller godkänd."),
            notice="activity_submitted",
            tell=COORDINATORS,
        ),
        Step(
            "approve",
            states(A.SUBMITTED),
            A.APPROVED,
            actor=policy.reviewer,
            label=_("Godkänn aktiviteten"),
            button="btn-success",
            done=_("Aktiviteten godkändes."),
            refused=_("Bara inskickade aktiviteter kan godkännas."),
            notice="activity_approved",
            tell=DEPARTMENT,
            comment=CLEAR,
        ),
        Step(
            "return",
            states(A.SUBMITTED),
            A.RETURNED,
            actor=policy.reviewer,
            label=_("Återsänd med kommentar"),
            button="btn-outline-danger",
            done=_("Aktiviteten återsändes till förvaltningen med din kommentar."),
            refused=_("Bara inskickade aktiviteter kan återsändas."),
            notice="activity_returned",
            tell=DEPARTMENT,
            comment=REQUIRE,
        ),
    ),
    notice=lambda activity: Notice(
        path=reverse("projects:activity-detail", args=[activity.pk]),
        params={"title": activity.title, "department": activity.department.name},
        department_id=activity.department_id,
        author_id=activity.created_by_id,
    ),
    url=lambda activity, name: reverse(f"projects:activity-{name}", args=[activity.pk]),
    todo=(
        Todo(
            "activities_submitted",
            COORDINATOR_TODO,
            _("Inskickade aktiviteter att granska"),
            states(A.SUBMITTED),
            ("start_date", "pk"),
        ),
        Todo(
            "activities_returned",
            DEPARTMENT_TODO,
            _("Återsända aktiviteter"),
            states(A.RETURNED),
            ("start_date", "pk"),
        ),
        Todo(
            "activities_draft",
            DEPARTMENT_TODO,
            _("Aktivitetsutkast som inte är inskickade"),
            states(A.DRAFT),
            ("start_date", "pk"),
        ),
    ),
)

register(Project, PROJECT)
register(ProjectRevision, CHANGE)
register(Activity, ACTIVITY)
