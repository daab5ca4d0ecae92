"""Partners abroad, partnerships (twin towns, agreements) and network memberships."""

from __future__ import annotations

from .networks import BenefitAnalysis, NetworkMembership, NetworkReport
from .proposals import ErasureLog, SelectionAnalysis, TwinTownProposal
from .registry import (
    ContactPerson,
    DecisionBody,
    Partner,
    Partnership,
    PartnershipDocument,
    PartnershipEvaluation,
    PoliticalContact,
    TwinTownMeeting,
)
from .responsibility import ResponsibilityHandover

__all__ = [
    "BenefitAnalysis",
    "ContactPerson",
    "DecisionBody",
    "ErasureLog",
    "NetworkMembership",
    "NetworkReport",
    "Partner",
    "Partnership",
    "PartnershipDocument",
    "PartnershipEvaluation",
    "PoliticalContact",
    "ResponsibilityHandover",
    "SelectionAnalysis",
    "TwinTownMeeting",
    "TwinTownProposal",
]
