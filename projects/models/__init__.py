"""The project bank and international activities."""

from .activity import Activity, CalendarFeed
from .attachment import Attachment
from .figure import BankFigure
from .project import Currency, ExchangeRate, FundingProgramme, Project
from .review import Indicator, ProjectRevision
from .travel import EmissionFactor, TravelMode

__all__ = [
    "Activity",
    "Attachment",
    "BankFigure",
    "CalendarFeed",
    "Currency",
    "EmissionFactor",
    "ExchangeRate",
    "FundingProgramme",
    "Indicator",
    "Project",
    "ProjectRevision",
    "TravelMode",
]
