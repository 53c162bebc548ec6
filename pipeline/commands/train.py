"""demat train: rebuild the document-type model from the samples and every confirmed document."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.add_parser("train", parents=[common], help="retrain the document-type classifier",
                       description="Trains on generated samples plus every document a person confirmed or "
                                   "corrected, with a fixed seed, and saves the model atomically into "
                                   "classifier.model_dir, or HOME/model, which is then used from the next start.")
    p.add_argument("--per-type", type=int, default=None, help="generated examples per type (default: as shipped)")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.training.train import DEFAULT_PER_TYPE, build_model

    confirmed = open_catalog(config).confirmed_documents() if config.has_catalog() else []
    print(f"training with {len(confirmed)} documents confirmed by people", file=sys.stderr, flush=True)

    def progress(step: int, total: int, message: str) -> None:
        print(f"[{step}/{total}] {message}", file=sys.stderr, flush=True)

    report = build_model(config.trained_model, args.per_type or DEFAULT_PER_TYPE, seed=args.seed,
                         confirmed=confirmed, progress=progress)
    print(report.summary())
    return 0
