from __future__ import annotations

from .project import Currency, ExchangeRate, FundingProgramme, Project

__all__ = ["Currency", "ExchangeRate", "FundingProgramme", "Project"]
