"""The annual report as a Word file, from the same data as the PDF (python-docx).

Council secretaries paste it into the verksamhetsberättelse, so it is built from Word's own
parts: the built-in heading styles (the navigation pane lists them), tables whose header row
repeats on every page, charts as pictures with their values as alternative text, Swedish
number and date formats (the same formatters as the PDF), the logo on the cover and page
numbers in the footer.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from intl_portal.lib.formats import long_date, money, number

from .docx_parts import (
    ACCENT,
    chart,
    field,
    footer,
    language_tag,
    picture,
    picture_alt,
    set_language,
    table,
)


def _cover(document: Any, context: dict[str, Any], logo: tuple[bytes, str] | None) -> None:
    municipality = context["municipality"]
    if logo:
        picture = document.add_picture(io.BytesIO(logo[0]), height=Mm(22))
        picture_alt(
            picture,
            title=_("%(name)ss logotyp") % {"name": municipality.name},
            description=_("%(name)ss logotyp") % {"name": municipality.name},
        )
    document.add_paragraph(str(municipality.name)).runs[0].bold = True
    document.add_heading(str(context["title"]), level=0)
    document.add_paragraph(
        _("Uppföljning av den internationella handlingsplanen för %(year)s")
        % {"year": context["year"]}
    )
    report = context.get("report")
    facts = [(_("År"), str(context["year"]))]
    if report is not None and report.version:
        facts.append((_("Status"), _("Version %(n)s") % {"n": report.version}))
    facts.append((_("Skapad"), long_date(context["generated_at"])))
    if context.get("case_number"):
        facts.append((_("Diarienummer"), str(context["case_number"])))
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_page_break()


def _summary(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Sammanfattning"), level=1)
    if context.get("summary_text"):
        document.add_paragraph(context["summary_text"])
    table(
        document,
        caption=_("Året i siffror"),
        header=[_("Nyckeltal"), _("Värde")],
        rows=[[str(label), value] for label, value in key_figure_rows(context)],
        numeric=[1],
        widths_mm=[110, 60],
    )
    document.add_paragraph(
        _(
            "Bidrag och egen insats avser projekt i faserna beviljat, pågående och avslutat, "
            "omräknade till kronor med årets växelkurs."
        )
    )


def key_figure_rows(context: dict[str, Any]) -> list[tuple[str, str]]:
    """The key figures as label and formatted value, in the PDF's order."""
    if "key_figures" in context:
        return [(str(label), str(value)) for label, value in context["key_figures"]]
    f = context["figures"]
    per_krona = f["grant_per_krona"]
    return [
        (_("Projekt som pågått under året"), number(f["projects_active"])),
        (_("– varav startade under året"), number(f["projects_started"])),
        (_("– varav avslutade under året"), number(f["projects_completed"])),
        (_("Beviljat externt bidrag"), money(f["grant_sek"])),
        (_("Egen insats (kontant och i tid)"), money(f["own_sek"])),
        (
            _("Beviljade kronor per krona egen insats"),
            number(per_krona, decimals=2) if per_krona is not None else "–",
        ),
        (_("Aktiva vänorter och samarbeten"), number(f["partnerships_active"])),
        (_("Vilande vänorter och samarbeten"), number(f["partnerships_dormant"])),
        (_("Medlemskap i nätverk"), number(f["memberships"])),
        (_("Medlemsavgifter per år"), money(f["membership_fees"])),
        (_("Studiebesök (utresor)"), number(f["study_visits"])),
        (_("Mottagna besök och praktikanter"), number(f["hosted_visits"])),
        (
            _("Projektdeltagare: kvinnor / män / annat"),
            f"{number(f['women'])} / {number(f['men'])} / {number(f['other'])}",
        ),
        (_("– varav unga (13–30 år)"), number(f["young"])),
    ]


def _charts(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Diagram"), level=1)
    for one in context["charts"]:
        chart(document, one)


def _plan(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Uppföljning av handlingsplanen"), level=1)
    plan = context.get("plan")
    if not plan:
        document.add_paragraph(
            _("Ingen handlingsplan är upprättad för %(year)s.") % {"year": context["year"]}
        )
        return
    document.add_paragraph(
        _("%(plan)s: %(goals)s mål, varav %(reported)s uppföljda.")
        % {
            "plan": plan,
            "goals": number(context["goal_count"]),
            "reported": number(context["reported_count"]),
        }
    )
    legend = ", ".join(item["label"] for item in context.get("status_legend", []))
    if legend:
        document.add_paragraph(
            _("Status anges i ord och färg:")
            + f" {legend}. "
            + _(
                "Trend: ↑ bättre, → oförändrad, ↓ sämre än föregående år; (beräknad) när "
                "förvaltningen inte angett trend och den räknats fram ur föregående års utfall "
                "för samma mål."
            )
        )
    for group in context["goal_groups"]:
        document.add_heading(str(group["area"]), level=2)
        for dept in group["departments"]:
            rows = [
                [
                    _goal_text(goal),
                    str(goal.indicator),
                    _with_unit(number(goal.target, decimals=2), goal.unit),
                    _outcome_text(goal),
                    _status_text(goal),
                    _trend_text(goal),
                ]
                for goal in dept["goals"]
            ]
            table(
                document,
                caption=str(dept["department"] or _("Kommungemensamma mål")),
                header=[
                    _("Mål och analys"),
                    _("Indikator"),
                    _("Målvärde"),
                    _("Utfall"),
                    _("Status"),
                    _("Trend"),
                ],
                rows=rows,
                numeric=[2, 3],
            )


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}" if unit and text != "–" else text


def _outcome(goal: Any) -> Any:
    return goal.outcome if hasattr(goal, "outcome") else None


def _goal_text(goal: Any) -> str:
    outcome = _outcome(goal)
    comment = outcome.comment if outcome else ""
    return f"{goal.description}\n{comment}" if comment else str(goal.description)


def _outcome_text(goal: Any) -> str:
    outcome = _outcome(goal)
    if outcome is None or outcome.value is None:
        return str(context_missing())
    return _with_unit(number(outcome.value, decimals=2), goal.unit)


def context_missing() -> str:
    return str(_("uppgift saknas"))


def _status_text(goal: Any) -> str:
    if getattr(goal, "status_word", None):
        return str(goal.status_word)
    outcome = _outcome(goal)
    return str(outcome.get_status_display()) if outcome else str(_("Ej rapporterat"))


def _trend_text(goal: Any) -> str:
    if getattr(goal, "trend_word", None):
        return str(goal.trend_word)
    outcome = _outcome(goal)
    if outcome is None or not outcome.trend:
        return "–"
    return str(outcome.get_trend_display())


def _projects(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Årets projekt"), level=1)
    projects = context["projects"]
    if not projects:
        document.add_paragraph(_("Inga projekt i projektbanken under året."))
    else:
        rows = []
        for p in projects:
            title = f"{p.title} ({p.acronym})" if p.acronym else str(p.title)
            rows.append(
                [
                    title,
                    str(p.department),
                    str(p.programme) if p.programme_id else "–",
                    str(p.get_phase_display()),
                    ", ".join(p.countries) or "–",
                    _money_or_missing(p.budget_sek),
                    _money_or_missing(p.grant_sek),
                ]
            )
        table(
            document,
            caption=_("Årets projekt"),
            header=[
                _("Projekt och mervärde"),
                _("Förvaltning"),
                _("Program"),
                _("Fas"),
                _("Partnerländer"),
                _("Budget"),
                _("Bidrag"),
            ],
            rows=rows,
            numeric=[5, 6],
        )
    applications = [
        [str(p.title), str(p.department), str(p.programme or "–"), _money_or_missing(p.grant_sek)]
        for p in context.get("applications", [])
    ]
    if applications:
        table(
            document,
            caption=_("Ansökningar under året (sökta belopp, inte beviljade)"),
            header=[_("Projekt"), _("Förvaltning"), _("Program"), _("Sökt belopp")],
            rows=applications,
            numeric=[3],
        )
    else:
        document.add_paragraph(_("Inga ansökningar under året."))
    not_granted = [
        [str(p.title), str(p.department), str(p.programme or "–"), str(p.get_phase_display())]
        for p in context.get("not_granted", [])
    ]
    if not_granted:
        table(
            document,
            caption=_("Avslag och avbrutna projekt (inga bidrag)"),
            header=[_("Projekt"), _("Förvaltning"), _("Program"), _("Fas")],
            rows=not_granted,
        )
    else:
        document.add_paragraph(_("Inga avslag eller avbrutna projekt under året."))


def _money_or_missing(value: Any) -> str:
    return context_missing() if value is None else money(value)


def _funding(document: Any, context: dict[str, Any]) -> None:
    """From call to grant (the funding radar's figures for the year)."""
    figures = context["funding"]
    document.add_heading(_("Från utlysning till beviljat"), level=1)
    rows = [
        [r.programme or str(_("Program saknas")), *(number(n) for n in r.counts)]
        for r in [*figures["rows"], figures["total"]]
    ]
    rows[-1][0] = str(_("Totalt"))
    if figures["rows"]:
        table(
            document,
            caption=_(
                "Utlysningar som förvaltningarna bevakat med sista ansökningsdag %(year)s, "
                "projektidéer startade från utlysningar %(year)s och hur många av dem som "
                "blev ansökningar och beviljades."
            )
            % {"year": figures["year"]},
            header=[
                _("Program"),
                _("Bevakade utlysningar"),
                _("Projektidéer"),
                _("Ansökningar"),
                _("Beviljade"),
            ],
            rows=rows,
            numeric=[1, 2, 3, 4],
        )
    else:
        document.add_paragraph(_("Inga bevakade utlysningar eller projektidéer under året."))


def _partnerships(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Vänorter och samarbeten"), level=1)
    rows = []
    for p in context["partnerships"]:
        status = (
            p.status_word
            if hasattr(p, "status_word")
            else (_("Vilande") if (p.dormancy_flag or p.status == "dormant") else _("Aktiv"))
        )
        evaluation = p.latest_evaluation
        rows.append(
            [
                f"{p.partner.name}, {p.partner.country.name}",
                str(p.get_kind_display()),
                str(p.since_year or "–"),
                long_date(p.last_contact),
                str(status),
                f"{long_date(evaluation.date)}: {evaluation.conclusion}" if evaluation else "–",
            ]
        )
    if rows:
        table(
            document,
            caption=_("Vänorter och samarbeten"),
            header=[
                _("Partner"),
                _("Typ"),
                _("Sedan"),
                _("Senaste kontakt"),
                _("Status"),
                _("Senaste utvärdering"),
            ],
            rows=rows,
        )
    else:
        document.add_paragraph(_("Inga partnerskap."))
    document.add_heading(_("Vänortsmöten"), level=2)
    if not context["meetings"]:
        document.add_paragraph(_("Inga vänortsmöten registrerade för perioden."))
    for m in context["meetings"]:
        host = m.host.name if m.host else context["municipality"].name
        document.add_paragraph(f"{m.year}: {m.theme} – {host}", style="List Bullet")


def _networks(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Nätverk och medlemskap"), level=1)
    rows = []
    for n in context["memberships"]:
        analysis = n.latest_analysis
        reps = ", ".join(r.get_full_name() or r.username for r in n.representatives.all())
        rows.append(
            [
                str(n.name),
                str(n.get_scope_display()),
                money(n.yearly_fee_sek) if n.yearly_fee_sek is not None else context_missing(),
                reps or "–",
                (
                    f"{analysis.year}: {analysis.total}/20 – "
                    f"{analysis.get_recommendation_display()}"
                    if analysis
                    else str(_("Ingen analys"))
                ),
            ]
        )
    if rows:
        table(
            document,
            caption=_("Nätverk och medlemskap"),
            header=[_("Nätverk"), _("Nivå"), _("Årsavgift"), _("Representanter"), _("Nyttoanalys")],
            rows=rows,
            numeric=[2],
        )
    else:
        document.add_paragraph(_("Inga medlemskap."))


def _activities(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Aktiviteter"), level=1)
    for group in context["activity_groups"]:
        document.add_heading(f"{group['label']} ({len(group['items'])})", level=2)
        if not group["items"]:
            document.add_paragraph(_("Inga under året."))
            continue
        rows = [
            [
                long_date(a.start_date),
                str(a.title),
                str(a.department),
                (a.place or "–") + (f", {a.country.name}" if a.country else ""),
                number(a.participants) if a.participants is not None else context_missing(),
            ]
            for a in group["items"]
        ]
        table(
            document,
            caption=str(group["label"]),
            header=[
                _("Datum"),
                _("Aktivitet och nytta"),
                _("Förvaltning"),
                _("Plats"),
                _("Deltagare"),
            ],
            rows=rows,
            numeric=[4],
        )


def _own_chapters(document: Any, context: dict[str, Any]) -> None:
    """The chapters of their own (sections.py), from the plain blocks their data gives."""
    for own in context["own_chapters"]:
        document.add_heading(str(own["section"].title), level=1)
        for block in own["chapter"]["word"]:
            if block[0] == "text":
                document.add_paragraph(str(block[1]))
            elif block[0] == "chart":
                chart(document, block[1])
            elif block[0] == "picture":
                _kind, png, title, description = block
                picture(document, png, title=str(title), description=str(description))
            elif block[0] == "table":
                _kind, caption, header, rows, numeric = block
                table(document, caption=str(caption), header=[str(h) for h in header],
                       rows=rows, numeric=numeric)  # fmt: skip


def _agreements(document: Any, context: dict[str, Any]) -> None:
    document.add_heading(_("Bilaga: Avtalsregister"), level=1)
    rows = []
    for p in context["agreements"]:
        if p.decision_body:
            decision = str(getattr(p, "decision_label", "") or p.get_decision_body_display())
            if p.decision_date:
                decision += f" {long_date(p.decision_date)}"
            if p.decision_paragraph:
                decision += f" § {p.decision_paragraph}"
        else:
            decision = str(_("Beslut saknas"))
        rows.append(
            [
                f"{p.partner.name}, {p.partner.country.name}",
                str(p.get_kind_display()),
                decision,
                p.case_number or "–",
                str(p.get_status_display()),
            ]
        )
    if rows:
        table(
            document,
            caption=_("Bilaga: Avtalsregister"),
            header=[_("Partner"), _("Avtal"), _("Beslut"), _("Diarienummer"), _("Status")],
            rows=rows,
        )
    else:
        document.add_paragraph(_("Inga avtal registrerade."))


def build_docx(context: dict[str, Any], *, logo: tuple[bytes, str] | None = None) -> bytes:
    """The Word file for one report context (see `document.report_context`)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    styles = document.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(10)
    for level in (1, 2):
        styles[f"Heading {level}"].font.color.rgb = ACCENT
    set_language(document, language_tag())
    core = document.core_properties
    core.title = str(context["title"])
    core.author = str(context["municipality"].name)
    core.subject = _("Uppföljning av den internationella handlingsplanen") + f" {context['year']}"
    core.language = language_tag()
    core.comments = ""

    _cover(document, context, logo)
    document.add_heading(_("Innehåll"), level=1)
    field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
    document.add_page_break()
    for section_builder in WORD_SECTIONS:
        section_builder(document, context)
    footer(section, context)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The PDF's chapters in the PDF's order (see _sections.html).
WORD_SECTIONS = (
    _summary,
    _charts,
    _plan,
    _projects,
    _funding,
    _partnerships,
    _networks,
    _activities,
    _own_chapters,
    _agreements,
)

__all__ = ["build_docx"]
