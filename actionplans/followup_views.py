"""The follow-up round: open, the progress board, a department's part, review and close."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intl_portal.lib.forms import posted, status_of
from intl_portal.lib.workflow import run_transition
from intl_portal.organisation import policy, review_pages
from intl_portal.organisation.http import AuthenticatedRequest

from . import selectors
from .forms import CommentForm, RoundCloseForm, RoundOpenForm
from .models import FollowUpPart, FollowUpRound
from .services import followup
from .views import plan_or_404


def _round(request: HttpRequest, year: int) -> FollowUpRound:
    followup_round = get_object_or_404(
        FollowUpRound.objects.select_related("plan"), plan__year=year
    )
    if not policy.may_view_round(request.user, followup_round):
        raise PermissionDenied
    return followup_round


def _part(request: HttpRequest, year: int, department: int) -> FollowUpPart:
    part = get_object_or_404(
        FollowUpPart.objects.select_related("round__plan", "department"),
        round__plan__year=year,
        department_id=department,
    )
    if not policy.may_view_round(request.user, part.round):
        raise PermissionDenied
    return part


@require_http_methods(["GET", "POST"])
@login_required
def round_open(request: AuthenticatedRequest, year: int) -> HttpResponse:
    plan = plan_or_404(request, year)
    if not policy.may_review(request.user):
        raise PermissionDenied
    initial = {"deadline": timezone.localdate() + datetime.timedelta(days=30)}
    form = RoundOpenForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            followup.followup_round_open(
                user=request.user, plan=plan, deadline=form.cleaned_data["deadline"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Uppföljningen för %(year)s är öppnad.") % {"year": year})
            return redirect("actionplans:board", year=year)
    return render(
        request,
        "actionplans/round_open.html",
        {"form": form, "plan": plan},
        status=status_of(form),
    )


@require_GET
@login_required
def board(request: AuthenticatedRequest, year: int) -> HttpResponse:
    return _board_page(request, _round(request, year))


def _board_page(
    request: AuthenticatedRequest,
    followup_round: FollowUpRound,
    *,
    close_form: RoundCloseForm | None = None,
) -> HttpResponse:
    parts = selectors.followup_parts(followup_round=followup_round)
    close_form = close_form or RoundCloseForm()
    if close_form.errors:  # the field points at its message for screen readers
        close_form.fields["unreported_reason"].widget.attrs.update(
            {"aria-invalid": "true", "aria-describedby": "unreported-error unreported-help"}
        )
    return render(
        request,
        "actionplans/board.html",
        {
            "round": followup_round,
            "plan": followup_round.plan,
            "parts": parts,
            "summary": selectors.board_summary(parts),
            "may_close": policy.may_close_round(request.user, followup_round),
            "close_form": close_form,
            "waiting_count": sum(
                p.status not in (FollowUpPart.Status.ACCEPTED, FollowUpPart.Status.NOT_REPORTED)
                for p in parts
            ),
        },
        status=status_of(close_form),
    )


def _part_page(
    request: HttpRequest,
    part: FollowUpPart,
    *,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    goals = list(selectors.part_goals(part=part))
    user = request.user
    reportable = {g.pk for g in goals if policy.may_report_outcome(user, g, part)}
    return render(
        request,
        "actionplans/part_detail.html",
        {
            "part": part,
            "round": part.round,
            "plan": part.round.plan,
            "goals": goals,
            "reportable": reportable,
            "steps": review_pages.buttons(user, part),
            "comment_form": comment_form or CommentForm(),
        },
        status=status,
    )


@require_GET
@login_required
def part_detail(request: AuthenticatedRequest, year: int, department: int) -> HttpResponse:
    return _part_page(request, _part(request, year, department))


@require_POST
@login_required
def part_ready(request: AuthenticatedRequest, year: int, department: int) -> HttpResponse:
    part = _part(request, year, department)
    return review_pages.take_step(
        request,
        part,
        "submit",
        lambda: followup.followup_part_mark_ready(user=request.user, part=part),
        then=resolve_url("actionplans:part", year=year, department=department),
    )


@require_POST
@login_required
def part_return(request: AuthenticatedRequest, year: int, department: int) -> HttpResponse:
    part = _part(request, year, department)
    page = resolve_url("actionplans:part", year=year, department=department)
    refused = review_pages.refusal(request, part, "return", back=page)
    if refused is not None:
        return refused
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            followup.followup_part_return(
                user=request.user, part=part, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Uppföljningen återsändes med din kommentar."))
            return redirect("actionplans:board", year=year)
    return _part_page(request, part, comment_form=form, status=400)


@require_POST
@login_required
def part_accept(request: AuthenticatedRequest, year: int, department: int) -> HttpResponse:
    part = _part(request, year, department)
    return review_pages.take_step(
        request,
        part,
        "approve",
        lambda: followup.followup_part_accept(user=request.user, part=part),
        then=resolve_url("actionplans:board", year=year),
        back=resolve_url("actionplans:part", year=year, department=department),
        success=_("Uppföljningen från %(name)s godkändes.") % {"name": part.department},
    )


@require_POST
@login_required
def round_close(request: AuthenticatedRequest, year: int) -> HttpResponse:
    followup_round = _round(request, year)
    if not policy.may_review(request.user):
        raise PermissionDenied
    form = RoundCloseForm(request.POST)
    if not form.is_valid():
        # The board again, with the typed reason and what is wrong with it (400).
        return _board_page(request, followup_round, close_form=form)
    return run_transition(
        request,
        lambda: followup.followup_round_close(
            user=request.user,
            followup_round=followup_round,
            unreported_reason=form.cleaned_data["unreported_reason"],
        ),
        success=_("Uppföljningen för %(year)s är stängd.") % {"year": year},
        then=resolve_url("actionplans:board", year=year),
    )
