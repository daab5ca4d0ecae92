"""Writes for the action plan, one module per entity.

plans (plans, goals, department plans and the plan's workflow), followup (rounds, parts,
outcomes, reminders), strategies (governing documents), common (edit conflicts, transitions).
The annual report's job lives in reports.services.
"""
