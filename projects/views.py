from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.organisation import policy

from . import selectors, services
from .forms import ProjectForm, ReturnForm
from .models import Project


def _visible_project(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("department", "programme", "created_by"), pk=pk
    )
    if not policy.may_see_entry(request.user, project):
        raise PermissionDenied
    return project


@require_GET
@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.visible_projects(user=request.user)
    query = request.GET.get("q", "").strip()
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(acronym__icontains=query))
    page = Paginator(qs.order_by("title", "pk"), 25).get_page(request.GET.get("page"))
    return render(request, "projects/project_list.html", {"page": page, "query": query})


@require_GET
@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "partners": project.partners.all(),
            "focus_areas": project.focus_areas.all(),
            "return_form": ReturnForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not policy.may_create_entry(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(author=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Projektet sparades som utkast."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form}, status=_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    if not policy.may_edit_entry(request.user, project):
        raise PermissionDenied
    form = ProjectForm(
        request.POST if request.method == "POST" else None, instance=project, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ändringarna sparades."))
            return redirect("projects:detail", pk=project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project},
        status=_status(form),
    )


def _status(form: ProjectForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def _run_transition(
    request: HttpRequest, project: Project, action: Callable[[], object], success: str
) -> HttpResponse:
    """Run a workflow service; a refused transition becomes a message, never a 500."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("projects:detail", pk=project.pk)


@require_POST
@login_required
def project_submit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    if not policy.may_edit_entry(request.user, project):
        raise PermissionDenied
    return _run_transition(
        request,
        project,
        lambda: services.project_submit(project=project, user=request.user),
        _("Projektet skickades till samordnaren för granskning."),
    )


@require_POST
@login_required
def project_approve(request: HttpRequest, pk: int) -> HttpResponse:
    if not policy.may_review(request.user):
        raise PermissionDenied
    project = _visible_project(request, pk)
    return _run_transition(
        request,
        project,
        lambda: services.project_approve(project=project, user=request.user),
        _("Projektet godkändes och finns nu i projektbanken."),
    )


@require_POST
@login_required
def project_return(request: HttpRequest, pk: int) -> HttpResponse:
    if not policy.may_review(request.user):
        raise PermissionDenied
    project = _visible_project(request, pk)
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _run_transition(
        request,
        project,
        lambda: services.project_return(project=project, user=request.user, comment=comment),
        _("Projektet återsändes till förvaltningen med din kommentar."),
    )


@require_GET
def public_project_list(request: HttpRequest) -> HttpResponse:
    projects = selectors.public_projects()
    return render(request, "projects/public_list.html", {"projects": projects})


@require_GET
def public_project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(selectors.public_projects(), pk=pk)
    return render(request, "projects/public_detail.html", {"project": project})
