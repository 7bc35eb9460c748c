"""HTTPS for the hub without the internet: a small certificate authority of the event's
own and a server certificate it signs, made with `cryptography` on first use and kept
in the keys folder (kiosk/keys.py). No Flask here.

A phone or tablet trusts the event's CA once (README: "Phones"); from then on the hub's
HTTPS address opens without a warning and the browser lets the kiosk page use the
camera. The server certificate names the hub's host name, `localhost` and every address
the hub has on the venue network.

A CA a phone trusts could vouch for any site; this one cannot: its name constraints
(critical) allow only the hub's own names, the /24 networks of its addresses and
loopback; it lasts the event's weeks (90 days), and its private key is never written
anywhere: it signs the server certificate and is dropped. When the hub finds itself at
an address its certificate does not name (another venue, another DHCP lease) or the
certificate nears its end, a new CA is made and phones trust it once more.
"""

import datetime
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from . import keys

CA_DAYS = 90  # the event's weeks, not the 825 days a phone would accept
SERVER_DAYS = 90
RENEW_DAYS = 14  # made anew when less than this is left


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
    """The CA and a server certificate covering this machine's addresses, made anew when
    needed, in the keys folder of `db_path`; the CA's key is never kept."""
    folder = keys.folder_for(db_path)
    wanted = addresses(bind_host)
    ca_path = folder / "tls-ca.pem"
    cert_path, key_path = folder / "tls-server.pem", folder / "tls-server.key"
    ca_cert = x509.load_pem_x509_certificate(ca_path.read_bytes()) if ca_path.exists() \
        else None
    if ca_cert is None or not _covers(cert_path, wanted, ca_cert):
        ca_cert, ca_key = _authority(wanted)
        _sign_server(ca_cert, ca_key, wanted, cert_path, key_path)
        ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
        del ca_key  # signed with and dropped: a thief of the hub cannot vouch with it
    (folder / "tls-ca.key").unlink(missing_ok=True)  # one an earlier version kept
    fingerprint = ca_cert.fingerprint(hashes.SHA256()).hex(":").upper()
    return Files(ca_path, cert_path, key_path, fingerprint, wanted)


def _now():
    return datetime.datetime.now(datetime.UTC)


def _write_key(path: Path, key) -> None:
    keys.write(path.parent, path.name, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode().strip())


def _permitted(wanted: list) -> list:
    """What the CA may vouch for: the hub's names, the /24 of each IPv4 address it has
    (a new DHCP lease on the same network stays inside), loopback."""
    subtrees, nets = [], {ipaddress.ip_network("127.0.0.0/8")}
    for name in wanted:
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            subtrees.append(x509.DNSName(name))
            continue
        prefix = 24 if address.version == 4 else 64
        nets.add(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
    return subtrees + [x509.IPAddress(net) for net in sorted(nets, key=str)]


def _authority(wanted: list):
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
            .add_extension(x509.NameConstraints(permitted_subtrees=_permitted(wanted),
                                                excluded_subtrees=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    return cert, key


def _covers(cert_path: Path, wanted: list, ca_cert) -> bool:
    """Whether the kept server certificate names every wanted address, was signed by
    this CA and has a month left."""
    if not cert_path.exists():
        return False
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    try:
        cert.verify_directly_issued_by(ca_cert)  # signed by this CA, not an earlier one
    except (ValueError, TypeError, InvalidSignature):
        return False
    if min(cert.not_valid_after_utc, ca_cert.not_valid_after_utc) < \
            _now() + datetime.timedelta(days=RENEW_DAYS):
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
