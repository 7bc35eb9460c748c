"""HTTPS for the hub without the internet: a small certificate authority of the event's
own and a server certificate it signs, made with `cryptography` on first use and kept
in the keys folder (kiosk/keys.py). No Flask here.

A phone or tablet trusts the event's CA once (README: "Phones"); from then on the hub's
HTTPS address opens without a warning and the browser lets the kiosk page use the
camera. The server certificate names the hub's host name, `localhost` and every address
the hub has on the venue network; when the hub finds itself at an address its
certificate does not name (another venue, another DHCP lease), it signs a new one with
the same CA, so phones need not trust anything again.
"""

import datetime
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from . import keys

CA_DAYS = 825  # the longest a phone accepts for a certificate it was told to trust
SERVER_DAYS = 397


@dataclass
class Files:
    ca: Path  # the CA certificate (public): what a phone installs
    cert: Path  # the server certificate
    key: Path  # the server's private key (owner only)
    fingerprint: str  # SHA-256 of the CA certificate, to compare on the phone
    names: list  # the names and addresses the server certificate covers


def addresses(bind_host: str | None = None) -> list:
    """This machine's names and addresses a phone might use to reach it."""
    names = {"localhost", socket.gethostname()}
    found = {"127.0.0.1"}
    try:
        found.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None,
                                                                socket.AF_INET))
    except OSError:
        pass
    try:  # the address of the default route, without sending anything
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            found.add(probe.getsockname()[0])
    except OSError:
        pass
    if bind_host and bind_host not in ("0.0.0.0", "::"):
        try:
            found.add(str(ipaddress.ip_address(bind_host)))
        except ValueError:
            names.add(bind_host)
    return sorted(names) + sorted(found)


def ensure(db_path, bind_host: str | None = None) -> Files:
    """The CA and a server certificate covering this machine's addresses, made or
    renewed as needed, in the keys folder of `db_path`."""
    folder = keys.folder_for(db_path)
    ca_cert, ca_key = _authority(folder)
    wanted = addresses(bind_host)
    cert_path, key_path = folder / "tls-server.pem", folder / "tls-server.key"
    if not _covers(cert_path, wanted, ca_cert):
        _sign_server(ca_cert, ca_key, wanted, cert_path, key_path)
    fingerprint = ca_cert.fingerprint(hashes.SHA256()).hex(":").upper()
    return Files(folder / "tls-ca.pem", cert_path, key_path, fingerprint, wanted)


def _now():
    return datetime.datetime.now(datetime.UTC)


def _write_key(path: Path, key) -> None:
    keys.write(path.parent, path.name, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode().strip())


def _authority(folder: Path):
    cert_path, key_path = folder / "tls-ca.pem", folder / "tls-ca.key"
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        if cert.not_valid_after_utc > _now() + datetime.timedelta(days=30):
            return cert, serialization.load_pem_private_key(key_path.read_bytes(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Điểm danh Đại hội — CA nội bộ"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, socket.gethostname())])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(_now() - datetime.timedelta(days=1))
            .not_valid_after(_now() + datetime.timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    _write_key(key_path, key)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def _covers(cert_path: Path, wanted: list, ca_cert) -> bool:
    """Whether the kept server certificate names every wanted address, was signed by
    this CA and has a month left."""
    if not cert_path.exists():
        return False
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    if cert.issuer != ca_cert.subject or \
            cert.not_valid_after_utc < _now() + datetime.timedelta(days=30):
        return False
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    held = set(names.get_values_for_type(x509.DNSName)) | \
        {str(a) for a in names.get_values_for_type(x509.IPAddress)}
    return set(wanted) <= held


def _sign_server(ca_cert, ca_key, wanted: list, cert_path: Path, key_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    alt = []
    for name in wanted:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, wanted[0])]))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(_now() - datetime.timedelta(days=1))
            .not_valid_after(_now() + datetime.timedelta(days=SERVER_DAYS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    _write_key(key_path, key)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
