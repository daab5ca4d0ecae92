"""The search indexes on other apps' tables, built from the same expressions the queries use.

Created by this app's migrations on PostgreSQL only (the embedded SQLite default searches
without them). Django's schema editor writes them, so each index's expression is exactly
the one `intl_portal.lib.search.match` filters on, and the planner can use it.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db.models import F
from django.db.models.functions import Upper

from intl_portal.lib.search import search_vector

# (app label, model, index)
INDEXES = [
    (
        "projects",
        "Project",
        GinIndex(search_vector("title", "acronym", "summary"), name="search_project_fts"),
    ),
    (
        "projects",
        "Activity",
        GinIndex(search_vector("title", "purpose", "place"), name="search_activity_fts"),
    ),
    ("partners", "Partner", GinIndex(search_vector("name", "region"), name="search_partner_fts")),
    ("partners", "NetworkMembership", GinIndex(search_vector("name"), name="search_network_fts")),
    (
        "actionplans",
        "Goal",
        GinIndex(search_vector("description", "indicator"), name="search_goal_fts"),
    ),
    (
        "actionplans",
        "Strategy",
        GinIndex(search_vector("title", "applies_to"), name="search_strategy_fts"),
    ),
    (
        "projects",
        "Project",
        GinIndex(OpClass(F("title"), name="gin_trgm_ops"), name="search_project_trgm"),
    ),
    (
        "projects",
        "Activity",
        GinIndex(OpClass(F("title"), name="gin_trgm_ops"), name="search_activity_trgm"),
    ),
    (
        "partners",
        "Partner",
        GinIndex(OpClass(F("name"), name="gin_trgm_ops"), name="search_partner_trgm"),
    ),
    (
        "partners",
        "NetworkMembership",
        GinIndex(OpClass(F("name"), name="gin_trgm_ops"), name="search_network_trgm"),
    ),
    (
        "actionplans",
        "Goal",
        GinIndex(OpClass(F("description"), name="gin_trgm_ops"), name="search_goal_trgm"),
    ),
    (
        "actionplans",
        "Strategy",
        GinIndex(OpClass(F("title"), name="gin_trgm_ops"), name="search_strategy_trgm"),
    ),
    # iexact compares UPPER(name): the exact-name boost reads it from an index too.
    (
        "projects",
        "Project",
        GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="search_project_upper_trgm"),
    ),
]
