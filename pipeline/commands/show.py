"""demat show: everything known about one document."""

from __future__ import annotations

import json

from demat.kernel.errors import NotFound


def register(sub, common) -> None:
    p = sub.add_parser("show", parents=[common], help="print everything known about one document",
                       description="Type, department, fields with their checks, review reasons, archive files "
                                   "and history of document ID.")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.add_argument("--text", action="store_true", help="also print the text of every page")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog

    catalog = open_catalog(config)
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
    """DOC for a person: labels, amounts, dates and times as the office reads them (Italian unless LANG=en)."""
    from demat.web.i18n import cli_language, translate, translations
    from demat.web.i18n_checks import describe, reason
    from demat.web.i18n_formats import date, when
    from demat.web.i18n_labels import label

    language = cli_language()

    def _(message, **values):
        return translate(language, message, **values)

    w = {  # the words of the listing, each in the user's language
        "Alternatives": _("Alternatives"),
        "Document": _("Document"),
        "FAILED": _("FAILED"),
        "Fields": _("Fields"),
        "History": _("History"),
        "Job": _("Job"),
        "archive": _("archive"),
        "department": _("department"),
        "document": _("document"),
        "file": _("file"),
        "original": _("original"),
        "review": _("review"),
        "same invoice": _("same invoice"),
        "searchable": _("searchable"),
        "type": _("type"),
    }
    if "pages" not in doc:  # a job that produced no document
        lines = [f"{w['Job']} {doc['id']}: {doc['file']} — {label('job_state', doc['state'], language)}"]
        lines += [f"  {k}: {v}" for k, v in doc.items() if v and k not in ("id", "file", "state", "history")]
    else:
        conf = f" ({doc['type_confidence']:.0%})" if doc["type_confidence"] is not None else ""
        alternatives = ", ".join(f"{label('type', code, language)} {p:.0%}" for code, p in doc["type_alternatives"])
        pages = translations(language).ngettext("%(num)d page", "%(num)d pages", doc["page_count"]) % {
            "num": doc["page_count"]}
        lines = [
            f"{w['Document']} {doc['id']}: {doc['title']}",
            f"  {w['file']:<13}{doc['original_name']} ({doc['media_type']}, {pages}, "
            + _("read by %(extractor)s", extractor=doc["extractor"]) + ")",
            f"  {w['type']:<13}{label('type', doc['type'], language) or '-'}{conf}"
            + (f"  {w['Alternatives']}: {alternatives}" if alternatives else ""),
            f"  {w['department']:<13}{label('department', doc['department'], language) or '-'}",
            f"  {w['review']:<13}{label('review_state', doc['review_state'], language)}"
            + "".join(f"\n    - {reason(r, doc['fields'], language)}" for r in doc["review_reasons"]),
            f"  {w['archive']:<13}{doc['archive_dir']}",
            f"  {w['original']:<13}{doc['original_path']}",
        ]
        if doc["searchable_pdf_path"]:
            lines.append(f"  {w['searchable']:<13}{doc['searchable_pdf_path']}")
        lines.append(f"  {w['Fields']}:")
        for name, f in doc["fields"].items():
            failed = [c for c in f["checks"] if not c["passed"]]
            flag = "; ".join(describe(c, doc["fields"], language) for c in failed)
            flag = f"  {w['FAILED']}: {flag}" if flag else ""
            lines.append(f"    {label('field', name, language):<26} {shown(name, f['value'], doc['type'], language)}"
                         f"  ({f['confidence']:.0%}){flag}")
        if with_text:
            for page in doc["pages"]:
                lines += [f"  --- {_('Page %(number)s', number=page['number'])} ({page['source']}) ---", page["text"]]
    lines.append(f"  {w['History']}:")
    lines += [f"    {when(e['at'])} {e['step']} {e['detail']}" for e in doc["history"]]
    lines += [f"    {date(f['doc_date']):<10} {f['kind']:<7} {w['document']} {f['id']}: {f['title']}"
              for f in doc.get("sdi_files", [])]
    lines += [f"    {w['same invoice']}: {w['document']} {f['id']} {f['original_name']} "
              + (_("(a copy: not counted again)") if f["copy_of"] else _("(the one that counts)"))
              for f in doc.get("invoice_files", [])]
    return "\n".join(lines)


def shown(name: str, value, doc_type: str | None, language: str) -> str:
    """A field's value as a person reads it: amounts in euro, dates day first, VAT lines one by one."""
    from demat.kernel.document import FIELD_KINDS
    from demat.web.i18n_formats import amount, date

    kind = FIELD_KINDS.get(name)
    if value is None:
        return "-"
    if kind == "amount":
        return amount(value, language, doc_type=doc_type)
    if kind == "date":
        return date(value)
    if kind == "vat_lines":
        return "; ".join(f"{line.get('rate')}%: {amount(line.get('taxable_amount'), language)} + "
                         f"{amount(line.get('vat_amount'), language)}" for line in value)
    return str(value)
