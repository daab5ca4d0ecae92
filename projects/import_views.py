"""The coordinator's Excel import of projects: upload and preview, then confirm or cancel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from intl_portal.lib.tabular import SheetError
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from . import imports
from .forms import ProjectImportForm

TEMPLATE = "projects/import.html"


def _require_importer(request: HttpRequest) -> None:
    if not policy.may_import_projects(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def project_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a sheet and see every row checked; nothing is saved here."""
    _require_importer(request)
    posted = request.method == "POST"
    form = ProjectImportForm(request.POST if posted else None, request.FILES if posted else None)
    context: dict[str, Any] = {"form": form, "columns": list(imports.COLUMNS)}
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            try:
                preview = imports.projects_import_preview(
                    user=request.user,
                    uploaded=form.cleaned_data["file"],
                    approve=form.cleaned_data["approve"],
                )
            except SheetError as exc:
                form.add_error("file", str(exc))
            else:
                context["preview"] = preview
                status = 200 if preview.is_importable else 400
    return render(request, TEMPLATE, context, status=status)


@require_POST
@login_required
def project_import_confirm(request: AuthenticatedRequest) -> HttpResponse:
    _require_importer(request)
    try:
        count = imports.projects_import_commit(
            user=request.user, token=request.POST.get("token", "")
        )
    except ValidationError as exc:
        context = {
            "form": ProjectImportForm(),
            "columns": list(imports.COLUMNS),
            "import_error": exc.messages[0],
        }
        return render(request, TEMPLATE, context, status=400)
    messages.success(
        request,
        ngettext("%(count)s projekt importerades.", "%(count)s projekt importerades.", count)
        % {"count": count},
    )
    return redirect("projects:list")


@require_POST
@login_required
def project_import_cancel(request: AuthenticatedRequest) -> HttpResponse:
    _require_importer(request)
    imports.projects_import_cancel(user=request.user, token=request.POST.get("token", ""))
    messages.info(request, _("Importen avbröts. Ingenting sparades."))
    return redirect("projects:list")
