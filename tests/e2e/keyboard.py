"""Keyboard helpers: where the focus is, whether it shows, and Tab until a given field."""

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'BODY', visible: true, ring: true, describe: 'body'};
  const shows = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !/rgba\\(.*, 0\\)$/.test(s.outlineColor))
                     || (s.boxShadow && s.boxShadow !== 'none');
  let ring = false;
  for (let node = el, i = 0; node && i < 4; node = node.parentElement, i++) {   // :focus-within on a card
    if (shows(getComputedStyle(node))) { ring = true; break; }
  }
  const box = el.getBoundingClientRect();
  const visible = box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden';
  const name = (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  return {tag: el.tagName, id: el.id, name: el.name || '', type: el.type || '', ring, visible,
          describe: `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}> ${name}`};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUS_JS)


def is_focused(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 40, key: str = "Tab") -> list[dict]:
    """Press Tab until the focused element matches `selector`; every stop on the way must show its focus."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = focused(page)
        stops.append(stop)
        assert stop["ring"] and stop["visible"], f"focus not visible on {stop['describe']} ({page.url})"
        if is_focused(page, selector):
            return stops
    raise AssertionError(f"{selector} not reached with {limit} × {key}; went through: "
                         + " → ".join(s["describe"] for s in stops))


def type_into(page, selector: str, text: str) -> None:
    """Tab to a field and type into it, as a person with a keyboard does."""
    tab_to(page, selector)
    page.keyboard.type(text)
