"""demat ingest: put files or folders through the pipeline once, now."""

from __future__ import annotations

import json
from pathlib import Path

from demat.kernel.errors import N_, UsageError


def register(sub, common) -> None:
    p = sub.add_parser("ingest", parents=[common], help="process files or folders once (they stay where they are)",
                       description="Run files, or every file in folders, through the same pipeline as the inbox. "
                                   "The files are copied, never moved.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="print one JSON object per document")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.pipeline.app import App
    from demat.pipeline.inbox import is_ignored
    from demat.pipeline.report import Progress, exit_code, outcome_line, outcome_records

    files = list(expand(args.paths, is_ignored))
    with App(config) as app:
        jobs = app.runner.recover() + [app.copy_in(path, name) for path, name in files]
        progress = Progress(len(jobs))

        def report(outcome):
            progress.step(outcome.file)
            if args.json:
                for record in outcome_records(outcome):
                    print(json.dumps(record, ensure_ascii=False), flush=True)
            else:
                print(outcome_line(outcome), flush=True)

        outcomes = app.run_jobs(jobs, on_outcome=report)
    return exit_code(outcomes)


def expand(paths: list[Path], is_ignored):
    """(file, name) for each file named or found in a named folder; names keep subfolders."""
    for path in paths:
        if path.is_file():
            yield path, path.name
        elif path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = file.relative_to(path)
                if not is_ignored(relative):
                    yield file, relative.as_posix()
        else:
            raise UsageError(N_("%(path)s: no such file or folder"), path=path)
