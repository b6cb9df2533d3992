"""The accessibility audit run on every page of the journeys: axe-core plus the checks axe leaves to people."""
from pathlib import Path
from urllib.parse import urlsplit

AXE_FILE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
AUDITS = []  # (path, viewport width, logged in): for the summary at the end of the run

# The page's CSP (script-src 'self') refuses an inline <script>, so page.add_script_tag() cannot
# inject axe; evaluating the file's source through the DevTools protocol is not subject to the CSP.
_axe_source = None


def _axe() -> str:
    global _axe_source
    if _axe_source is None:
        if not AXE_FILE.exists():
            raise RuntimeError(f"{AXE_FILE} is missing: run `npm ci` at the root of the repository")
        _axe_source = AXE_FILE.read_text(encoding="utf-8") + "\n;true"
    return _axe_source


class Loads:
    """Documents loaded in one page, and which of them were audited."""

    def __init__(self, page):
        self.urls, self.audited = [], set()
        page.on("load", lambda p: self.urls.append(p.url))

    def mark(self):
        if self.urls:
            self.audited.add(len(self.urls) - 1)

    def missed(self) -> list[str]:
        return [url for i, url in enumerate(self.urls) if i not in self.audited]


def audited_loads(page) -> Loads:
    loads = getattr(page, "_e2e_loads", None)
    if loads is None:
        loads = page._e2e_loads = Loads(page)
    return loads


STRUCTURE = """() => {
  const problems = [];
  const text = el => (el ? el.textContent.replace(/\\s+/g, ' ').trim() : '');
  const lang = document.documentElement.getAttribute('lang') || '';
  if (!/^(fr|en)$/.test(lang)) problems.push(`<html lang="${lang}">: expected fr or en`);
  if (!text(document.querySelector('title'))) problems.push('empty <title>');
  const h1 = document.querySelectorAll('h1');
  if (h1.length !== 1) problems.push(`${h1.length} <h1> on the page: ` + [...h1].map(text).join(' | '));
  const focusable = document.querySelector('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])');
  if (!focusable || focusable.getAttribute('href') !== '#contenu') problems.push('the first focusable element is not the skip link to #contenu');
  const main = document.getElementById('contenu');
  if (!main || main.tagName !== 'MAIN') problems.push('no <main id="contenu">');
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)) continue;
    const named = [...el.labels].some(l => text(l)) ||
      (el.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => text(document.getElementById(id)));
    if (!named) problems.push(`field without a label: ${el.outerHTML.slice(0, 120)}`);
  }
  for (const el of document.querySelectorAll('[aria-invalid="true"]')) {
    const owner = el.closest('fieldset[aria-describedby]') || el;
    const ids = (el.getAttribute('aria-describedby') || owner.getAttribute('aria-describedby') || '').split(/\\s+/);
    const errors = ids.map(id => document.getElementById(id)).filter(e => e && e.classList.contains('field-error') && text(e));
    if (!errors.length) problems.push(`invalid field not tied to its error message: ${el.outerHTML.slice(0, 120)}`);
  }
  for (const el of document.querySelectorAll('.badge, .flash, [class*="badge--"]')) {
    if (!text(el)) problems.push(`colour without text: ${el.outerHTML.slice(0, 120)}`);
  }
  const root = document.documentElement;
  // a phone's layout viewport grows to fit content that is too wide: compare with the screen too
  const width = Math.min(window.innerWidth, screen.width);
  if (root.scrollWidth > width + 1) problems.push(`content ${root.scrollWidth}px wide in a ${width}px window: horizontal scrolling (WCAG 1.4.10)`);
  if (!document.querySelector('footer a[href="/accessibilite"]')) problems.push('no link to the accessibility statement in the footer');
  return {problems, loggedIn: !!document.querySelector('form[action="/deconnexion"]')};
}"""


# axe files text whose colour equals its background ("equalRatio", 1:1) under "incomplete", as if it
# might be meant to be hidden: this audit counts it, and any other measured ratio below the threshold,
# as the serious colour-contrast violation it is on screen.
AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations', 'incomplete']});
  const out = r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))}));
  for (const v of r.incomplete.filter(v => v.id === 'color-contrast')) {
    const measured = d => d && (d.messageKey === 'equalRatio' ||
        (!d.messageKey && d.contrastRatio > 0 && d.contrastRatio < parseFloat(d.expectedContrastRatio)));
    const nodes = v.nodes.filter(n => n.any.some(c => measured(c.data)));
    if (nodes.length) out.push({id: 'color-contrast (axe: incomplete)', impact: 'serious', help: v.help,
        helpUrl: v.helpUrl, nodes: nodes.map(n => ({target: n.target,
          failureSummary: n.any.map(c => c.message).join(' ')}))});
  }
  return out;
}"""


def _describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:240]
            lines.append(f"      {' > '.join(map(str, node['target']))}  {summary}")
    return "\n".join(lines)


def audit(page) -> None:
    """Fail the test if this page has a serious or critical axe violation or breaks the structure rules."""
    page.wait_for_load_state("load")
    found = page.evaluate(STRUCTURE)
    problems = found["problems"]
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe())
    violations = page.evaluate(AXE_RUN)
    bad = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    audited_loads(page).mark()
    width = (page.viewport_size or {}).get("width")
    AUDITS.append((urlsplit(page.url).path, width, found["loggedIn"]))
    where = f"{page.url} ({width}px wide)"
    assert not bad, f"axe: serious/critical violations on {where}:\n{_describe(bad)}"
    assert not problems, f"accessibility structure on {where}:\n  " + "\n  ".join(problems)
