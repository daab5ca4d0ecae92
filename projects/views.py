"""Project bank pages: thin views that ask the policy, bind a form and call a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib import concurrency, tabular, uploads
from intl_portal.lib.forms import posted
from intl_portal.lib.pagination import NearEndPaginator
from intl_portal.lib.workflow import run_transition
from intl_portal.organisation import policy, review_pages
from intl_portal.organisation.http import AuthenticatedRequest

from . import attachments as attachment_services
from . import selectors, services
from .columns import with_kronor
from .filters import DEFAULT_SORT, SORTS, ProjectFilter, order_by_param
from .forms import (
    AttachmentForm,
    IndicatorFormSet,
    ProjectForm,
    ReturnForm,
    indicator_rows,
)
from .models import Attachment, Project, ProjectRevision
from .revisions import changes, deserialise, revision_clashes

PAGE_SIZE = 25


def _visible_project(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("department", "programme", "created_by"), pk=pk
    )
    if not policy.may_see_entry(request.user, project):
        raise PermissionDenied
    return project


def _bank(request: HttpRequest) -> tuple[ProjectFilter, Any, str]:
    """The filtered, sorted list the bank, its figures and its exports share."""
    bank_filter = ProjectFilter(request.GET, queryset=selectors.visible_projects(user=request.user))
    sort = request.GET.get("sort", DEFAULT_SORT)
    sort = sort if sort in SORTS else DEFAULT_SORT
    qs = bank_filter.qs if bank_filter.is_valid() else Project.objects.none()
    return bank_filter, order_by_param(qs, sort), sort


@require_GET
@login_required
def project_list(request: AuthenticatedRequest) -> HttpResponse:
    bank_filter, qs, sort = _bank(request)
    filters = bank_filter.form.cleaned_data if bank_filter.is_valid() else None
    figures = selectors.bank_figures(qs, user=request.user, filters=filters)
    paginator = NearEndPaginator(qs, PAGE_SIZE, count=figures["count"])
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "filter": bank_filter,
        "page": page,
        "figures": figures,
        "sort": sort,
        "sorts": [(key, label) for key, (_fields, label) in SORTS.items()],
        "query": request.GET.get("q", ""),
        "params": params.urlencode(),
        "may_import": policy.may_import_projects(request.user),
    }
    status = 200 if bank_filter.is_valid() else 400
    return render(request, "projects/project_list.html", context, status=status)


@require_GET
@login_required
def project_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    _filter, qs, _sort = _bank(request)
    columns = with_kronor(selectors.sek_rates())
    rows = columns.rows(selectors.export_rows(qs))
    if fmt == "xlsx":
        return tabular.xlsx_response("projektbanken", columns.headers(), rows)
    return tabular.csv_response("projektbanken", columns.headers(), rows)


@require_GET
@login_required
def project_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _visible_project(request, pk)
    project = selectors.project_detail(pk)
    user = request.user
    revision = selectors.open_revision(project)
    context = {
        "project": project,
        "partners": project.partners.all(),
        "networks": project.networks.all(),
        "focus_areas": project.focus_areas.all(),
        "sdgs": project.sdgs.all(),
        "indicators": project.indicators.all(),
        "attachments": project.attachments.all(),
        # A linked activity may be another department's draft: list only what the user may see.
        "activities": [a for a in project.activities.all() if policy.may_see_entry(user, a)],
        "return_form": ReturnForm(),
        "attachment_form": AttachmentForm(),
        "may_edit": policy.may_edit_entry(user, project),
        # A change waiting for review is reviewed before another is proposed.
        "may_propose": policy.may_propose_change(user, project)
        and (revision is None or revision.status != ProjectRevision.Status.PENDING),
        "may_attach": policy.may_manage_attachments(user, project),
        "may_publish": policy.may_publish(user, project),
        "may_view_history": policy.is_coordinator(user),  # the history page's own guard
        "steps": review_pages.buttons(user, project),
        "revision_steps": review_pages.buttons(user, revision) if revision else [],
        "revision_form": ReturnForm(auto_id="revision_%s"),
        "revision": revision,
        "revision_changes": changes(project, revision.data) if revision else [],
    }
    return render(request, "projects/project_detail.html", context)


def _indicator_initial(project: Project | None) -> list[dict[str, Any]]:
    if project is None:
        return []
    return [
        {"id": i.pk, "description": i.description, "unit": i.unit, "target": i.target,
         "outcome": i.outcome}
        for i in project.indicators.all()
    ]  # fmt: skip


def _bound(request: HttpRequest, project: Project | None, initial: dict[str, Any]) -> Any:
    data = posted(request)
    form = ProjectForm(data, instance=project, initial=initial, user=request.user)
    # A post without the indicator rows (an older form, a script) leaves them as they are.
    rows_posted = data is not None and "indicators-TOTAL_FORMS" in data
    indicators = IndicatorFormSet(
        data if rows_posted else None,
        prefix="indicators",
        initial=initial.get("indicators", _indicator_initial(project)),
    )
    return form, indicators


def _form_page(
    request: HttpRequest,
    form: Any,
    indicators: Any,
    project: Project | None,
    submission: concurrency.Submission | None = None,
    **extra: Any,
) -> HttpResponse:
    invalid = form.is_bound and (
        form.errors or (indicators.is_bound and indicators.total_error_count())
    )
    conflict = submission.conflict if submission is not None else None
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "indicators": indicators, "project": project, "conflict": conflict,
         # The form offers a department to coordinators (ProjectForm); others register for theirs.
         "may_choose_department": policy.is_coordinator(request.user),
         **extra},
        status=concurrency.CONFLICT_STATUS if conflict else 400 if invalid else 200,
    )  # fmt: skip


def _cleaned(form: Any, indicators: Any) -> dict[str, Any] | None:
    form_ok = form.is_valid()
    indicators_ok = indicators.is_valid() if indicators.is_bound else True
    if not (form_ok and indicators_ok):
        return None
    if not indicators.is_bound:
        return dict(form.cleaned_data)
    return {**form.cleaned_data, "indicators": indicator_rows(indicators)}


@require_http_methods(["GET", "POST"])
@login_required
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_create_entry(request.user):
        raise PermissionDenied
    form, indicators = _bound(request, None, {})
    if request.method == "POST" and (data := _cleaned(form, indicators)) is not None:
        try:
            data = {k: v for k, v in data.items() if k not in {"version", "opened"}}
            project = services.project_create(author=request.user, data=data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Projektet sparades som utkast."))
            return redirect("projects:detail", pk=project.pk)
    return _form_page(request, form, indicators, None)


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    if policy.may_edit_entry(request.user, project):
        return _edit_directly(request, project)
    if policy.may_propose_change(request.user, project):
        return _propose_change(request, project)
    raise PermissionDenied


def _submit_edit(
    request: HttpRequest, form: Any, indicators: Any, save: Any
) -> tuple[concurrency.Submission | None, Any, Any]:
    """The edit through the concurrency mechanism; on a conflict, the conflict page's form and
    indicator rows (the person's rows if they changed them, else the saved ones)."""
    if request.method != "POST" or (data := _cleaned(form, indicators)) is None:
        return None, form, indicators
    extra = {"indicators": data["indicators"]} if "indicators" in data else {}
    submission = concurrency.submit(request, form, save, extra=extra)
    if submission.conflict is None:
        return submission, submission.form, indicators
    current = submission.form.instance
    rows = submission.mine.get("indicators", _indicator_initial(current))
    return submission, submission.form, IndicatorFormSet(prefix="indicators", initial=rows)


def _edit_directly(request: AuthenticatedRequest, project: Project) -> HttpResponse:
    form, indicators = _bound(request, project, {})
    submission, form, indicators = _submit_edit(
        request,
        form,
        indicators,
        lambda data, opened: services.project_update(
            project=project, user=request.user, data=data, opened=opened
        ),
    )
    if submission is not None and submission.saved is not None:
        messages.success(request, _("Ändringarna sparades."))
        return redirect("projects:detail", pk=project.pk)
    return _form_page(request, form, indicators, project, submission=submission)


def _propose_change(request: AuthenticatedRequest, project: Project) -> HttpResponse:
    """An approved project: the contact's edit becomes a change for the coordinator to review."""
    revision = selectors.open_revision(project)
    if revision and revision.status == ProjectRevision.Status.PENDING:
        messages.error(request, _("En ändring av projektet väntar redan på granskning."))
        return redirect("projects:detail", pk=project.pk)
    initial = deserialise(revision.data) if revision else {}
    form, indicators = _bound(request, project, initial)
    submission, form, indicators = _submit_edit(
        request,
        form,
        indicators,
        lambda data, opened: services.project_change_propose(
            project=project, user=request.user, data=data, opened=opened
        ),
    )
    if submission is not None and submission.saved is not None:
        messages.success(
            request,
            _("Ändringen skickades till samordnaren. Projektet visas som förut tills "
              "ändringen är godkänd."),
        )  # fmt: skip
        return redirect("projects:detail", pk=project.pk)
    return _form_page(
        request, form, indicators, project, submission=submission, revision=revision,
        proposing=True,
    )  # fmt: skip


@require_POST
@login_required
def project_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    return review_pages.take_step(
        request,
        project,
        "submit",
        lambda: services.project_submit(project=project, user=request.user),
        then=reverse("projects:detail", args=[project.pk]),
    )


@require_POST
@login_required
def project_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    return review_pages.take_step(
        request,
        project,
        "approve",
        lambda: services.project_approve(project=project, user=request.user),
        then=reverse("projects:detail", args=[project.pk]),
    )


@require_POST
@login_required
def project_publish(request: AuthenticatedRequest, pk: int, published: bool) -> HttpResponse:
    if not policy.may_review(request.user):
        raise PermissionDenied
    project = _visible_project(request, pk)
    return run_transition(
        request,
        lambda: services.project_set_published(
            project=project, user=request.user, published=published
        ),
        success=_("Projektet är publicerat på webbplatsen.")
        if published
        else _("Projektet är inte längre publicerat."),
        then=reverse("projects:detail", args=[project.pk]),
    )


@require_POST
@login_required
def project_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return review_pages.take_step(
        request,
        project,
        "return",
        lambda: services.project_return(project=project, user=request.user, comment=comment),
        then=reverse("projects:detail", args=[project.pk]),
    )


def _pending_revision(request: HttpRequest, pk: int) -> tuple[Project, ProjectRevision]:
    if not policy.may_review(request.user):
        raise PermissionDenied
    project = _visible_project(request, pk)
    revision = selectors.open_revision(project)
    if revision is None:
        raise Http404
    return project, revision


@require_POST
@login_required
def revision_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Approve a proposed change; a field the coordinator changed meanwhile too is shown side
    by side (409) with the choice to take the proposed or keep the saved value."""
    project, revision = _pending_revision(request, pk)
    resolve = request.POST.get("resolve")
    try:
        return review_pages.take_step(
            request,
            revision,
            "approve",
            lambda: services.revision_approve(
                revision=revision,
                user=request.user,
                resolve=resolve if resolve in {"proposed", "saved"} else None,
            ),
            then=reverse("projects:detail", args=[project.pk]),
        )
    except concurrency.EditConflict as conflict:
        context = {
            "project": project,
            "revision": revision,
            "by": concurrency.person(conflict.by),
            "proposer": concurrency.person(revision.created_by),
            "rows": revision_clashes(conflict.current, revision.data, conflict.fields),
        }
        return render(
            request,
            "projects/revision_conflict.html",
            context,
            status=concurrency.CONFLICT_STATUS,
        )


@require_POST
@login_required
def revision_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project, revision = _pending_revision(request, pk)
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return review_pages.take_step(
        request,
        revision,
        "return",
        lambda: services.revision_return(revision=revision, user=request.user, comment=comment),
        then=reverse("projects:detail", args=[project.pk]),
    )


# --- Attachments ------------------------------------------------------------------------------


@require_POST
@login_required
def attachment_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    if not policy.may_manage_attachments(request.user, project):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_services.attachment_add(
                project=project,
                user=request.user,
                uploaded=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Bilagan laddades upp."))
            return redirect("projects:detail", pk=project.pk)
    return render(
        request,
        "projects/attachment_form.html",
        {"form": form, "project": project},
        status=400,
    )


def _attachment(request: HttpRequest, pk: int, attachment_pk: int) -> Attachment:
    project = _visible_project(request, pk)
    return get_object_or_404(project.attachments.select_related("project"), pk=attachment_pk)


@require_GET
@login_required
def attachment_download(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = _attachment(request, pk, attachment_pk)
    if not policy.may_download_attachment(request.user, attachment.project):
        raise PermissionDenied
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    return uploads.download_response(handle, name=attachment.original_name, kind=attachment.kind)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment_services.download_name(attachment),
        content_type=attachment_services.CONTENT_TYPES[Attachment.Kind(attachment.kind)],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@login_required
def attachment_delete(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _attachment(request, pk, attachment_pk)
    if not policy.may_manage_attachments(request.user, attachment.project):
        raise PermissionDenied
    attachment_services.attachment_delete(attachment=attachment, user=request.user)
    messages.success(request, _("Bilagan togs bort."))
    return redirect("projects:detail", pk=pk)
