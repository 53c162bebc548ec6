"""The XML inside a signed FatturaPA (`.xml.p7m`): a CAdES / PKCS#7 SignedData envelope.

Signing software writes the envelope as DER, as BER (indefinite lengths, the
content in chunks), as base64 with or without line breaks, as PEM, or as
base64 under S/MIME headers; all are read. An envelope may hold another one
(several signatures nested). Each signature is verified against the content
it covers and its signer named: a signature that does not match means the
file was changed after signing, and the file is refused. The certificate is
not checked against a list of trusted authorities (the SdI did that when it
accepted the file): the check says so.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from demat.extractors.sniff import PKCS7, base64_text, sniff_bytes
from demat.kernel.document import Check
from demat.kernel.errors import InvalidFatturaPA

MAX_NESTING = 4
HASHES = {"sha1", "sha224", "sha256", "sha384", "sha512"}


@dataclass
class Envelope:
    """The signed content, and one check per signature found around it."""

    content: bytes
    signatures: list[Check]


def open_envelope(data: bytes, name: str = "the file") -> Envelope:
    """The content of the SignedData envelope(s) in DATA, each signature verified."""
    signatures = []
    for _ in range(MAX_NESTING):
        content, check = _unwrap(data, name)
        signatures.append(check)
        if not _looks_signed(content):
            return Envelope(content, signatures)
        data = content
    raise InvalidFatturaPA(f"{name}: envelopes nested more than {MAX_NESTING} deep")


def signed_content(data: bytes, name: str = "the file") -> bytes:
    """The signed content (the FatturaPA XML) of the envelope(s) in DATA."""
    return open_envelope(data, name).content


def _looks_signed(content: bytes) -> bool:
    return sniff_bytes(content[:4096]) == PKCS7


def _unwrap(data: bytes, name: str) -> tuple[bytes, Check]:
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
        if not content:
            raise InvalidFatturaPA(f"{name}: the signature is detached: the envelope holds no XML")
        return content, _verify(signed, content, name)
    except (ValueError, TypeError, KeyError) as exc:
        raise InvalidFatturaPA(f"{name}: not a valid PKCS#7 signed envelope: {exc}") from exc


def _from_base64(data: bytes, name: str) -> bytes:
    text = base64_text(data)
    try:
        der = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidFatturaPA(f"{name}: a .p7m must be DER, BER or base64 text; this is none of them") from exc
    if der[:1] != b"\x30":
        raise InvalidFatturaPA(f"{name}: the base64 text does not hold a PKCS#7 envelope")
    return der


# -- the signatures ---------------------------------------------------------------
def _verify(signed, content: bytes, name: str) -> Check:
    """One check for all signers of SIGNED; a signature that does not match is refused."""
    signers = []
    for signer in signed["signer_infos"]:
        certificate = _certificate(signed, signer)
        if certificate is None:
            return Check("signature", False, "the envelope does not carry the signer's certificate: "
                                             "the signature could not be verified")
        problem = _check_signature(signer, certificate, content)
        if problem == "mismatch":
            raise InvalidFatturaPA(f"{name}: the signature does not match the content: the file was changed "
                                   "after it was signed", "Ask the supplier for the file as the SdI delivered it.")
        if problem:
            return Check("signature", False, f"signature by {_subject(certificate)} not verified: {problem}")
        signers.append(_subject(certificate))
    return Check("signature", True, f"signature verified, signed by {'; '.join(signers)} "
                                    "(certificate not checked against a list of trusted authorities)")


def _certificate(signed, signer):
    sid = signer["sid"]
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        certificate = choice.chosen
        if sid.name == "issuer_and_serial_number":
            if (certificate.issuer == sid.chosen["issuer"]
                    and certificate.serial_number == sid.chosen["serial_number"].native):
                return certificate
        elif certificate.key_identifier == sid.chosen.native:
            return certificate
    return None


def _subject(certificate) -> str:
    return certificate.subject.human_friendly


def _check_signature(signer, certificate, content: bytes) -> str:
    """'' when the signature verifies, 'mismatch' when it does not, else why it could not be checked."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    digest = signer["digest_algorithm"]["algorithm"].native
    if digest not in HASHES:
        return f"digest algorithm {digest} is not supported"
    signed_attrs = signer["signed_attrs"]
    if signed_attrs:
        digests = [a["values"][0].native for a in signed_attrs if a["type"].native == "message_digest"]
        if digests != [hashlib.new(digest, content).digest()]:
            return "mismatch"
        data = b"\x31" + signed_attrs.dump()[1:]  # signed as a SET, stored as [0]
    else:
        data = content
    key = x509.load_der_x509_certificate(certificate.dump()).public_key()
    algorithm = getattr(hashes, digest.upper())()
    kind = signer["signature_algorithm"].signature_algo
    try:
        if kind == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signer["signature"].native, data, padding.PKCS1v15(), algorithm)
        elif kind == "rsassa_pss" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signer["signature"].native, data, padding.PSS(padding.MGF1(algorithm), padding.PSS.AUTO),
                       algorithm)
        elif kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signer["signature"].native, data, ec.ECDSA(algorithm))
        else:
            return f"signature algorithm {kind} is not supported"
    except InvalidSignature:
        return "mismatch"
    return ""
