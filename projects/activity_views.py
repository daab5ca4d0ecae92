"""Activity pages: study visits, hosted visits and interns, conferences and events."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib import concurrency
from intl_portal.lib.forms import posted, status_of
from intl_portal.organisation import policy, review_pages
from intl_portal.organisation.http import AuthenticatedRequest

from . import activity_services as services
from . import selectors, travel
from .forms import ActivityForm, ReturnForm
from .models import Activity


def _visible(request: HttpRequest, pk: int) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("department", "project", "created_by"), pk=pk
    )
    if not policy.may_see_entry(request.user, activity):
        raise PermissionDenied
    return activity


@require_GET
@login_required
def activity_list(request: AuthenticatedRequest) -> HttpResponse:
    qs = selectors.visible_activities(user=request.user)
    kind = request.GET.get("kind", "")
    if kind in Activity.Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("-start_date", "pk"), 25).get_page(request.GET.get("page"))
    params = f"kind={kind}" if kind in Activity.Kind.values else ""
    return render(
        request,
        "projects/activity_list.html",
        {"page": page, "kind": kind, "kinds": Activity.Kind.choices, "params": params},
    )


@require_GET
@login_required
def activity_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _visible(request, pk)
    project = activity.project
    return render(
        request,
        "projects/activity_detail.html",
        {
            "activity": activity,
            # An approved activity may be linked to a draft project the user may not see.
            "project": project if project and policy.may_see_entry(request.user, project) else None,
            "may_edit": policy.may_edit_entry(request.user, activity),
            "steps": review_pages.buttons(request.user, activity),
            "return_form": ReturnForm(),
            "co2e": travel.activity_co2e(activity, travel.emission_factors()),
        },
    )


def _form_page(request: HttpRequest, form: ActivityForm, activity: Activity | None) -> HttpResponse:
    return render(
        request,
        "projects/activity_form.html",
        {"form": form, "activity": activity},
        status=status_of(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def activity_create(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_create_entry(request.user):
        raise PermissionDenied
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") else {}
    form = ActivityForm(posted(request), initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(author=request.user, data=form.typed())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Aktiviteten sparades som utkast."))
            return redirect("projects:activity-detail", pk=activity.pk)
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _visible(request, pk)
    if not policy.may_edit_entry(request.user, activity):
        raise PermissionDenied
    form = ActivityForm(posted(request), instance=activity, user=request.user)
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: services.activity_update(
            activity=activity, user=request.user, data=data, opened=opened
        ),
    )
    if submission.saved is not None:
        messages.success(request, _("Ändringarna sparades."))
        return redirect("projects:activity-detail", pk=activity.pk)
    return render(
        request,
        "projects/activity_form.html",
        {**submission.context, "activity": activity},
        status=submission.status,
    )


@require_POST
@login_required
def activity_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _visible(request, pk)
    return review_pages.take_step(
        request,
        activity,
        "submit",
        lambda: services.activity_submit(activity=activity, user=request.user),
        then=reverse("projects:activity-detail", args=[activity.pk]),
    )


@require_POST
@login_required
def activity_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _visible(request, pk)
    return review_pages.take_step(
        request,
        activity,
        "approve",
        lambda: services.activity_approve(activity=activity, user=request.user),
        then=reverse("projects:activity-detail", args=[activity.pk]),
    )


@require_POST
@login_required
def activity_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _visible(request, pk)
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return review_pages.take_step(
        request,
        activity,
        "return",
        lambda: services.activity_return(activity=activity, user=request.user, comment=comment),
        then=reverse("projects:activity-detail", args=[activity.pk]),
    )
