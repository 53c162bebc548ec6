"""demat review: the documents waiting for a person, with the reasons."""

from __future__ import annotations

import json


def register(sub, common) -> None:
    p = sub.add_parser("review", parents=[common], help="list the documents in review with their reasons",
                       description="Documents whose type is uncertain, whose fields failed a check or are "
                                   "missing. Fix them with `demat correct ID ...`.")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.web.i18n import cli_language
    from demat.web.i18n_checks import reason as in_words

    language = cli_language()
    rows = open_catalog(config).review_queue(args.limit)
    if not rows:
        print("Nothing to review.")
    for r in rows:
        conf = f" {r['type_confidence']:.2f}" if r["type_confidence"] is not None else ""
        print(f"{r['id']:>6}  {r['type'] or '-'}{conf} → {r['department'] or '-'}  {r['original_name']}")
        for reason in json.loads(r["review_reasons"]):
            print(f"        - {in_words(reason, {}, language)}")
    return 0
