"""One optimistic-concurrency mechanism for every edit of an existing record.

Two people open the same record's edit page; both save. No save may silently undo the other:

* The edit form carries the version it was opened at and a fingerprint of each value it was
  opened with (hidden fields ``version`` and ``opened``; the fingerprints are signed).
* The service saves through :func:`update`: one conditional ``UPDATE … SET version = version + 1
  WHERE id = %s AND version = %s`` claims the row, so of two simultaneous saves exactly one wins
  that statement; the row is then written with ``save()`` (so django-simple-history records it).
* Only the fields the person changed are written (typed value ≠ opened value). When the claim
  fails because someone saved in between, the row is read again under a lock and compared with
  the opened fingerprints: if the other person changed *other* fields, both changes are kept
  (:class:`Merge`, the view tells the second person who changed what); if both changed the *same*
  field to different values, :class:`EditConflict` is raised and the view answers 409 with the
  typed values kept, the saved values beside them and three choices (use mine, keep the saved
  ones, edit). A field both set to the same value is no conflict.
* Collections are merged, not compared whole (intl_portal/lib/merge.py): related rows edited on
  the page (a list of mappings with an "id", e.g. a project's indicators) merge row by row and
  field by field, so two people changing different indicators, or different fields of one, keep
  both and only the same field of the same row clashes; a set of related records (partners,
  focus areas) merges member by member (what each added or removed).
* Saving an unchanged form writes nothing (the version fields never count as changes).
* History names both people: a merged save, or a save that decided a conflict, carries a change
  reason naming the other person.

Using it on a new edit page (see partners/forms.py ``PartnerForm`` and partners' ``partner_update``
for a complete small example):

1. The model gets ``version = models.PositiveIntegerField(_("version"), default=1,
   editable=False)`` (and a migration).
2. The form mixes in :class:`VersionedForm` before ``forms.ModelForm``::

       class CommitteeForm(VersionedForm, forms.ModelForm): ...

   Related rows edited on the same page that are not model fields of the form (a formset of
   indicators) are declared as ``concurrency_readers = {"indicators": read_indicators}``, a
   function from the saved record to the value, compared like any field.
3. The service takes the form's :class:`Opened` and calls :func:`update`::

       @transaction.atomic
       def committee_update(*, committee, user, data, opened=None):
           if not policy.may_manage_settings(user):
               raise PermissionDenied
           return concurrency.update(committee, data=data, opened=opened, apply=_apply)

   ``apply(record, changes)`` sets the changed values on the locked, current record, validates
   and saves it (and sets many-to-many relations); it is called only when something changed.
   ``opened=None`` (a script, a test, an import) writes ``data`` over the row as it is now.
4. The view calls :func:`submit` and renders ``submission.form`` with ``conflict`` in the
   context, status ``submission.status``::

       submission = concurrency.submit(request, form, lambda data, opened:
           services.committee_update(committee=c, user=request.user, data=data, opened=opened))
       if submission.saved is not None:
           messages.success(request, _("Ändringarna sparades."))
           return redirect(...)
       return render(request, "settings/form.html",
                     {"form": submission.form, **submission.context}, status=submission.status)

   ``templates/includes/form.html`` shows the conflict (table and choices) whenever the
   context has ``conflict``. partners' ``save_form`` does all of step 4 for simple pages.
5. Add the edit URL's scenario to tests/test_concurrency_pages.py (the test fails for an edit URL
   it has no scenario for).
"""

from __future__ import annotations

from .core import (
    CONFLICT_STATUS,
    OPENED,
    REASON_LENGTH,
    RESOLVE,
    VERSION,
    EditConflict,
    Merge,
    Opened,
    Reader,
    apply_fields,
    fingerprint,
    last_editor,
    person,
    read,
    set_reason,
    update,
)
from .pages import (
    Conflict,
    Row,
    Submission,
    VersionedForm,
    add_errors,
    describe,
    display,
    submit,
    tell_merged,
)

__all__ = [
    "CONFLICT_STATUS",
    "OPENED",
    "REASON_LENGTH",
    "RESOLVE",
    "VERSION",
    "Conflict",
    "EditConflict",
    "Merge",
    "Opened",
    "Reader",
    "Row",
    "Submission",
    "VersionedForm",
    "add_errors",
    "apply_fields",
    "describe",
    "display",
    "fingerprint",
    "last_editor",
    "person",
    "read",
    "set_reason",
    "submit",
    "tell_merged",
    "update",
]
