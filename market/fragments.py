"""`{% cache key %}…{% endcache %}`: a part of a page rendered once per key, language and script root,
then served from this process's memory (the key must name everything the part shows; `none`: not kept)."""
from flask import current_app, request
from jinja2 import nodes
from jinja2.ext import Extension

from market.i18n import translations

KEPT = 2000  # parts kept per process; all are forgotten when it is full
_kept: dict = {}


class FragmentCache(Extension):
    """The fragment cache of Jinja's documentation, keyed in memory by what the part depends on."""

    tags = {"cache"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", [key]), [], [], body).set_lineno(lineno)

    def _render(self, key, caller):
        if key is None or getattr(self.environment, "app", current_app).debug:  # templates reload in debug
            return caller()
        key = (request.script_root, translations(), key)
        try:
            return _kept[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key: render each time
            return caller()
        if len(_kept) >= KEPT:
            _kept.clear()
        found = _kept[key] = caller()
        return found


def frozen(value):
    """A dict (of dicts, lists...) as nested tuples, sorted: usable in a key."""
    if isinstance(value, dict):
        return tuple(sorted((k, frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v) for v in value)
    return value


def init_app(app):
    app.jinja_env.add_extension(FragmentCache)
