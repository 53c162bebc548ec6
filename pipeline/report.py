"""How the CLI tells a person (or a script, with --json) what became of a file."""

from __future__ import annotations

import sys
from typing import Any

from demat.kernel.document import field_to_dict
from demat.pipeline.runner import Outcome


def outcome_records(outcome: Outcome) -> list[dict[str, Any]]:
    """One JSON object per document (a FatturaPA lotto gives several)."""
    if outcome.status != "archived":
        record = {"id": outcome.job_id, "file": outcome.file, "status": outcome.status, "type": None,
                  "type_confidence": None, "department": None, "fields": {}, "review_reasons": []}
        if outcome.duplicate_of is not None:
            record["duplicate_of"] = outcome.duplicate_of
        if outcome.error is not None:
            record["error"] = str(outcome.error)
            record["what_to_do"] = outcome.error.action
        return [record]
    records = []
    for doc_id, doc in outcome.documents:
        c = doc.classification
        records.append({
            "id": doc_id, "file": outcome.file, "status": outcome.status,
            "type": c.label if c else None,
            "type_confidence": round(c.confidence, 3) if c else None,
            "department": doc.department,
            "fields": {name: {k: v for k, v in field_to_dict(f).items() if k in ("value", "confidence", "checks")}
                       for name, f in doc.fields.items()},
            "review_reasons": list(doc.review_reasons),
        })
    return records


def outcome_line(outcome: Outcome) -> str:
    if outcome.status == "duplicate":
        return f"{outcome.file}: duplicate of document {outcome.duplicate_of}, not archived again"
    if outcome.status == "quarantined":
        return f"{outcome.file}: QUARANTINED (id {outcome.job_id}): {outcome.error}"
    if outcome.status == "held":
        return f"{outcome.file}: HELD (id {outcome.job_id}): {outcome.error} {outcome.error.action}"
    lines = []
    for doc_id, doc in outcome.documents:
        c = doc.classification
        kind = f"{c.label} {c.confidence:.2f}" if c else "unknown type"
        review = f" — REVIEW: {'; '.join(doc.review_reasons)}" if doc.review_reasons else ""
        lines.append(f"{outcome.file}: document {doc_id}, {kind} → {doc.department or '-'}{review}")
    return "\n".join(lines)


def exit_code(outcomes: list[Outcome]) -> int:
    """1 when some file did not reach the archive (quarantined or held), else 0."""
    return 1 if any(o.status in ("quarantined", "held") for o in outcomes) else 0


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when not a terminal."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = stream.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // max(self.total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
