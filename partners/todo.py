"""What waits in the partner registry for the coordinator: the dashboard's to-do list asks."""

from __future__ import annotations

import datetime

from django.db.models import Exists, Max, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intl_portal.lib.todo import TodoGroup, TodoItem, group

from .models import ContactPerson, Partnership, PartnershipEvaluation, TwinTownProposal

EVALUATION_YEARS = 2


def _twin_towns() -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(kind=Partnership.Kind.TWINNING)
        .exclude(status=Partnership.Status.ENDED)
        .select_related("partner")
        .order_by("partner__name", "pk")
    )


def _partnership_item(partnership: Partnership) -> TodoItem:
    evaluated = getattr(partnership, "last_evaluation", None)
    detail = (
        str(_("senast utvärderad %(date)s") % {"date": evaluated.isoformat()})
        if evaluated
        else str(_("aldrig utvärderad"))
    )
    return TodoItem(
        partnership.partner.name,
        reverse("partners:partnership-detail", args=[partnership.pk]),
        detail,
    )


def coordinator_groups(*, today: datetime.date) -> list[TodoGroup]:
    try:
        cutoff = today.replace(year=today.year - EVALUATION_YEARS)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - EVALUATION_YEARS, day=28)
    recent = PartnershipEvaluation.objects.filter(partnership=OuterRef("pk"), date__gte=cutoff)
    contacts = ContactPerson.objects.filter(partnership=OuterRef("pk"))
    proposals = TwinTownProposal.objects.filter(status=TwinTownProposal.Status.NEW)
    return [
        group(
            "proposals",
            _("Nya förslag på vänorter"),
            proposals.order_by("received_at", "pk"),
            lambda p: TodoItem(
                str(p),
                reverse("partners:proposal-detail", args=[p.pk]),
                p.received_at.date().isoformat(),
            ),
        ),
        group(
            "twin_towns_unevaluated",
            _("Vänorter utan utvärdering på två år"),
            _twin_towns()
            .filter(~Exists(recent))
            .annotate(last_evaluation=Max("evaluations__date")),
            _partnership_item,
        ),
        group(
            "twin_towns_without_contact",
            _("Vänorter utan kontaktperson"),
            _twin_towns().filter(~Exists(contacts)),
            lambda p: TodoItem(p.partner.name, reverse("partners:partnership-detail", args=[p.pk])),
        ),
    ]
