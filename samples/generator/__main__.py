"""python -m demat.samples.generator --out DIR [--per-type N] [--seed S] [--split train|holdout] [--kinds ...]
python -m demat.samples.generator --committed"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from demat.samples.generator.corpus import COMMITTED, KINDS, write_committed, write_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demat.samples.generator",
                                     description="Write sample documents with expected values.")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="folder for a corpus (not committed)")
    target.add_argument("--committed", action="store_true", help=f"regenerate {COMMITTED}")
    parser.add_argument("--per-type", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1, help="first seed; document i of a type uses seed+i")
    parser.add_argument("--split", choices=("train", "holdout"), default="train")
    parser.add_argument("--kinds", default="born_digital", help=f"comma-separated, from {','.join(KINDS)}")
    args = parser.parse_args(argv)
    if args.committed:
        write_committed()
        print(f"wrote {COMMITTED}", file=sys.stderr)
        return 0
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    count = write_corpus(args.out, args.per_type, args.seed, args.split, kinds)
    print(f"wrote {count} samples to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
