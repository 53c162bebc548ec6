"""An evaluation corpus whose layouts come from a grammar written apart from the extractor.

    from demat.samples.grammar import write_corpus
    from demat.samples.grammar.families import TUNED, NEVER_TUNED
    jsons = write_corpus(Path("corpus"), families=None, per_family=5, seed=1, kinds=("born_digital", "scan"))

Every document is NAME.<ext> + NAME.json in the samples/ format, plus "family" and
"tuned". Scores on NEVER_TUNED families are the ones to believe.
"""

from demat.samples.grammar.corpus import KINDS, write_corpus
from demat.samples.grammar.families import FAMILIES, NEVER_TUNED, TUNED

__all__ = ["FAMILIES", "KINDS", "NEVER_TUNED", "TUNED", "write_corpus"]
