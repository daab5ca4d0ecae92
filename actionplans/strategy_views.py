"""Governing documents (styrdokument): program, plan, policy, riktlinje."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intl_portal.lib import concurrency
from intl_portal.lib.forms import posted, status_of
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest

from . import selectors
from .forms import StrategyForm
from .models import Strategy
from .services import strategies


@require_GET
@login_required
def strategy_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "actionplans/strategy_list.html",
        {
            "strategies": list(selectors.strategies()),
            "may_manage_strategies": policy.may_manage_registry(request.user),
        },
    )


@require_GET
@login_required
def strategy_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(selectors.strategies(), pk=pk)
    plans = strategy.plans.order_by("-year")
    return render(
        request,
        "actionplans/strategy_detail.html",
        {
            "strategy": strategy,
            "plans": plans,
            "may_manage_strategies": policy.may_manage_registry(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def strategy_create(request: AuthenticatedRequest) -> HttpResponse:
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied
    form = StrategyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            strategy = strategies.strategy_create(user=request.user, data=form.typed())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Styrdokumentet sparades."))
            return redirect("actionplans:strategy", pk=strategy.pk)
    return render(request, "actionplans/strategy_form.html", {"form": form}, status=status_of(form))


@require_http_methods(["GET", "POST"])
@login_required
def strategy_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(Strategy, pk=pk)
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied
    form = StrategyForm(posted(request), instance=strategy)
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: strategies.strategy_update(
            user=request.user, strategy=Strategy.objects.get(pk=pk), data=data, opened=opened
        ),
    )
    if submission.saved is not None:
        messages.success(request, _("Styrdokumentet sparades."))
        return redirect("actionplans:strategy", pk=pk)
    return render(
        request,
        "actionplans/strategy_form.html",
        {**submission.context, "strategy": strategy},
        status=submission.status,
    )
