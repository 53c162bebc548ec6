"""The `demat` command line.

Each command lives in its own module under `pipeline/commands/` with a
`register(subparsers, common)` function; heavy libraries (spaCy, tesseract,
the web framework) are imported inside the handlers, so `demat --help`
answers at once. Errors become one readable message and an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys

from demat.kernel.config import load_config
from demat.kernel.errors import N_, DematError
from demat.pipeline import logcontext
from demat.pipeline.faults import machine_fault

COMMANDS = ("watch", "ingest", "search", "show", "status", "check", "queue", "review", "retry", "discard", "correct",
            "confirm", "train", "export", "reindex", "serve", "user", "worker", "layouts", "migrate")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS,
                        help="demat's folder: inbox/, archive/, quarantine/, catalog, demat.toml "
                             "(default: $DEMAT_HOME or ./var)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log what every stage does")
    parser = argparse.ArgumentParser(
        prog="demat", parents=[common],
        description="Document dematerialization for Italian back offices: files dropped in the inbox are "
                    "read (OCR), their fields extracted, their type recognised, routed to a department, "
                    "archived and made searchable.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"demat.pipeline.commands.{name}").register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            return run(argv)
        finally:
            sys.stdout.flush()  # here, where a reader that went away (`demat status | head`) is caught below
    except BrokenPipeError:
        return reader_gone()


def run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format=logcontext.FORMAT)
    try:
        config = load_config(getattr(args, "home", None))
        return args.handler(args, config) or 0
    except DematError as exc:
        say(exc)
        return exc.exit_code
    except Exception as exc:
        reason = machine_fault(exc)
        if reason is None:
            raise
        say(DematError(reason, N_("Free some disk space or memory, then run the command again.")))
        return 1
    except KeyboardInterrupt:
        return 130


def say(error: DematError) -> None:
    """The error and what to do, on two lines, in the user's language (Italian unless DEMAT_LANGUAGE=en)."""
    from demat.web.i18n import cli_language, error_parts

    message, action = error_parts(error, cli_language())
    print(f"demat: {message}", file=sys.stderr)
    if action:
        print(action, file=sys.stderr)


def reader_gone() -> int:
    """The program reading our output stopped early (`| head`): stop quietly, as `cat` does.

    Standard output is pointed at /dev/null so that Python's own flush at exit
    does not fail a second time (the recipe of the Python docs on SIGPIPE).
    """
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 128 + signal.SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
