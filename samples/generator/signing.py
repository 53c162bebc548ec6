"""CAdES-style .p7m envelopes: PKCS#7 SignedData with the XML embedded.

The RSA key and certificate are derived from a fixed seed (RSA PKCS#1 v1.5
signatures are deterministic) and signed attributes are left out by default
(they would carry the signing time), so the committed .p7m files regenerate
byte for byte.

The envelope comes in every form signing software writes (`ENCODINGS`): DER,
BER with indefinite lengths and the content cut into chunks, base64 with or
without line breaks, PEM, and base64 under S/MIME headers.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import random

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

_SMALL_PRIMES = [p for p in range(3, 2000) if all(p % d for d in range(2, int(p**0.5) + 1))]


def _is_probable_prime(n: int) -> bool:
    if any(n % p == 0 for p in _SMALL_PRIMES):
        return False
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for base in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        x = pow(base, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng: random.Random, bits: int) -> int:
    while True:
        candidate = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if _is_probable_prime(candidate):
            return candidate


@functools.cache
def signer(seed: str = "demat-samples") -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A 2048-bit RSA key and a self-signed certificate for a made-up signer."""
    rng = random.Random(seed)
    e = 65537
    while True:
        p, q = _prime(rng, 1024), _prime(rng, 1024)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e:
            break
    d = pow(e, -1, phi)
    public = rsa.RSAPublicNumbers(e, p * q)
    key = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), public).private_key()
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Demat Firma Digitale di Prova"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "ROSSI MARIO"),
                      x509.NameAttribute(NameOID.SERIAL_NUMBER, "TINIT-RSSMRA80A01F205X")])
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(rng.getrandbits(64)).not_valid_before(dt.datetime(2023, 1, 1, tzinfo=dt.UTC))
                   .not_valid_after(dt.datetime(2029, 12, 31, tzinfo=dt.UTC))
                   .sign(key, hashes.SHA256()))
    return key, certificate


def signed_der(content: bytes, attributes: bool = False) -> bytes:
    """The DER SignedData envelope of CONTENT; with `attributes` the signature covers
    signed attributes (content type, message digest, signing time), as CAdES does."""
    key, certificate = signer()
    options = [pkcs7.PKCS7Options.Binary] + ([] if attributes else [pkcs7.PKCS7Options.NoAttributes])
    return (pkcs7.PKCS7SignatureBuilder().set_data(content).add_signer(certificate, key, hashes.SHA256())
            .sign(serialization.Encoding.DER, options))


def _pem(der: bytes) -> bytes:
    return b"-----BEGIN PKCS7-----\n" + base64.encodebytes(der) + b"-----END PKCS7-----\n"


def _smime(der: bytes) -> bytes:
    return (b"MIME-Version: 1.0\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n"
            b"Content-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(der).replace(b"\n", b"\r\n"))


ENCODINGS = {
    "der": lambda der: der,
    "ber": lambda der: to_ber(der),
    "base64": base64.encodebytes,  # lines of 76 characters
    "base64_oneline": base64.b64encode,
    "pem": _pem,
    "smime": _smime,
}


def sign(content: bytes, encoding: str, attributes: bool = False) -> bytes:
    """CONTENT in a signed envelope written in ENCODING (a key of `ENCODINGS`)."""
    if encoding not in ENCODINGS:
        raise ValueError(f"signed must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
    return ENCODINGS[encoding](signed_der(content, attributes))


# -- BER: how some signing software writes the envelope ------------------------
# The path from ContentInfo down to the signed content, as (tag of the element to
# go into) at each level: ContentInfo [0] -> SignedData -> encapContentInfo [0].
_CONTENT_PATH = (0xA0, 0x30, 0x30, 0xA0)
_CHUNK = 1000


def to_ber(der: bytes) -> bytes:
    """The same envelope with indefinite lengths down to the content, and the content
    as a constructed OCTET STRING of 1000-byte chunks (the signature stays valid:
    it covers the content's bytes, not their encoding)."""
    return _indefinite(der, _CONTENT_PATH)


def _tlv(data: bytes, at: int) -> tuple[int, int, int]:
    """(tag, start of the value, end of the value) of the DER element at AT."""
    tag, size, at = data[at], data[at + 1], at + 2
    if size & 0x80:
        count = size & 0x7F
        size, at = int.from_bytes(data[at:at + count], "big"), at + count
    return tag, at, at + size


def _children(value: bytes) -> list[bytes]:
    items, at = [], 0
    while at < len(value):
        _, start, end = _tlv(value, at)
        items.append(value[at:end])
        at = end
    return items


def _indefinite(element: bytes, path: tuple[int, ...]) -> bytes:
    """ELEMENT with an indefinite length; down PATH (the tags to go into) the same,
    and at its end the content OCTET STRING cut into chunks."""
    tag, start, end = _tlv(element, 0)
    children = _children(element[start:end])
    if path:
        children = [_indefinite(c, path[1:]) if c[0] == path[0] else c for c in children]
    else:
        children = [_chunked(c) if c[0] == 0x04 else c for c in children]
    return bytes([tag, 0x80]) + b"".join(children) + b"\x00\x00"


def _chunked(octets: bytes) -> bytes:
    _, start, end = _tlv(octets, 0)
    value = octets[start:end]
    chunks = [value[i:i + _CHUNK] for i in range(0, len(value), _CHUNK)]
    return b"\x24\x80" + b"".join(_der_octets(c) for c in chunks) + b"\x00\x00"


def _der_octets(value: bytes) -> bytes:
    size = len(value)
    length = bytes([size]) if size < 0x80 else bytes([0x80 | 2]) + size.to_bytes(2, "big")
    return b"\x04" + length + value


def tamper(envelope: bytes, old: bytes, new: bytes) -> bytes:
    """A DER envelope whose signed content had OLD replaced by NEW (same length)
    after signing: what a forged invoice looks like."""
    if len(old) != len(new) or envelope.count(old) != 1:
        raise ValueError("tamper needs one occurrence of OLD and a NEW of the same length")
    return envelope.replace(old, new)
