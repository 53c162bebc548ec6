"""Which layout families the extraction and classifier work may look at.

TUNED families may be read, debugged and tuned on. NEVER_TUNED families (every
courtesy copy among them) are kept out of all tuning: nobody opens them to fix a
pattern, and their scores are the honest ones. Move a family between the two
only with the lead's agreement, and say so in the commit.
"""

TUNED = ("G1", "G4", "G7", "G10", "G13", "G14", "G15", "G16", "G17", "G18", "G19", "C0")
NEVER_TUNED = ("G2", "G3", "G5", "G6", "G8", "G9", "G11", "G12", "C1", "C2", "C3", "C4")
# FatturaPA courtesy copies printed by a browser, one family per stylesheet: C0 our own (tuned, issue 11's
# round 22, so that what a browser's print of such a sheet loses in a scan has tuned material), C1-C4 public ones
COURTESY = ("C0", "C1", "C2", "C3", "C4")
FAMILIES = TUNED + NEVER_TUNED


def is_tuned(family: str) -> bool:
    if family not in FAMILIES:
        raise ValueError(f"unknown layout family {family!r}; known: {', '.join(FAMILIES)}")
    return family in TUNED
