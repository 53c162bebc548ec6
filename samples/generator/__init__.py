"""Sample Italian business documents with their expected field values.

    spec = make_spec("fattura", seed=42, split="train")
    render_pdf(spec, Path("fattura.pdf"))          # born-digital, text layer
    render_scan(spec, Path("fattura.png"), fmt="png", rotation=90)
    write_fatturapa(spec, Path("IT01234567890_00001.xml"), signed=None)
    write_expected(spec, Path("fattura.json"), "born_digital", "fattura.pdf")

The same (type, seed, split) always gives the same document. "train" and
"holdout" use disjoint layouts, label wordings and name pools.
"""

from samples.generator.expected import write_expected
from samples.generator.render import render_pdf
from samples.generator.spec import DEPARTMENTS, DOC_TYPES, SampleSpec, make_spec, spec_text

__all__ = ["DEPARTMENTS", "DOC_TYPES", "SampleSpec", "make_spec", "render_pdf", "spec_text", "write_expected"]
