"""Courtesy copies: FatturaPA XML from our own generator, printed by other people's stylesheets."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# ../shared beside the clone; a git worktree in /work/wt/NAME has it two levels up
CANDIDATES = [REPO.parent / "shared", REPO.parent.parent / "shared"]
FIXTURE = Path("fixtures") / "fatturapa-stylesheets"


def stylesheets() -> Path | None:
    return next((c / FIXTURE for c in CANDIDATES if (c / FIXTURE).is_dir()), None)


def available() -> bool:
    return stylesheets() is not None


def absent_reason() -> str:
    return (f"the FatturaPA stylesheets are not in {' or '.join(str(c / FIXTURE) for c in CANDIDATES)} "
            "(../shared is there on the developers' machines only)")


def write_copy(folder: Path, family: str, seed: int, kinds) -> list[Path]:
    raise NotImplementedError("courtesy copies are rendered in the next step")
