"""demat show: everything known about one document."""

from __future__ import annotations

import json

from pipeline.errors import NotFound


def register(sub, common) -> None:
    p = sub.add_parser("show", parents=[common], help="print everything known about one document",
                       description="Type, department, fields with their checks, review reasons, archive files "
                                   "and history of document ID.")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.add_argument("--text", action="store_true", help="also print the text of every page")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from indexer.catalog import Catalog

    catalog = Catalog(config.catalog_path)
    doc = catalog.document(args.id)
    if doc is None:
        job = catalog.job(args.id)
        if job is None:
            raise NotFound(f"no document or job with id {args.id}", "`demat search` or `demat status` lists ids.")
        doc = {"id": job.id, "file": job.original_name, "state": job.state, "duplicate_of": job.duplicate_of,
               "quarantine_path": job.quarantine_path, "error": job.error_message, "what_to_do": job.error_action}
    doc["history"] = [dict(e) for e in catalog.events(args.id)]
    doc["sdi_files"] = catalog.sdi_related(args.id)
    doc["invoice_files"] = catalog.invoice_files(args.id)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(render(doc, with_text=args.text))
    return 0


def render(doc: dict, with_text: bool = False) -> str:
    if "pages" not in doc:  # a job that produced no document
        lines = [f"Job {doc['id']}: {doc['file']} — {doc['state']}"]
        lines += [f"  {k}: {v}" for k, v in doc.items() if v and k not in ("id", "file", "state", "history")]
    else:
        conf = f" ({doc['type_confidence']:.2f})" if doc["type_confidence"] is not None else ""
        lines = [
            f"Document {doc['id']}: {doc['title']}",
            f"  file:        {doc['original_name']} ({doc['media_type']}, {doc['page_count']} pages, read by {doc['extractor']})",
            f"  type:        {doc['type'] or '-'}{conf}"
            + (f"  alternatives: {', '.join(f'{l} {p:.2f}' for l, p in doc['type_alternatives'])}"
               if doc["type_alternatives"] else ""),
            f"  department:  {doc['department'] or '-'}",
            f"  review:      {doc['review_state']}" + "".join(f"\n    - {r}" for r in doc["review_reasons"]),
            f"  archive:     {doc['archive_dir']}",
            f"  original:    {doc['original_path']}",
        ]
        if doc["searchable_pdf_path"]:
            lines.append(f"  searchable:  {doc['searchable_pdf_path']}")
        lines.append("  fields:")
        for name, f in doc["fields"].items():
            failed = [c for c in f["checks"] if not c["passed"]]
            flag = "  FAILED: " + "; ".join(c["message"] or c["name"] for c in failed) if failed else ""
            lines.append(f"    {name:<18} {json.dumps(f['value'], ensure_ascii=False)}  ({f['confidence']:.2f}){flag}")
        if with_text:
            for page in doc["pages"]:
                lines += [f"  --- page {page['number']} ({page['source']}) ---", page["text"]]
    lines.append("  history:")
    lines += [f"    {e['at']} {e['step']} {e['detail']}" for e in doc["history"]]
    lines += [f"    {f['doc_date'] or '':<10} {f['kind']:<7} document {f['id']}: {f['title']}" for f in doc.get("sdi_files", [])]
    lines += [f"    same invoice: document {f['id']} {f['original_name']}" + (" (copy)" if f["copy_of"] else " (counts)")
              for f in doc.get("invoice_files", [])]
    return "\n".join(lines)
