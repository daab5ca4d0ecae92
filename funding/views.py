"""The funding radar's pages: thin views that ask the policy, the forms and the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import selectors as plan_selectors
from intl_portal.lib import concurrency, tabular
from intl_portal.lib.pagination import NearEndPaginator
from intl_portal.organisation import policy
from intl_portal.organisation.http import AuthenticatedRequest
from intl_portal.organisation.models import FocusArea

from . import imports, selectors, services
from .forms import CallForm, CallImportForm, InterestForm, KeywordsForm, RadarFilterForm
from .models import Call, MatchKeywords

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _call(pk: int) -> Call:
    try:
        return selectors.call_detail(pk)
    except Call.DoesNotExist as exc:
        raise Http404 from exc


@require_GET
@login_required
def radar(request: AuthenticatedRequest) -> HttpResponse:
    """ "Finansieringsradar": every call, filtered and sorted, with its score and words."""
    _require(policy.may_view_calls(request.user))
    form = RadarFilterForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    data: dict[str, Any] = form.cleaned_data if request.GET and valid else {}
    department = data.get("department")
    user = request.user
    if department is None and "department" not in request.GET and policy.is_contact(user):
        department = user.department
        if department is not None:  # a contact always has one
            form = RadarFilterForm({**request.GET.dict(), "department": department.pk})
            form.is_valid()
    window = data.get("window")
    rows = selectors.radar(
        department_id=department.pk if department else None,
        programme_id=data["programme"].pk if data.get("programme") else None,
        window_days=int(window) if window else None,
        focus_area_id=data["focus_area"].pk if data.get("focus_area") else None,
        status=data.get("status") or selectors.ACTIVE,
        sort=data.get("sort") or "deadline",
        text=data.get("q", ""),
    )
    page = NearEndPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    interests = selectors.interests_of(call_ids=[row.call_id for row in page])
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [(row, interests.get(row.call_id, [])) for row in page],
        "department": department,
        "page_query": params.urlencode(),
        "today": timezone.localdate(),
        "may_manage": policy.may_manage_calls(request.user),
    }
    return render(request, "funding/radar.html", context, status=200 if valid else 400)


def _detail_context(request: AuthenticatedRequest, call: Call) -> dict[str, Any]:
    user = request.user
    department = user.department if policy.is_contact(user) else None
    interests = selectors.call_interests(call=call)
    return {
        "call": call,
        "hits": selectors.call_hits(call=call),
        "scores": selectors.call_scores(call=call),
        "interests": interests,
        "own_mark": next(
            (i.mark for i in interests if department and i.department_id == department.pk), ""
        ),
        "ideas": selectors.call_ideas(call=call, user=user),
        "may_manage": policy.may_manage_calls(user),
        "may_mark": policy.may_mark_call(user),
        "may_start_idea": policy.may_start_idea(user),
        # Coordinators mark and start ideas for any department; contacts for their own.
        "may_choose_department": policy.is_coordinator(user),
        "interest_form": InterestForm(),
    }


@require_GET
@login_required
def call_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(policy.may_view_calls(request.user))
    call = _call(pk)
    return render(request, "funding/call_detail.html", _detail_context(request, call))


@require_POST
@login_required
def call_mark(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A department marks the call "intressant" or "inte aktuell"."""
    _require(policy.may_mark_call(request.user))
    call = _call(pk)
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            interest = services.interest_mark(
                user=request.user,
                call=call,
                mark=form.cleaned_data["mark"],
                department=form.cleaned_data["department"],
            )
        except ValidationError as exc:
            form.add_error("department", exc.messages[0])
        else:
            messages.success(
                request,
                _("%(department)s: markerad som ”%(mark)s”.")
                % {"department": interest.department, "mark": interest.get_mark_display()},
            )
            return redirect("funding:detail", pk=call.pk)
    context = _detail_context(request, call) | {"interest_form": form}
    return render(request, "funding/call_detail.html", context, status=400)


@require_POST
@login_required
def idea_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """ "Starta projektidé": a draft project in phase idea, prefilled from the call."""
    _require(policy.may_start_idea(request.user))
    call = _call(pk)
    form = InterestForm({"mark": "interested", "department": request.POST.get("department")})
    if form.is_valid():
        try:
            project = services.idea_start(
                user=request.user, call=call, department=form.cleaned_data["department"]
            )
        except ValidationError as exc:
            form.add_error("department", exc.messages[0])
        else:
            messages.success(
                request,
                _("Projektidén är skapad som utkast. Komplettera den och skicka in den."),
            )
            return redirect("projects:edit", pk=project.pk)
    context = _detail_context(request, call) | {"interest_form": form}
    return render(request, "funding/call_detail.html", context, status=400)


def _call_form_page(request: AuthenticatedRequest, call: Call | None) -> HttpResponse:
    posted = request.method == "POST"
    form = CallForm(request.POST if posted else None, instance=call)
    if call is not None:
        submission = concurrency.submit(
            request,
            form,
            lambda data, opened: services.call_update(
                user=request.user, call=call, data=data, opened=opened
            ),
        )
        if submission.saved is not None:
            messages.success(request, _("Utlysningen är sparad."))
            return redirect("funding:detail", pk=call.pk)
        context = {**submission.context, "call": call}
        return render(request, "funding/call_form.html", context, status=submission.status)
    if posted and form.is_valid():
        try:
            saved = services.call_create(user=request.user, data=form.typed())
        except ValidationError as exc:
            concurrency.add_errors(form, exc)
        else:
            messages.success(request, _("Utlysningen är sparad."))
            return redirect("funding:detail", pk=saved.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "funding/call_form.html", {"form": form, "call": call}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def call_create(request: AuthenticatedRequest) -> HttpResponse:
    _require(policy.may_manage_calls(request.user))
    return _call_form_page(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def call_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(policy.may_manage_calls(request.user))
    return _call_form_page(request, _call(pk))


# --- Import ---------------------------------------------------------------------------------

IMPORT_TEMPLATE = "funding/import.html"


@require_http_methods(["GET", "POST"])
@login_required
def call_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload the template or a saved portal response; every row checked, nothing saved."""
    _require(policy.may_manage_calls(request.user))
    posted = request.method == "POST"
    form = CallImportForm(request.POST if posted else None, request.FILES if posted else None)
    context: dict[str, Any] = {"form": form, "columns": list(imports.COLUMNS)}
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                preview = imports.calls_import_preview(
                    user=request.user, name=uploaded.name, content=uploaded.read()
                )
            except tabular.SheetError as exc:
                form.add_error("file", str(exc))
            else:
                context["preview"] = preview
                status = 200 if preview.is_importable else 400
    return render(request, IMPORT_TEMPLATE, context, status=status)


@require_POST
@login_required
def call_import_confirm(request: AuthenticatedRequest) -> HttpResponse:
    _require(policy.may_manage_calls(request.user))
    try:
        result = imports.calls_import_commit(user=request.user, token=request.POST.get("token", ""))
    except ValidationError as exc:
        context = {
            "form": CallImportForm(),
            "columns": list(imports.COLUMNS),
            "import_error": exc.messages[0],
        }
        return render(request, IMPORT_TEMPLATE, context, status=400)
    messages.success(
        request,
        _("%(created)s nya utlysningar, %(updated)s uppdaterade.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("funding:radar")


@require_POST
@login_required
def call_import_cancel(request: AuthenticatedRequest) -> HttpResponse:
    _require(policy.may_manage_calls(request.user))
    imports.calls_import_cancel(user=request.user, token=request.POST.get("token", ""))
    messages.info(request, _("Importen avbröts. Ingenting sparades."))
    return redirect("funding:radar")


TEMPLATE_EXAMPLE = [
    "Erasmus+", "KA210-YOU-2027-R1", "Småskaliga partnerskap inom ungdom", "Ungdomsutbyte och "
    "delaktighet för unga 13–30 år.", "UHR (Erasmus+)", "2026-11-01", "2027-03-05", "", "EUR",
    "", "30000", "60000", "100", "kommuner, skolor, föreningar", "ja", "ungdom, youth, utbyte",
    "https://www.utbyten.se/",
]  # fmt: skip


@require_GET
@login_required
def call_import_template(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    """The empty template with one example row, as Excel or CSV."""
    _require(policy.may_manage_calls(request.user))
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    headers = list(imports.COLUMNS)
    if fmt == "csv":
        return tabular.csv_response("utlysningar-mall", headers, [TEMPLATE_EXAMPLE])
    return tabular.xlsx_response("utlysningar-mall", headers, [TEMPLATE_EXAMPLE])


# --- Keywords -------------------------------------------------------------------------------


@require_GET
@login_required
def keywords(request: AuthenticatedRequest) -> HttpResponse:
    """The keywords of every focus area and of the current plan's goals."""
    _require(policy.may_manage_calls(request.user))
    stored = {(k.focus_area_id, k.goal_id): k for k in MatchKeywords.objects.all()}
    areas = [(a, stored.get((a.pk, None))) for a in FocusArea.objects.filter(is_active=True)]
    goals = [
        (g, stored.get((None, g.pk)))
        for g in plan_selectors.current_plan_goals(year=timezone.localdate().year)
    ]
    return render(request, "funding/keywords.html", {"areas": areas, "goals": goals})


def _keywords_page(
    request: AuthenticatedRequest, *, subject: Any, focus_area_id: int | None, goal_id: int | None
) -> HttpResponse:
    _require(policy.may_manage_calls(request.user))
    # One of the two is None, which matches the rows without it.
    instance = MatchKeywords.objects.filter(
        focus_area_id=focus_area_id,
        goal_id=goal_id,  # type: ignore[misc]
    ).first()
    posted = request.method == "POST"
    form = KeywordsForm(request.POST if posted else None, instance=instance)
    submission = concurrency.submit(
        request,
        form,
        lambda data, opened: services.keywords_save(
            user=request.user,
            focus_area_id=focus_area_id,
            goal_id=goal_id,
            data=data,
            opened=opened,
        ),
    )
    if submission.saved is not None:
        messages.success(request, _("Nyckelorden är sparade och utlysningarna matchade igen."))
        return redirect("funding:keywords")
    context = {**submission.context, "subject": subject}
    return render(request, "funding/keywords_form.html", context, status=submission.status)


@require_http_methods(["GET", "POST"])
@login_required
def keywords_area(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(policy.may_manage_calls(request.user))
    area = get_object_or_404(FocusArea, pk=pk)
    return _keywords_page(request, subject=area, focus_area_id=area.pk, goal_id=None)


@require_http_methods(["GET", "POST"])
@login_required
def keywords_goal(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(policy.may_manage_calls(request.user))
    goals = plan_selectors.current_plan_goals(year=timezone.localdate().year)
    goal = get_object_or_404(goals, pk=pk)
    return _keywords_page(request, subject=goal, focus_area_id=None, goal_id=goal.pk)


# --- Figures --------------------------------------------------------------------------------


@require_GET
@login_required
def figures(request: AuthenticatedRequest) -> HttpResponse:
    """ "Från utlysning till beviljat": per programme, for a year."""
    _require(policy.may_view_calls(request.user))
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else today.year
    context = selectors.funding_figures(year=year) | {
        "years": range(today.year - 4, today.year + 2)
    }
    return render(request, "funding/figures.html", context)
