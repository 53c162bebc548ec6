"""Stage: the department a document goes to, by the customer's routing rules.

The rules come from `ctx.config.routing_path()` (HOME/routing.toml or the
configured file), else from the defaults shipped in `routing_default.toml`.
A file is read and checked once, and again only when it changes.
"""

from __future__ import annotations

import threading
from pathlib import Path

from demat.classifiers.routing_rules import RoutingRules, parse_rules
from demat.kernel.document import Document, StageContext
from demat.kernel.errors import N_, ConfigError

DEFAULT_RULES = Path(__file__).resolve().parent / "routing_default.toml"

_cache: dict[tuple[Path, int], RoutingRules] = {}
_lock = threading.Lock()


def load_rules(path: Path | None = None) -> RoutingRules:
    """The checked rules in `path` (None = the shipped defaults); raises ConfigError."""
    path = Path(path) if path else DEFAULT_RULES
    try:
        key = (path.resolve(), path.stat().st_mtime_ns)
    except OSError as exc:
        raise ConfigError(N_("%(file)s: cannot read the routing rules: %(problem)s"), file=path,
                          problem=exc.strerror) from None
    with _lock:
        if key not in _cache:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(N_("%(file)s: cannot read the routing rules: %(problem)s"), file=path,
                                  problem=exc) from None
            _cache[key] = parse_rules(text, path)
        return _cache[key]


def run(doc: Document, ctx: StageContext) -> Document:
    rules = load_rules(ctx.config.routing_path())
    doc.department, rule = rules.route(doc)
    ctx.log.info("%s -> %s (%s)", doc.original_name, doc.department,
                 rule.describe() if rule else "default department")
    return doc
