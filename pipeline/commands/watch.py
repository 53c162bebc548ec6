"""demat watch: take files from the inbox as they arrive, until stopped."""

from __future__ import annotations

import shutil
import signal
import threading
from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser("watch", parents=[common], help="watch the inbox and process every file dropped in it",
                       description="Watch HOME/inbox (subfolders too); every complete file is claimed, read, "
                                   "classified, routed and archived, or quarantined with a reason (held and tried "
                                   "again later when the disk is full or memory short).")
    p.add_argument("--polling", action="store_true", help="poll the folder (for SMB/NFS shares, which send no events)")
    p.add_argument("--demo", metavar="DIR", type=Path,
                   help="on a first run (empty archive), copy the sample documents of DIR into the inbox")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.pipeline.app import App
    from demat.pipeline.report import outcome_line

    if config.executor.kind == "celery":  # `demat worker`s run the documents (pipeline/broker.py)
        from demat.pipeline.broker import BrokerWatcher as Watcher
    else:
        from demat.pipeline.watcher import Watcher

    if args.polling:
        config = config.model_copy(update={"watch": config.watch.model_copy(update={"polling": True})})
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with App(config) as app:
        if args.demo and app.catalog.document_count() == 0 and not app.catalog.jobs():
            copied = seed_inbox(args.demo, config.inbox)
            print(f"First run: {copied} sample documents from {args.demo} copied into the inbox.", flush=True)
        print(f"Watching {config.inbox} (archive: {config.archive}, quarantine: {config.quarantine}). "
              "Ctrl-C stops.", flush=True)
        Watcher(app, on_outcome=lambda o: print(outcome_line(o), flush=True)).run(stop)
    return 0


def seed_inbox(samples: Path, inbox: Path) -> int:
    """Copy the sample documents (not their expected-value .json files) into the inbox."""
    count = 0
    for path in sorted(samples.iterdir()):
        if path.is_file() and not path.name.endswith(".json"):
            shutil.copyfile(path, inbox / path.name)
            count += 1
    return count
