"""Personal data of contact persons and proposers: export everything, erase everything.

A person is found by exact name or e-mail address (case-insensitive). Erasure deletes the
contact and proposal rows and every historical row of them (django-simple-history), takes the
name or address out of every other column that can hold it (political contacts, project leads,
accessibility reports, users: `organisation.personal_data`), then logs who erased how much and
why, never what.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from intl_portal.organisation import personal_data, policy
from intl_portal.organisation.models import User
from intl_portal.organisation.personal_data import PersonalColumns

from .models import ContactPerson, ErasureLog, Partnership, PoliticalContact, TwinTownProposal

CONTACT_FIELDS = ("id", "name", "title", "side", "email", "phone", "partnership_id")
PROPOSAL_FIELDS = (
    "id",
    "proposer_kind",
    "proposer_name",
    "proposer_email",
    "town",
    "country",
    "motivation",
    "status",
    "received_at",
)


@dataclass
class PersonRecords:
    contacts: QuerySet[ContactPerson]
    contact_history: QuerySet[Any]
    proposals: QuerySet[TwinTownProposal]
    proposal_history: QuerySet[Any]

    @property
    def is_empty(self) -> bool:
        return not (
            self.contacts.exists()
            or self.contact_history.exists()
            or self.proposals.exists()
            or self.proposal_history.exists()
        )


def _match(query: str, name_field: str, email_field: str) -> Q:
    return Q(**{f"{name_field}__iexact": query}) | Q(**{f"{email_field}__iexact": query})


def person_records(*, query: str) -> PersonRecords:
    """Everything stored about the person named or addressed `query`."""
    query = query.strip()
    contacts = ContactPerson.objects.filter(_match(query, "name", "email")).select_related(
        "partnership__partner"
    )
    contact_ids = list(contacts.values_list("pk", flat=True))
    history = ContactPerson.history.filter(_match(query, "name", "email") | Q(id__in=contact_ids))
    proposals = TwinTownProposal.objects.filter(_match(query, "proposer_name", "proposer_email"))
    proposal_ids = list(proposals.values_list("pk", flat=True))
    proposal_history = TwinTownProposal.history.filter(
        _match(query, "proposer_name", "proposer_email") | Q(id__in=proposal_ids)
    )
    return PersonRecords(contacts, history, proposals, proposal_history)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if value is None or isinstance(value, int | float | bool):
        return value
    return str(value)


def _rows(qs: QuerySet[Any], fields: tuple[str, ...], extra: tuple[str, ...] = ()) -> list[Any]:
    return [{name: _plain(getattr(obj, name)) for name in (*fields, *extra)} for obj in qs]


def person_data_export(*, user: User, query: str) -> dict[str, Any]:
    """A subject-access export: current and historical rows about the person."""
    if not policy.may_handle_personal_data(user):
        raise PermissionDenied
    records = person_records(query=query)
    history = ("history_date", "history_type", "history_user_id")
    return {
        "query": query,
        "contact_persons": _rows(records.contacts, CONTACT_FIELDS),
        "contact_person_history": _rows(records.contact_history, CONTACT_FIELDS, history),
        "proposals": _rows(records.proposals, PROPOSAL_FIELDS),
        "proposal_history": _rows(records.proposal_history, PROPOSAL_FIELDS, history),
    }


@transaction.atomic
def person_data_erase(*, user: User, query: str, reason: str) -> ErasureLog:
    """Erase the person everywhere, history included, and log the erasure without the data."""
    if not policy.may_handle_personal_data(user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Ange skälet till raderingen.")})
    records = person_records(query=query)
    contact_ids = list(records.contacts.values_list("pk", flat=True))
    proposal_ids = list(records.proposals.values_list("pk", flat=True))
    rows = 0
    for person in list(records.contacts):
        person.delete()  # writes a "-" history row, removed just below
        rows += 1
    for proposal in list(records.proposals):
        proposal.delete()
        rows += 1
    contact_history = ContactPerson.history.filter(
        Q(id__in=contact_ids) | _match(query.strip(), "name", "email")
    )
    proposal_history = TwinTownProposal.history.filter(
        Q(id__in=proposal_ids) | _match(query.strip(), "proposer_name", "proposer_email")
    )
    history_rows = contact_history.delete()[0] + proposal_history.delete()[0]
    mentions, history_mentions = personal_data.mentions_erase(needle=query)
    rows += mentions
    history_rows += history_mentions
    if not rows and not history_rows:
        raise ValidationError(_("Det finns inga uppgifter om den personen."))
    return ErasureLog.objects.create(
        erased_by=user, reason=reason.strip(), rows_erased=rows, history_rows_erased=history_rows
    )


def _partnership_ended(cutoff: datetime.date) -> Q:
    return Q(status=Partnership.Status.ENDED, ended_decision_date__lt=cutoff)


def register_columns() -> None:
    """The registry's columns that can hold a person's name or address, and when the
    relationship behind them ended."""
    personal_data.register(
        PersonalColumns(
            ContactPerson,
            ("name", "email", "phone"),
            lambda cutoff: Q(
                partnership__status=Partnership.Status.ENDED,
                partnership__ended_decision_date__lt=cutoff,
            ),
        ),
        PersonalColumns(Partnership, ("political_contact",), _partnership_ended),
        PersonalColumns(
            PoliticalContact,
            ("participants", "agreed"),
            lambda cutoff: Q(
                partnership__status=Partnership.Status.ENDED,
                partnership__ended_decision_date__lt=cutoff,
            ),
        ),
        PersonalColumns(
            TwinTownProposal,
            ("proposer_name", "proposer_email", "motivation"),
            lambda cutoff: Q(status=TwinTownProposal.Status.CLOSED, received_at__date__lt=cutoff),
        ),
    )
