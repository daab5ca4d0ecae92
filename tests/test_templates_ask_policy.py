"""Templates test the policy's answers, never a role or a status (issue 27).

A view puts `may_…` answers in the context (or the context processor, for the base layout);
a template that tests `is_coordinator`, or compares an object's `.status`/`.state` to a
literal in an `{% if %}`, decides a permission itself and drifts from the policy.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", ".git", "staticfiles", "htmlcov"}

ROLE = re.compile(r"\bis_coordinator\b")
# `{% if x.status == "…" %}`, `{% elif a and b.state != '…' %}`, literal on either side.
IF_TAG = re.compile(r"{%-?\s*(?:if|elif)\b(.*?)-?%}", re.S)
STATUS_COMPARE = re.compile(
    r"\.(?:status|state)\s*(?:==|!=|in)\s*['\"]|['\"]\s*(?:==|!=)\s*[\w.]+\.(?:status|state)\b"
)

# Display-only uses, by design: they choose a label, an explanatory line or a badge for what
# is shown, never whether a link, button or form is offered.
# Each is (the file's name, the if-tag's body).
DISPLAY_ONLY = {
    ("calendar.html", 'activity.status != "approved"'),
    ("project_form.html", 'revision.status == "returned" and revision.review_comment'),
    ("plan_detail.html", 'plan.status == "adopted" and plan.decision_date'),
    ("plan_detail.html", 'plan.status == "adopted"'),
    ("partnership_detail.html", 'partnership.status == "ended"'),
    ("agreements.html", 'p.status == "ended" and p.ended_decision_body'),
    ("preferences.html", 'n.delivery == "digest" and n.state == "pending"'),
}


def _templates() -> list[Path]:
    found = []
    for path in ROOT.rglob("*.html"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP or "templates" not in parts:
            continue
        found.append(path)
    return found


def scan(files: list[Path]) -> list[str]:
    problems = []
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        for match in ROLE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{rel}:{line}: tests is_coordinator")
        for tag in IF_TAG.finditer(text):
            body = tag.group(1).strip()
            if STATUS_COMPARE.search(body) and (path.name, body) not in DISPLAY_ONLY:
                line = text.count("\n", 0, tag.start()) + 1
                problems.append(f"{rel}:{line}: compares a status in {{% if {body} %}}")
    return problems


def test_templates_found() -> None:
    # The scan below means nothing if it reads no templates.
    names = {p.relative_to(ROOT).as_posix() for p in _templates()}
    assert "templates/base.html" in names
    assert "reports/templates/reports/_row.html" in names


def test_no_template_decides_from_a_role_or_a_status() -> None:
    assert scan(_templates()) == []


def test_scan_catches_a_role_and_a_status(tmp_path: Path) -> None:
    # The patterns themselves, on a template written here (inside ROOT so paths resolve).
    bad = ROOT / "tests" / "templates_scan_probe" / "templates" / "probe.html"
    bad.parent.mkdir(parents=True, exist_ok=True)
    try:
        bad.write_text(
            '{% if is_coordinator %}x{% endif %}\n{% if report.state == "failed" %}y{% endif %}\n'
            "{% elif 'done' != job.status %}z{% endif %}\n{% if may_publish %}ok{% endif %}\n",
            encoding="utf-8",
        )
        problems = scan([bad])
    finally:
        bad.unlink()
        bad.parent.rmdir()
        bad.parent.parent.rmdir()
    assert len(problems) == 3
    assert all("probe.html" in p for p in problems)
