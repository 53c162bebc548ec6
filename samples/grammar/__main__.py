"""python -m demat.samples.grammar --out DIR [--per-family N] [--seed S] [--families G1,G2] [--kinds born_digital,scan]
python -m demat.samples.grammar --committed"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from demat.samples.grammar.committed import COURTESY_DIR, INDEPENDENT_DIR, write_committed
from demat.samples.grammar.corpus import KINDS, write_corpus
from demat.samples.grammar.families import FAMILIES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demat.samples.grammar",
                                     description="Write documents from the independent layout grammar, with expected values.")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="folder for a corpus (not committed)")
    target.add_argument("--committed", action="store_true",
                        help=f"regenerate {INDEPENDENT_DIR.name}/ and {COURTESY_DIR.name}/ (courtesy needs ../shared)")
    parser.add_argument("--per-family", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1, help="first seed; document i of a family uses seed+i")
    parser.add_argument("--families", default="", help=f"comma-separated, from {','.join(FAMILIES)} (default: all)")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, from {','.join(KINDS)}")
    args = parser.parse_args(argv)
    if args.committed:
        write_committed()
        return 0
    families = [f.strip() for f in args.families.split(",") if f.strip()] or None
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    try:
        written = write_corpus(args.out, families, args.per_family, args.seed, kinds)
    except ValueError as error:
        parser.error(str(error))
    print(f"wrote {len(written)} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
