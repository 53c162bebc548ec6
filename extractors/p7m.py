"""The XML inside a signed FatturaPA (`.xml.p7m`): a CAdES / PKCS#7 SignedData
envelope, DER or base64 text. The signature chain is not verified (the SdI did
that); the envelope's structure is."""

from __future__ import annotations

import base64
import binascii
import re

from pipeline.errors import InvalidFatturaPA

PEM_LINE_RE = re.compile(rb"-----(BEGIN|END) [A-Z0-9 ]+-----")


def signed_content(data: bytes, name: str = "the file") -> bytes:
    """The signed content (the FatturaPA XML) of a SignedData envelope in DATA."""
    from asn1crypto import cms

    der = data if data[:1] == b"\x30" else _from_base64(data, name)
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise InvalidFatturaPA(f"{name}: the .p7m envelope is {info['content_type'].native}, not signed data")
        signed = info["content"]
        if len(signed["signer_infos"]) == 0:
            raise InvalidFatturaPA(f"{name}: the .p7m envelope has no signer")
        encap = signed["encap_content_info"]
        if encap["content_type"].native != "data":
            raise InvalidFatturaPA(f"{name}: the .p7m envelope holds {encap['content_type'].native}, not data")
        content = encap["content"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise InvalidFatturaPA(f"{name}: not a valid PKCS#7 signed envelope: {exc}") from exc
    if not content:
        raise InvalidFatturaPA(f"{name}: the signature is detached: the envelope holds no XML")
    return content


def _from_base64(data: bytes, name: str) -> bytes:
    text = PEM_LINE_RE.sub(b"", data)
    try:
        der = base64.b64decode(b"".join(text.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidFatturaPA(f"{name}: a .p7m must be DER or base64 text; this is neither") from exc
    if der[:1] != b"\x30":
        raise InvalidFatturaPA(f"{name}: the base64 text does not hold a PKCS#7 envelope")
    return der
