"""demat worker: work on the documents that watchers send through the broker."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("worker", parents=[common], help="work on documents sent through the broker (Celery)",
                       description="Runs a Celery worker on executor.broker_url: it takes the jobs that "
                                   "`demat watch` (with executor.kind = \"celery\") claimed into the shared "
                                   "home, and reads, classifies, routes and archives them. Start one per "
                                   "machine, with --home on the same shared folder as the watchers.")
    p.add_argument("--concurrency", type=int, default=0, metavar="N",
                   help="documents at once (default: pipeline.documents_in_parallel)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.pipeline.broker import run_worker

    return run_worker(config, args.concurrency or config.pipeline.documents_in_parallel or 1)
