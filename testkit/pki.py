"""A throwaway PKI shaped like Alexa's: root CA -> intermediate -> leaf for echo-api.amazon.com.

Tests and the load check use it to sign requests the way Alexa does, and serve the chain through
an injected fetcher instead of S3.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from skill.web.certs import CertFetchError
from skill.web.verifier import (
    CERT_CHAIN_DOMAIN,
    SIGNATURE_256_HEADER,
    SIGNATURE_CERT_CHAIN_URL_HEADER,
)

CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
_NOW = datetime.now(UTC)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Morning Moves Test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _ca(
    name: str, key: rsa.RSAPrivateKey, issuer: x509.Certificate | None, issuer_key: Any
) -> x509.Certificate:
    subject = _name(name)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - timedelta(days=30))
        .not_valid_after(_NOW + timedelta(days=3650))
        .add_extension(
            x509.BasicConstraints(ca=True, path_length=None if issuer is None else 0), critical=True
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key((issuer_key or key).public_key()),
            critical=False,
        )
    )
    return builder.sign(issuer_key or key, hashes.SHA256())


def _leaf(
    key: rsa.RSAPrivateKey,
    issuer: x509.Certificate,
    issuer_key: rsa.RSAPrivateKey,
    *,
    dns_names: tuple[str, ...],
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(dns_names[0] if dns_names else "no-san.example"))
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if dns_names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(n) for n in dns_names]), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class Pki:
    """One root, one intermediate, one signing leaf."""

    root: x509.Certificate
    intermediate: x509.Certificate
    intermediate_key: rsa.RSAPrivateKey
    leaf: x509.Certificate
    leaf_key: rsa.RSAPrivateKey

    def chain_pem(self) -> bytes:
        return b"".join(
            c.public_bytes(serialization.Encoding.PEM) for c in (self.leaf, self.intermediate)
        )

    def sign(self, body: bytes) -> str:
        raw = self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(raw).decode("ascii")

    def headers(self, body: bytes, url: str = CHAIN_URL) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            SIGNATURE_CERT_CHAIN_URL_HEADER: url,
            SIGNATURE_256_HEADER: self.sign(body),
        }

    def with_leaf(
        self,
        *,
        dns_names: tuple[str, ...] = (CERT_CHAIN_DOMAIN,),
        not_before: datetime | None = None,
        not_after: datetime | None = None,
    ) -> Pki:
        """The same CA with a different signing leaf (expired, no SAN, ...)."""
        key = _key()
        leaf = _leaf(
            key,
            self.intermediate,
            self.intermediate_key,
            dns_names=dns_names,
            not_before=not_before or _NOW - timedelta(days=1),
            not_after=not_after or _NOW + timedelta(days=365),
        )
        return Pki(self.root, self.intermediate, self.intermediate_key, leaf, key)


def make_pki(label: str = "Test") -> Pki:
    """A fresh CA (root + intermediate) and a valid leaf for echo-api.amazon.com."""
    root_key, intermediate_key = _key(), _key()
    root = _ca(f"{label} Root CA", root_key, None, None)
    intermediate = _ca(f"{label} Intermediate CA", intermediate_key, root, root_key)
    placeholder = Pki(root, intermediate, intermediate_key, root, root_key)
    return placeholder.with_leaf()


@dataclass
class ChainHost:
    """Stands in for S3: serves PEM chains by URL and counts fetches."""

    chains: dict[str, bytes] = field(default_factory=dict)
    fetches: list[str] = field(default_factory=list)

    def __call__(self, url: str) -> bytes:
        self.fetches.append(url)
        try:
            return self.chains[url]
        except KeyError:
            raise CertFetchError("no certificate chain at that URL") from None


def signed_body(envelope: dict[str, Any]) -> bytes:
    """The envelope as Alexa would send it (compact JSON bytes)."""
    return json.dumps(envelope, separators=(",", ":")).encode("utf-8")


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
