"""pa11y's HTML_CodeSniffer run (WCAG 2 AA, errors only) inside the pages Playwright opens.

pa11y itself would open every page again in a browser of its own (and without the session of
the person, or the state a form round left behind); instead its own client-side code is
injected into the page as it is: `lib/runner.js` (`window.__pa11y.run`) and the `htmlcs` runner
(HTML_CodeSniffer's build with pa11y's glue), bundled by pa11y's loader once per session. The
result is what `pa11y --standard WCAG2AA` reports for the page: errors only (F77 duplicate ids,
G18 contrast, …), warnings and notices left out as pa11y leaves them out by default.
"""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

TOOLS_DIR = Path(__file__).resolve().parents[2] / "tools"

# pa11y's loader (loadRunnerScript) makes the runner's script bundle; it is not exported, so the
# few lines are repeated here over pa11y's own runner module and version.
BUNDLE_SCRIPT = """
const fs = require('fs');
const path = require('path');
const pa11yDir = path.dirname(require.resolve('pa11y/package.json'));
const runner = require(path.join(pa11yDir, 'lib/runners/htmlcs.js'));
const scripts = runner.scripts.map(s => fs.readFileSync(s, 'utf-8')).join('\\n\\n');
process.stdout.write(JSON.stringify({
  version: require('pa11y/package.json').version,
  core: fs.readFileSync(path.join(pa11yDir, 'lib/runner.js'), 'utf-8'),
  htmlcs: `;${scripts};\\n;window.__pa11y.runners["htmlcs"] = ${runner.run.toString()};`,
}));
"""


@functools.cache
def bundle() -> dict[str, str]:
    """pa11y's version, its in-page runner and the htmlcs runner, read from tools/node_modules."""
    result = subprocess.run(
        ["node", "-e", BUNDLE_SCRIPT],
        cwd=TOOLS_DIR, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(
            f"pa11y not found in {TOOLS_DIR}/node_modules (run make node-tools): "
            f"{result.stderr[-500:]}"
        )
    loaded: dict[str, str] = json.loads(result.stdout)
    return loaded


def run_pa11y(page: Page) -> list[dict[str, Any]]:
    """pa11y's errors for the page as it is now (WCAG2AA, HTML_CodeSniffer)."""
    scripts = bundle()
    if not page.evaluate("typeof window.__pa11y === 'object'"):
        # As scripts, not functions: Playwright calls an expression whose value is a function
        # (the bundle ends with an assignment of one), so each ends in a plain value.
        page.evaluate(f"{scripts['core']}\n;0")
        page.evaluate(f"{scripts['htmlcs']}\n;0")
    options = {
        "pa11yVersion": scripts["version"],
        "hideElements": None,
        "ignore": ["warning", "notice"],
        "levelCapWhenNeedsReview": "error",
        "rootElement": None,
        "rules": [],
        "runners": ["htmlcs"],
        "standard": "WCAG2AA",
        "wait": 0,
    }
    result: dict[str, Any] = page.evaluate("options => window.__pa11y.run(options)", options)
    issues: list[dict[str, Any]] = result["issues"]
    return issues


def format_issues(issues: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  {issue['code']}\n    {issue['message']}\n    {issue['selector']}\n"
        f"      {issue['context'][:300]}"
        for issue in issues
    )
