"""Sample Italian business documents with their expected field values.

    spec = make_spec("fattura", seed=42, split="train")
    render_pdf(spec, Path("fattura.pdf"))          # born-digital, text layer
    render_scan(spec, Path("fattura.png"), fmt="png", rotation=90)
    bodies = write_fatturapa(spec, Path(fatturapa_file_name(spec)), signed=None)
    write_expected(spec, Path("fattura.json"), "born_digital", "fattura.pdf")

The same (type, seed, split) always gives the same document. "train" and
"holdout" use disjoint layouts, label wordings and name pools.
"""

from demat.samples.generator.expected import write_expected
from demat.samples.generator.fatturapa import file_name as fatturapa_file_name
from demat.samples.generator.fatturapa import write_fatturapa
from demat.samples.generator.layout import SPLIT_LAYOUTS
from demat.samples.generator.render import render_pdf
from demat.samples.generator.scan import render_scan
from demat.samples.generator.spec import DEPARTMENTS, DOC_TYPES, SampleSpec, make_spec, spec_text

__all__ = ["DEPARTMENTS", "DOC_TYPES", "SPLIT_LAYOUTS", "SampleSpec", "fatturapa_file_name", "make_spec",
           "render_pdf", "render_scan", "spec_text", "write_expected", "write_fatturapa"]
