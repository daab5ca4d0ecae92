"""Every kind of notification: its name on the preferences page, its subject and its text.

The texts are lazy msgids, rendered in the recipient's language when the worker sends them;
`%(title)s`, `%(department)s` and the other names come from the params the event stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    group: Promise
    label: Promise
    subject: Promise
    text: Promise


PROJECTS = _("Projekt")
ACTIVITIES = _("Aktiviteter")
PLANS = _("Handlingsplaner")
FOLLOWUP = _("Uppföljning")
REGISTRY = _("Vänorter och nätverk")
REPORTS = _("Årsrapporter och styrdokument")
FUNDING = _("Finansieringsradar")

KINDS: tuple[Kind, ...] = (
    Kind(
        "project_created",
        PROJECTS,
        _("Ett nytt projekt registreras"),
        _("Nytt projekt: %(title)s"),
        _("%(department)s har registrerat projektet ”%(title)s” i portalen."),
    ),
    Kind(
        "project_submitted",
        PROJECTS,
        _("Ett projekt skickas in för granskning"),
        _("Projekt att granska: %(title)s"),
        _("%(department)s har skickat in projektet ”%(title)s” för granskning."),
    ),
    Kind(
        "project_returned",
        PROJECTS,
        _("Ett projekt återsänds"),
        _("Projektet återsänt: %(title)s"),
        _("Samordnaren har återsänt projektet ”%(title)s” med en kommentar."),
    ),
    Kind(
        "project_approved",
        PROJECTS,
        _("Ett projekt godkänns"),
        _("Projektet godkänt: %(title)s"),
        _("Projektet ”%(title)s” är godkänt och finns nu i projektbanken."),
    ),
    Kind(
        "change_submitted",
        PROJECTS,
        _("En ändring av ett godkänt projekt skickas in"),
        _("Ändring att granska: %(title)s"),
        _("%(department)s har föreslagit en ändring av det godkända projektet ”%(title)s”."),
    ),
    Kind(
        "change_approved",
        PROJECTS,
        _("En ändring av ett projekt godkänns"),
        _("Ändringen godkänd: %(title)s"),
        _("Ändringen av projektet ”%(title)s” är godkänd och gäller nu."),
    ),
    Kind(
        "change_returned",
        PROJECTS,
        _("En ändring av ett projekt återsänds"),
        _("Ändringen återsänd: %(title)s"),
        _("Samordnaren har återsänt ändringen av projektet ”%(title)s” med en kommentar."),
    ),
    Kind(
        "activity_submitted",
        ACTIVITIES,
        _("En aktivitet skickas in för granskning"),
        _("Aktivitet att granska: %(title)s"),
        _("%(department)s har skickat in aktiviteten ”%(title)s” för granskning."),
    ),
    Kind(
        "activity_returned",
        ACTIVITIES,
        _("En aktivitet återsänds"),
        _("Aktiviteten återsänd: %(title)s"),
        _("Samordnaren har återsänt aktiviteten ”%(title)s” med en kommentar."),
    ),
    Kind(
        "activity_approved",
        ACTIVITIES,
        _("En aktivitet godkänns"),
        _("Aktiviteten godkänd: %(title)s"),
        _("Aktiviteten ”%(title)s” är godkänd."),
    ),
    Kind(
        "department_plan_submitted",
        PLANS,
        _("En förvaltningsplan skickas in"),
        _("Förvaltningsplan att granska: %(title)s"),
        _("%(department)s har skickat in sin del av %(title)s för granskning."),
    ),
    Kind(
        "department_plan_returned",
        PLANS,
        _("En förvaltningsplan återsänds"),
        _("Förvaltningsplanen återsänd: %(title)s"),
        _("Samordnaren har återsänt %(department)s del av %(title)s med en kommentar."),
    ),
    Kind(
        "department_plan_accepted",
        PLANS,
        _("En förvaltningsplan godkänns"),
        _("Förvaltningsplanen godkänd: %(title)s"),
        _("Samordnaren har godkänt %(department)s del av %(title)s."),
    ),
    Kind(
        "plan_proposed",
        PLANS,
        _("En handlingsplan föreslås"),
        _("Förslag till handlingsplan: %(title)s"),
        _("%(title)s är sammanställd och föreslagen för beslut."),
    ),
    Kind(
        "plan_adopted",
        PLANS,
        _("En handlingsplan fastställs"),
        _("Handlingsplanen fastställd: %(title)s"),
        _("%(title)s är fastställd."),
    ),
    Kind(
        "followup_opened",
        FOLLOWUP,
        _("En uppföljning öppnas"),
        _("Uppföljningen %(year)s är öppnad, sista dag %(deadline)s"),
        _(
            "Uppföljningen av handlingsplanen %(year)s är öppnad. Rapportera utfall för "
            "%(department)s mål och markera delen som klar senast %(deadline)s."
        ),
    ),
    Kind(
        "followup_part_ready",
        FOLLOWUP,
        _("En förvaltnings uppföljning markeras klar"),
        _("Uppföljning att granska: %(department)s %(year)s"),
        _("%(department)s har markerat sin del av uppföljningen %(year)s som klar."),
    ),
    Kind(
        "followup_part_returned",
        FOLLOWUP,
        _("En förvaltnings uppföljning återsänds"),
        _("Uppföljningen återsänd: %(department)s %(year)s"),
        _(
            "Samordnaren har återsänt %(department)s del av uppföljningen %(year)s med en "
            "kommentar. Sista dag är %(deadline)s."
        ),
    ),
    Kind(
        "followup_part_accepted",
        FOLLOWUP,
        _("En förvaltnings uppföljning godkänns"),
        _("Uppföljningen godkänd: %(department)s %(year)s"),
        _("Samordnaren har godkänt %(department)s del av uppföljningen %(year)s."),
    ),
    Kind(
        "followup_reminder",
        FOLLOWUP,
        _("Påminnelser före sista dag för uppföljningen"),
        _("Påminnelse: uppföljningen %(year)s ska vara klar %(deadline)s"),
        _(
            "%(department)s har inte markerat sin del av uppföljningen av handlingsplanen "
            "%(year)s som klar. Sista dag är %(deadline)s. Rapportera utfall, status, trend och "
            "analys för varje mål och markera delen som klar i portalen."
        ),
    ),
    Kind(
        "proposal_received",
        REGISTRY,
        _("Ett förslag på ny vänort kommer in"),
        _("Förslag på vänort: %(title)s"),
        _("Ett nytt förslag på vänort har kommit in: %(title)s."),
    ),
    Kind(
        "network_report_filed",
        REGISTRY,
        _("En representant rapporterar från ett nätverk"),
        _("Rapport från nätverket: %(title)s"),
        _("%(author)s har lämnat en rapport från %(title)s."),
    ),
    Kind(
        "responsibility_handed_over",
        REGISTRY,
        _("Du blir förvaltningsansvarig för en vänort eller ett nätverk"),
        _("Du är förvaltningsansvarig för %(title)s"),
        _("%(author)s har lämnat över ansvaret för %(title)s till dig."),
    ),
    Kind(
        "report_done",
        REPORTS,
        _("En årsrapport du beställt är klar"),
        _("Årsrapporten %(year)s är klar"),
        _("Årsrapporten %(year)s som du beställde är klar (version %(version)s)."),
    ),
    Kind(
        "report_failed",
        REPORTS,
        _("En årsrapport du beställt misslyckas"),
        _("Årsrapporten %(year)s kunde inte skapas"),
        _("Årsrapporten %(year)s som du beställde kunde inte skapas: %(reason)s"),
    ),
    Kind(
        "strategy_revision_due",
        REPORTS,
        _("Ett styrdokument ska revideras"),
        _("Dags att revidera: %(title)s"),
        _("Styrdokumentet ”%(title)s” ska revideras senast %(due)s."),
    ),
    Kind(
        "funding_deadline",
        FUNDING,
        _("Påminnelser före sista ansökningsdag för bevakade utlysningar"),
        _("Påminnelse: utlysningen ”%(title)s” stänger %(deadline)s"),
        _(
            "%(department)s har markerat utlysningen ”%(title)s” som intressant. Sista "
            "ansökningsdag är %(deadline)s, om %(days)s dagar."
        ),
    ),
    Kind(
        "accessibility_report",
        REGISTRY,
        _("En tillgänglighetsbrist anmäls"),
        _("Ny anmälan om tillgänglighetsbrist"),
        _("Sida: %(title)s"),
    ),
)

BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}
CHOICES = [(kind.key, kind.label) for kind in KINDS]


class Reason:
    """Why a recipient gets a notification; the mail says so."""

    COORDINATOR = "coordinator"
    DEPARTMENT = "department"
    AUTHOR = "author"
    REQUESTER = "requester"
    REPRESENTATIVE = "representative"
    COUNCIL = "council"
    OWNER = "owner"

    CHOICES = [
        (COORDINATOR, _("Du får det här eftersom du är samordnare i portalen.")),
        (DEPARTMENT, _("Du får det här eftersom du är kontaktperson för %(department)s.")),
        (AUTHOR, _("Du får det här eftersom du registrerade ärendet.")),
        (REQUESTER, _("Du får det här eftersom du beställde rapporten.")),
        (REPRESENTATIVE, _("Du får det här eftersom du representerar kommunen i nätverket.")),
        (COUNCIL, _("Du får det här eftersom du är förtroendevald med konto i portalen.")),
        (OWNER, _("Du får det här eftersom du är förvaltningsansvarig för relationen.")),
    ]
