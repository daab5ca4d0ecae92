"""The abstract model of what the coordinator reviews (see workflow.py for the tables)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .workflow import flow_of


class Reviewed(models.Model):
    """A project, a proposed change, an activity, a department plan, a follow-up part.

    Each kind declares its own `status` (its choices are the states of its table) and its own
    stamps, so every column stays where it was; the coordinator's comment is one field.
    """

    status: str
    review_comment = models.TextField(_("kommentar från samordnaren"), blank=True)

    class Meta:
        abstract = True

    @property
    def returned_comment(self) -> str:
        """The coordinator's comment while the entry is back with its department."""
        returned = flow_of(self).step("return").target
        return self.review_comment if self.status == returned else ""
