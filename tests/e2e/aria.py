"""The page as a screen reader gets it: Playwright's aria snapshot parsed into a tree, Chromium's own tree over CDP."""
import json
import re
from dataclasses import dataclass, field

LANDMARKS = ("banner", "main", "contentinfo", "navigation", "search", "complementary", "region", "form")
CONTROLS = ("textbox", "searchbox", "combobox", "checkbox", "radio", "spinbutton", "slider", "switch", "listbox",
            "button")
_KEY = re.compile(r'^(?P<role>[a-z]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<attrs>(?: \[[^\]]*\])*)$')


@dataclass
class Node:
    role: str
    name: str = ""
    attrs: dict = field(default_factory=dict)
    props: dict = field(default_factory=dict)  # /url, /placeholder
    children: list = field(default_factory=list)
    text: str = ""

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def all(self, *roles):
        return [n for n in self.walk() if n.role in roles]

    def __str__(self):
        return f'{self.role} "{self.name}"' + "".join(f" [{k}]" for k in self.attrs)


def _unquote(text: str) -> str:
    text = text.strip()
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    return text


def _split(content: str) -> tuple[str, str | None]:
    """'key: value' -> (key, value); a key quoted by YAML ('link "a : b"') may hold a colon."""
    if content.startswith("'"):
        end = 1
        while True:
            end = content.index("'", end)
            if content[end:end + 2] == "''":
                end += 2
                continue
            break
        key, rest = content[1:end].replace("''", "'"), content[end + 1:]
    else:
        cut = content.find(": ")
        cut = cut if cut >= 0 else (len(content) - 1 if content.endswith(":") else len(content))
        key, rest = content[:cut], content[cut:]
    rest = rest[1:].strip() if rest.startswith(":") else None
    return key, (rest or None)


def parse(snapshot: str) -> Node:
    """Playwright's aria snapshot (YAML) -> a tree of Node under a 'document' root."""
    root = Node("document")
    stack = [(-1, root)]
    for line in snapshot.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        key, value = _split(line.strip()[2:])
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if key.startswith("/"):
            parent.props[key[1:]] = _unquote(value or "")
            continue
        if key == "text":
            parent.children.append(Node("text", text=_unquote(value or "")))
            continue
        m = _KEY.match(key)
        assert m, f"aria snapshot line not understood: {line!r}"
        attrs = {}
        for a in re.findall(r"\[([^\]]*)\]", m["attrs"]):
            name, _, val = a.partition("=")
            attrs[name] = val or True
        node = Node(m["role"], json.loads(f'"{m["name"]}"') if m["name"] else "", attrs, text=_unquote(value or ""))
        parent.children.append(node)
        stack.append((indent, node))
    return root


def read(page) -> Node:
    """What a screen reader can reach on the page now (hidden content is left out, as it is for them)."""
    return parse(page.locator("body").aria_snapshot())


def chromium_tree(page) -> list[dict]:
    """Chromium's accessibility tree (the one handed to screen readers): role, name, description, states."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return [{"role": n.get("role", {}).get("value"), "name": n.get("name", {}).get("value", ""),
             "description": n.get("description", {}).get("value", ""),
             **{p["name"]: p["value"].get("value") for p in n.get("properties", [])}}
            for n in nodes if not n.get("ignored")]


def disclosure(page, name: str) -> dict:
    """A <details>/<summary> as Chromium exposes it (a button with an expanded state)."""
    found = [n for n in chromium_tree(page) if n["role"] == "DisclosureTriangle" and n["name"] == name]
    assert len(found) == 1, f"{len(found)} disclosure buttons named « {name} » on {page.url}"
    return found[0]


def problems(root: Node) -> list[str]:
    """What a screen-reader user would trip over: landmarks, heading outline, unnamed controls, ambiguous links."""
    found = []
    for role in ("main", "banner", "contentinfo"):
        if len(root.all(role)) != 1:
            found.append(f"{len(root.all(role))} {role} landmarks (expected exactly one)")
    navs = [n.name for n in root.all("navigation")]
    if not navs or "" in navs or len(set(navs)) != len(navs):
        found.append(f"navigation landmarks need distinct names: {navs}")
    headings = [(int(h.attrs["level"]), h.name) for h in root.all("heading")]
    if [lvl for lvl, _ in headings].count(1) != 1 or (headings and headings[0][0] != 1):
        found.append(f"expected one level-1 heading, first: {headings[:3]}")
    for (before, _), (level, name) in zip(headings, headings[1:]):
        if level > before + 1:
            found.append(f"heading level skipped: h{before} then h{level} « {name} »")
    found += [f"control without a name: {n}" for n in root.all(*CONTROLS) if not n.name.strip()]
    found += [f"image without a text alternative: {n}" for n in root.all("img") if not n.name.strip()]
    targets = {}
    for link in root.all("link"):
        if not link.name.strip():
            found.append(f"link without a name: {link.props.get('url')}")
        targets.setdefault(link.name.strip().lower(), set()).add(link.props.get("url"))
    found += [f"links named « {name} » lead to different places: {sorted(urls)}"
              for name, urls in targets.items() if len(urls) > 1]
    return found
