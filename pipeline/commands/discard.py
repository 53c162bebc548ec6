"""demat discard: set a quarantined file aside for good, kept with its reason in quarantine/scartati/."""

from __future__ import annotations

import getpass


def register(sub, common) -> None:
    p = sub.add_parser("discard", parents=[common], help="set a quarantined file aside for good (never deleted)",
                       description="Moves the file and its reason from quarantine/ to quarantine/scartati/, "
                                   "records who and why, and leaves it out of `demat status`. Nothing is deleted: "
                                   "drop the file into the inbox again to archive it after all.")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument("--why", default="", help="the reason, kept beside the file and in the job's history")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.kernel.errors import N_, NotFound
    from demat.pipeline import quarantine

    catalog = open_catalog(config)
    who = getpass.getuser()
    for job_id in args.ids:
        job = catalog.job(job_id)
        if job is None:
            raise NotFound(N_("no job with id %(id)s"),
                           N_("`demat status` lists the quarantined files with their ids."), id=job_id)
        dest = quarantine.discard(config, catalog, job, who, args.why)
        print(f"{job_id}  {job.original_name} → {dest}")
    return 0
