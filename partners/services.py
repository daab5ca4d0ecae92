"""Writes to the partner registry. Views call these; nothing else changes partner data."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intl_portal.lib import concurrency, uploads
from intl_portal.lib.concurrency import Opened
from intl_portal.organisation import policy
from intl_portal.organisation.models import User
from intl_portal.organisation.notices import tell_coordinators, tell_owner

from .geo import suggest_coordinates
from .models import (
    BenefitAnalysis,
    ContactPerson,
    NetworkMembership,
    NetworkReport,
    Partner,
    Partnership,
    PartnershipDocument,
    PartnershipEvaluation,
    PoliticalContact,
    ResponsibilityHandover,
    SelectionAnalysis,
    TwinTownMeeting,
    TwinTownProposal,
)

PARTNERSHIP_M2M = ("focus_areas", "sdgs")
MEMBERSHIP_M2M = ("focus_areas", "sdgs", "representatives", "member_partners")
ModelT = TypeVar("ModelT", bound=Model)


def _update(
    instance: ModelT, data: dict[str, Any], opened: Opened | None, m2m: tuple[str, ...] = ()
) -> ModelT:
    """Save an edit of an existing row through the one concurrency mechanism."""
    return concurrency.update(
        instance,
        data=data,
        opened=opened,
        apply=lambda current, changes: _apply(current, changes, m2m),
    )


def _apply(instance: ModelT, data: dict[str, Any], m2m: tuple[str, ...] = ()) -> ModelT:
    data = dict(data)
    relations = {name: data.pop(name) for name in m2m if name in data}
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, value in relations.items():
        getattr(instance, name).set(value)
    return instance


# --- Partners and partnerships ------------------------------------------------------------


@transaction.atomic
def partner_create(*, user: User, data: dict[str, Any]) -> Partner:
    """Register a municipality or organisation abroad."""
    if not policy.may_create_partner(user):
        raise PermissionDenied
    data = dict(data)
    if data.get("latitude") is None and data.get("longitude") is None:
        suggested = suggest_coordinates(name=data.get("name", ""), country=data.get("country", ""))
        if suggested:
            data["latitude"], data["longitude"] = suggested
    return _apply(Partner(), data)


@transaction.atomic
def partner_update(
    *, partner: Partner, user: User, data: dict[str, Any], opened: Opened | None = None
) -> Partner:
    """Change a partner; `opened` is what the edit form was opened with (see concurrency)."""
    if not policy.may_edit_partner(user):
        raise PermissionDenied
    return _update(partner, data, opened)


def _check_partnership(partnership: Partnership) -> None:
    if partnership.status == Partnership.Status.ENDED and not partnership.ended_decision_date:
        raise ValidationError(
            {"ended_decision_date": _("Ange beslutet om att avsluta partnerskapet.")}
        )
    if partnership.kind == Partnership.Kind.DEPARTMENT and not partnership.department_id:
        raise ValidationError(
            {"department": _("En kontakt på förvaltningsnivå måste ha en ansvarig förvaltning.")}
        )


@transaction.atomic
def partnership_create(*, user: User, data: dict[str, Any]) -> Partnership:
    """Coordinators register any partnership; a contact a department-level contact of the
    contact's own department (never published, no agreement decision)."""
    if not policy.may_create_partnership(user):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(user):
        data.update(kind=Partnership.Kind.DEPARTMENT, department=user.department)
        data["is_published"] = False
    partnership = Partnership(**{k: v for k, v in data.items() if k not in PARTNERSHIP_M2M})
    _check_partnership(partnership)
    created = _apply(partnership, {k: data.get(k, []) for k in PARTNERSHIP_M2M}, PARTNERSHIP_M2M)
    if created.last_political_contact:  # the date given at registration is the log's first
        PoliticalContact.objects.create(
            partnership=created, date=created.last_political_contact, created_by=user
        )
    return created


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    user: User,
    data: dict[str, Any],
    opened: Opened | None = None,
) -> Partnership:
    """Change a partnership, its focus areas and SDGs; checked on the merged row."""
    if not policy.may_edit_partnership(user, partnership):
        raise PermissionDenied
    data = dict(data)
    if not policy.is_coordinator(user):
        for locked in ("kind", "department", "is_published"):
            data.pop(locked, None)

    def apply(current: Partnership, changes: dict[str, Any]) -> Partnership:
        changes = dict(changes)
        m2m = {name: changes.pop(name) for name in PARTNERSHIP_M2M if name in changes}
        for name, value in changes.items():
            setattr(current, name, value)
        _check_partnership(current)
        return _apply(current, m2m, PARTNERSHIP_M2M)

    return concurrency.update(partnership, data=data, opened=opened, apply=apply)


@transaction.atomic
def contact_person_save(
    *,
    partnership: Partnership,
    user: User,
    data: dict[str, Any],
    person: ContactPerson | None = None,
    opened: Opened | None = None,
) -> ContactPerson:
    """Add or change a contact person of a partnership."""
    if not policy.may_edit_partnership(user, partnership):
        raise PermissionDenied
    if person is None:
        return _apply(ContactPerson(partnership=partnership), data)
    if person.partnership_id != partnership.pk:
        raise PermissionDenied
    return _update(person, data, opened)


@transaction.atomic
def contact_person_delete(*, person: ContactPerson, user: User) -> None:
    """Remove a person from a partnership (history keeps the row until an erasure)."""
    if not policy.may_edit_partnership(user, person.partnership):
        raise PermissionDenied
    person.delete()


@transaction.atomic
def evaluation_create(
    *, partnership: Partnership, user: User, data: dict[str, Any]
) -> PartnershipEvaluation:
    """Record an evaluation of a partnership (Lilla Edet: evaluated continuously)."""
    if not policy.may_evaluate_partnership(user, partnership):
        raise PermissionDenied
    return _apply(PartnershipEvaluation(partnership=partnership, author=user), data)


@transaction.atomic
def political_contact_add(
    *, partnership: Partnership, user: User, data: dict[str, Any]
) -> PoliticalContact:
    """Log a contact with the partner's political leadership; the partnership's "last contact"
    (which the dormancy reads) is the log's latest date."""
    if not policy.may_edit_partnership(user, partnership):
        raise PermissionDenied
    contact = _apply(PoliticalContact(partnership=partnership, created_by=user), data)
    _last_contact_from_log(partnership)
    return contact


def _last_contact_from_log(partnership: Partnership) -> None:
    latest = partnership.political_contacts.order_by("-date").values_list("date", flat=True)
    date = latest.first()
    if partnership.last_political_contact != date:
        partnership.last_political_contact = date
        partnership.version += 1
        partnership.save()


@transaction.atomic
def document_add(
    *, partnership: Partnership, user: User, title: str, file: UploadedFile[Any], is_agreement: bool
) -> PartnershipDocument:
    if not policy.may_edit_partnership(user, partnership):
        raise PermissionDenied
    uploads.validate_upload(file, rule=uploads.DOCUMENTS)  # the one check, also here
    document = PartnershipDocument(
        partnership=partnership, uploaded_by=user, title=title, is_agreement=is_agreement
    )
    document.file = file
    document.full_clean()
    document.save()
    return document


# --- Meetings, memberships and analyses ---------------------------------------------------


def _require_network_manager(user: User) -> None:
    if not policy.may_manage_networks(user):
        raise PermissionDenied


@transaction.atomic
def meeting_save(
    *,
    user: User,
    data: dict[str, Any],
    meeting: TwinTownMeeting | None = None,
    opened: Opened | None = None,
) -> TwinTownMeeting:
    """Plan a twin-town meeting of the rotation, or change one."""
    _require_network_manager(user)
    if meeting is None:
        return _apply(TwinTownMeeting(), data)
    return _update(meeting, data, opened)


@transaction.atomic
def membership_save(
    *,
    user: User,
    data: dict[str, Any],
    membership: NetworkMembership | None = None,
    opened: Opened | None = None,
) -> NetworkMembership:
    """Register a network membership, or change one (its focus areas and representatives)."""
    _require_network_manager(user)
    if membership is None:
        return _apply(NetworkMembership(), data, MEMBERSHIP_M2M)
    return _update(membership, data, opened, MEMBERSHIP_M2M)


@transaction.atomic
def benefit_analysis_save(
    *,
    membership: NetworkMembership,
    user: User,
    data: dict[str, Any],
    analysis: BenefitAnalysis | None = None,
    opened: Opened | None = None,
) -> BenefitAnalysis:
    """The yearly benefit analysis of a membership (Skövde); one per year."""
    _require_network_manager(user)

    def apply(current: BenefitAnalysis, changes: dict[str, Any]) -> BenefitAnalysis:
        others = BenefitAnalysis.objects.filter(membership=membership, year=current.year)
        if "year" in changes:
            others = BenefitAnalysis.objects.filter(membership=membership, year=changes["year"])
        if others.exclude(pk=current.pk).exists():
            raise ValidationError({"year": _("Det finns redan en nyttoanalys för det året.")})
        return _apply(current, changes)

    if analysis is None:
        return apply(BenefitAnalysis(membership=membership, author=user), data)
    return concurrency.update(analysis, data=data, opened=opened, apply=apply)


@transaction.atomic
def network_report_create(
    *, membership: NetworkMembership, user: User, data: dict[str, Any]
) -> NetworkReport:
    """A representative reports the network's activity to the coordinator."""
    is_representative = membership.representatives.filter(pk=user.pk).exists()
    if not policy.may_report_for_network(user, is_representative=is_representative):
        raise PermissionDenied
    report = _apply(NetworkReport(membership=membership, author=user), data)
    tell_coordinators(
        kind="network_report_filed",
        path=reverse("partners:membership-detail", args=[membership.pk]),
        params={"title": membership.name, "author": str(user), "comment": report.title},
        actor=user,
    )
    return report


@transaction.atomic
def selection_analysis_save(
    *,
    user: User,
    data: dict[str, Any],
    analysis: SelectionAnalysis | None = None,
    opened: Opened | None = None,
) -> SelectionAnalysis:
    """The benefit and risk analysis before a new cooperation (Lidköping)."""
    _require_network_manager(user)

    def apply(current: SelectionAnalysis, changes: dict[str, Any]) -> SelectionAnalysis:
        for name, value in changes.items():
            setattr(current, name, value)
        if current.decision != SelectionAnalysis.Decision.PENDING and not current.decision_date:
            raise ValidationError({"decision_date": _("Ange när beslutet fattades.")})
        return _apply(current, {})

    if analysis is None:
        return apply(SelectionAnalysis(author=user), data)
    return concurrency.update(analysis, data=data, opened=opened, apply=apply)


# --- Owner and deputy ----------------------------------------------------------------------


def _relationship_title(relationship: Partnership | NetworkMembership) -> str:
    if isinstance(relationship, Partnership):
        return str(relationship)
    return relationship.name


def _relationship_path(relationship: Partnership | NetworkMembership) -> str:
    if isinstance(relationship, Partnership):
        return reverse("partners:partnership-detail", args=[relationship.pk])
    return reverse("partners:membership-detail", args=[relationship.pk])


@transaction.atomic
def relationship_hand_over(
    *,
    user: User,
    relationship: Partnership | NetworkMembership,
    data: dict[str, Any],
    opened: Opened | None = None,
) -> ResponsibilityHandover:
    """Move a partnership's or a membership's owner and deputy, logged with a note and a date.

    The new owner is told. Coordinators and the current owner may hand over.
    """
    # Asked of the saved row: a model form's validation has already put the typed owner on
    # the instance it was given.
    saved = type(relationship)._default_manager.get(pk=relationship.pk)
    if not policy.may_hand_over(user, saved):
        raise PermissionDenied
    people = {name: data.get(name) for name in ("owner", "deputy")}
    handovers: list[ResponsibilityHandover] = []

    def apply(current: Any, changes: dict[str, Any]) -> Any:
        for name, person in changes.items():
            if person is not None and not policy.may_be_responsible(person):
                raise ValidationError({name: _("Välj en aktiv samordnare eller kontaktperson.")})
        owner, deputy = changes.get("owner", current.owner), changes.get("deputy", current.deputy)
        if owner is not None and deputy is not None and owner.pk == deputy.pk:
            raise ValidationError({"deputy": _("Ersättaren kan inte vara samma person.")})
        handover = ResponsibilityHandover(
            date=data.get("date") or timezone.localdate(),
            note=data.get("note", ""),
            previous_owner=current.owner,
            owner=owner,
            previous_deputy=current.deputy,
            deputy=deputy,
            created_by=user,
            **{"partnership" if isinstance(current, Partnership) else "membership": current},
        )
        handover.full_clean()
        current.owner, current.deputy = owner, deputy
        _apply(current, {})
        handover.save()
        handovers.append(handover)
        return current

    concurrency.update(relationship, data=people, opened=opened, apply=apply)
    if not handovers:
        raise ValidationError(
            {"owner": _("Välj en ny förvaltningsansvarig eller ersättare: inget ändrades.")}
        )
    handover = handovers[0]
    if handover.owner is not None and handover.owner != handover.previous_owner:
        tell_owner(
            kind="responsibility_handed_over",
            owner=handover.owner,
            path=_relationship_path(relationship),
            params={"title": _relationship_title(relationship), "author": str(user)},
            actor=user,
        )
    return handover


# --- Proposals from the public ------------------------------------------------------------


@transaction.atomic
def proposal_submit(*, data: dict[str, Any]) -> TwinTownProposal:
    """Store a proposal for a new twin town for the coordinator (Värmdö)."""
    data = {k: v for k, v in data.items() if k != "website"}
    if data.get("proposer_kind") != TwinTownProposal.ProposerKind.COMMITTEE:
        data["committee"] = None
    proposal = _apply(TwinTownProposal(), data)
    tell_coordinators(
        kind="proposal_received",
        path=reverse("partners:proposal-detail", args=[proposal.pk]),
        params={"title": str(proposal)},
    )
    return proposal


@transaction.atomic
def proposal_review(
    *,
    proposal: TwinTownProposal,
    user: User,
    data: dict[str, Any],
    opened: Opened | None = None,
) -> TwinTownProposal:
    """The coordinator's handling of a proposal (status, notes)."""
    if not policy.may_handle_proposals(user):
        raise PermissionDenied
    return _update(proposal, data, opened)
