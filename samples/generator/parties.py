"""How issuers and recipients are printed, and their expected field values."""

from __future__ import annotations

from demat.samples.generator.blocks import Draw, Letterhead, PartyBox
from demat.samples.generator.pools import Party


def initials(name: str) -> str:
    words = [w for w in name.replace("&", " ").split() if w[0].isupper() and not w.endswith(".")]
    return "".join(w[0] for w in words[:3]) or name[:2].upper()


def id_lines(draw: Draw, party: Party) -> list[str]:
    """P.IVA and codice fiscale; one line when they are the same number."""
    if party.vat is None:
        return [f"{draw.word('tax_code')}: {party.tax_code}"]
    vat = f"{draw.word('vat_id')}: {'IT' if draw.rng.random() < 0.3 else ''}{party.vat}"
    if party.tax_code == party.vat and draw.rng.random() < 0.5:
        return [f"{vat} - {draw.word('tax_code')}: {party.tax_code}"]
    return [vat] if party.tax_code == party.vat else [vat, f"{draw.word('tax_code')}: {party.tax_code}"]


def letterhead(draw: Draw, party: Party, extra: list[str] | None = None) -> Letterhead:
    contact = f"Tel. {party.phone} - {party.email}"
    address = f"{party.street} - {party.cap} {party.city} ({party.province})"
    return Letterhead(party.name, [address, *id_lines(draw, party), contact, *(extra or [])],
                      logo=initials(party.name) if draw.rng.random() < 0.6 else None)


def party_box(draw: Draw, heading: str, party: Party, with_ids: bool = True) -> PartyBox:
    lines = [party.name, *party.address_lines]
    if with_ids:
        lines += id_lines(draw, party)
    return PartyBox(heading, lines)


def party_fields(prefix: str, party: Party) -> dict:
    return {f"{prefix}_name": party.name, f"{prefix}_vat": party.vat, f"{prefix}_tax_code": party.tax_code}
