"""The project bank's columns that can hold a person's name (see organisation.personal_data)."""

from __future__ import annotations

from django.db.models import Q

from intl_portal.organisation.personal_data import PersonalColumns, register

from .models import Activity, Project


def register_columns() -> None:
    """A project's lead and an activity's participants, kept until the retention period after
    the project or activity ended."""
    register(
        PersonalColumns(Project, ("project_lead",), lambda cutoff: Q(end_date__lt=cutoff)),
        PersonalColumns(Activity, ("participants_note",), lambda cutoff: Q(end_date__lt=cutoff)),
    )
