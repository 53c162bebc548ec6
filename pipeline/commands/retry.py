"""demat retry: put a quarantined or held file through the pipeline again."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("retry", parents=[common], help="process a quarantined or held file again",
                       description="Moves the file back from quarantine/ (or releases a held one) and runs it "
                                   "through the pipeline now.")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.kernel.errors import NotFound
    from demat.pipeline import quarantine
    from demat.pipeline.app import App
    from demat.pipeline.report import exit_code, outcome_line

    with App(config) as app:
        jobs = []
        for job_id in args.ids:
            job = app.catalog.job(job_id)
            if job is None:
                raise NotFound(f"no job with id {job_id}", "`demat status` lists the quarantined and held files.")
            jobs.append(quarantine.restore(config, app.catalog, job))
        outcomes = app.run_jobs(jobs, on_outcome=lambda o: print(outcome_line(o), flush=True))
    return exit_code(outcomes)
