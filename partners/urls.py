from __future__ import annotations

from django.urls import path

from .views import data, networks, public, registry, responsibility

app_name = "partners"

urlpatterns = [
    path("", registry.registry, name="registry"),
    # Partnerships
    path("partnerships/", registry.partnership_list, name="partnership-list"),
    path("partnerships/new/", registry.partnership_create, name="partnership-create"),
    path("partnerships/export/<str:fmt>/", data.partnership_export, name="partnership-export"),
    path("partnerships/import/", data.partnership_import, name="partnership-import"),
    path(
        "partnerships/import/confirm/",
        data.partnership_import_confirm,
        name="partnership-import-confirm",
    ),
    path(
        "partnerships/import/cancel/",
        data.partnership_import_cancel,
        name="partnership-import-cancel",
    ),
    path("partnerships/<id:pk>/", registry.partnership_detail, name="partnership-detail"),
    path("partnerships/<id:pk>/edit/", registry.partnership_edit, name="partnership-edit"),
    path(
        "partnerships/<id:pk>/handover/",
        responsibility.partnership_hand_over,
        name="partnership-handover",
    ),
    path(
        "partnerships/<id:pk>/evaluations/new/",
        registry.evaluation_create,
        name="evaluation-create",
    ),
    path("partnerships/<id:pk>/contacts/new/", registry.contact_create, name="contact-create"),
    path(
        "partnerships/<id:pk>/political-contacts/new/",
        registry.political_contact_create,
        name="political-contact-create",
    ),
    path("partnerships/<id:pk>/documents/new/", registry.document_create, name="document-create"),
    path("contacts/<id:pk>/edit/", registry.contact_edit, name="contact-edit"),
    path("contacts/<id:pk>/delete/", registry.contact_delete, name="contact-delete"),
    path("documents/<id:pk>/", registry.document_download, name="document-download"),
    # Partners
    path("partners/", registry.partner_list, name="partner-list"),
    path("partners/new/", registry.partner_create, name="partner-create"),
    path("partners/<id:pk>/", registry.partner_detail, name="partner-detail"),
    path("partners/<id:pk>/edit/", registry.partner_edit, name="partner-edit"),
    # Meetings
    path("meetings/", registry.meeting_list, name="meeting-list"),
    path("meetings/new/", registry.meeting_create, name="meeting-create"),
    path("meetings/<id:pk>/edit/", registry.meeting_edit, name="meeting-edit"),
    # Networks
    path("networks/", networks.membership_list, name="membership-list"),
    path("networks/new/", networks.membership_create, name="membership-create"),
    path("networks/export/<str:fmt>/", data.membership_export, name="membership-export"),
    path("networks/<id:pk>/", networks.membership_detail, name="membership-detail"),
    path("networks/<id:pk>/edit/", networks.membership_edit, name="membership-edit"),
    path(
        "networks/<id:pk>/handover/",
        responsibility.membership_hand_over,
        name="membership-handover",
    ),
    path("networks/<id:pk>/analyses/new/", networks.analysis_create, name="analysis-create"),
    path("analyses/<id:pk>/edit/", networks.analysis_edit, name="analysis-edit"),
    path("networks/<id:pk>/reports/new/", networks.report_create, name="report-create"),
    # Selection analyses
    path("selection/", networks.selection_list, name="selection-list"),
    path("selection/new/", networks.selection_create, name="selection-create"),
    path("selection/<id:pk>/", networks.selection_detail, name="selection-detail"),
    path("selection/<id:pk>/edit/", networks.selection_edit, name="selection-edit"),
    # Proposals and personal data (coordinator)
    path("proposals/", data.proposal_list, name="proposal-list"),
    path("proposals/<id:pk>/", data.proposal_detail, name="proposal-detail"),
    path("personal-data/", data.personal_data, name="personal-data"),
    path("personal-data/export/", data.personal_data_export, name="personal-data-export"),
    path("personal-data/erase/", data.personal_data_erase, name="personal-data-erase"),
]

public_urlpatterns = [
    path("", public.public_partnership_list, name="public-list"),
    path("propose/", public.proposal_create, name="proposal-create"),
    path("propose/thanks/", public.proposal_thanks, name="proposal-thanks"),
]
