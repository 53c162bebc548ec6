"""CAdES-style .p7m envelopes: PKCS#7 SignedData with the XML embedded.

The RSA key and certificate are derived from a fixed seed (RSA PKCS#1 v1.5
signatures are deterministic) and signed attributes are left out (they would
carry the signing time), so the committed .p7m files regenerate byte for byte.
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
                   .serial_number(rng.getrandbits(64)).not_valid_before(dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc))
                   .not_valid_after(dt.datetime(2029, 12, 31, tzinfo=dt.timezone.utc))
                   .sign(key, hashes.SHA256()))
    return key, certificate


def sign(content: bytes, encoding: str) -> bytes:
    """encoding: "der" (binary .p7m) or "base64" (the same DER as base64 text)."""
    if encoding not in ("der", "base64"):
        raise ValueError(f"signed must be 'der' or 'base64', not {encoding!r}")
    key, certificate = signer()
    der = (pkcs7.PKCS7SignatureBuilder().set_data(content).add_signer(certificate, key, hashes.SHA256())
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary, pkcs7.PKCS7Options.NoAttributes]))
    return der if encoding == "der" else base64.encodebytes(der)
