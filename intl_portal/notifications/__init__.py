"""Notifications: one row per recipient and event, mailed by the worker after commit.

Sits just above the organisation core, so every domain app can call `notify()`.
"""
