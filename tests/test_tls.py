"""HTTPS for phones: `kiosk serve --tls` with the event's own certificate authority (name-
constrained, short-lived, its key not kept), and the pairing QR code a phone opens."""

import pytest

from kiosk import accounts

from helpers import badge_payload, running_hub


@pytest.mark.server
def test_kiosk_serve_tls_answers_https_with_its_own_certificate(event_path, kdb):
    """HTTPS beside plain HTTP; the certificate is made once and kept (the same CA on the
    next start), names this machine, and a check-in over HTTPS is recorded."""
    import ssl

    from kiosk import tls
    from kiosk.client import HubClient
    from kiosk.web.server import free_port

    token = accounts.issue_station_token(kdb, "dien-thoai-1")
    tls_port = free_port()
    with running_hub(event_path, "--tls", "--tls-port", str(tls_port)) as (base, _):
        files = tls.ensure(event_path)
        https = HubClient(f"https://127.0.0.1:{tls_port}", token, cafile=str(files.ca))
        assert https.call("GET", "/healthz") == {"status": "ok"}
        answer = https.check_in(badge_payload(kdb, "CN040"), "tru-bi")
        assert answer["result"] == "ok"
        assert HubClient(base).call("GET", "/healthz") == {"status": "ok"}  # plain HTTP too
        with pytest.raises(Exception, match="CERTIFICATE_VERIFY_FAILED"):
            HubClient(f"https://127.0.0.1:{tls_port}", cafile=ssl.get_default_verify_paths()
                      .cafile).call("GET", "/healthz")  # a stranger's trust store: refused
        import urllib.request
        served = urllib.request.urlopen(f"{base}/ca.pem", timeout=5).read()
        assert served == files.ca.read_bytes()  # what a phone downloads to trust once
    again = tls.ensure(event_path)
    assert again.fingerprint == files.fingerprint  # kept, not made anew
    assert "127.0.0.1" in tls.addresses() and files.key.stat().st_mode & 0o077 == 0


def test_kiosk_token_prints_a_pairing_qr_a_phone_can_read(event_path, tmp_path):
    import cv2
    import numpy as np
    from click.testing import CliRunner

    from kiosk.cli import main
    from kiosk.qr.pipeline import Pipeline

    result = CliRunner().invoke(main, ["token", "--db", str(event_path), "--station",
                                       "dien-thoai-2", "--pair-url", "https://hub.local:8443"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    token = lines[-1]
    link = f"https://hub.local:8443/kiosk?token={token}"
    assert link in lines
    art = [line for line in lines if "█" in line or "▀" in line or "▄" in line]
    # draw the terminal's half-block QR as pixels and read it back
    rows = []
    for line in art:
        top = [0 if ch in "█▀" else 255 for ch in line]
        bottom = [0 if ch in "█▄" else 255 for ch in line]
        rows += [top, bottom]
    width = max(len(r) for r in rows)
    image = np.array([r + [255] * (width - len(r)) for r in rows], np.uint8)
    image = cv2.copyMakeBorder(image, 8, 8, 8, 8, cv2.BORDER_CONSTANT, value=255)
    image = cv2.resize(image, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    assert [found.text for found in Pipeline().decode(image)] == [link]


def test_the_events_ca_can_vouch_only_for_the_hub_and_its_key_is_not_kept(event_path):
    """A CA a phone trusts could vouch for any site, for years, its key beside the server.
    Now: name constraints (critical) to the hub's names, its /24 and loopback; 90 days;
    the key dropped once the server certificate is signed. The chain still verifies."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.x509 import verification

    from kiosk import keys, tls

    files = tls.ensure(event_path)
    ca = x509.load_pem_x509_certificate(files.ca.read_bytes())
    server = x509.load_pem_x509_certificate(files.cert.read_bytes())
    limits = ca.extensions.get_extension_for_class(x509.NameConstraints)
    assert limits.critical
    names = set(limits.value.permitted_subtrees.__iter__())
    assert x509.DNSName("localhost") in names
    assert x509.IPAddress(ipaddress.ip_network("127.0.0.0/8")) in names
    assert not any(isinstance(n, x509.DNSName) and n.value.endswith(".com") for n in names)
    assert ca.not_valid_after_utc - ca.not_valid_before_utc <= datetime.timedelta(days=91)
    assert not any(p.name.startswith("tls-ca.key") for p in keys.folder_for(event_path).iterdir())
    store_ = verification.Store([ca])
    verifier = verification.PolicyBuilder().store(store_).build_server_verifier(
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    verifier.verify(server, [])  # the hub's own certificate, within the constraints


@pytest.mark.server
def test_silent_connections_to_the_https_port_are_capped_and_cut_off(event_path, kdb):
    """1,100 silent TCP connections from one address to the HTTPS port once held every
    descriptor of a hub at 1,024 open files: asyncio counted nothing before a TLS handshake
    and waited 60 s for one. The port now caps them per address from the first byte and
    gives the handshake the header deadline; a phone elsewhere is served meanwhile."""
    import socket
    import time

    from test_connection_limits import closed_within

    from kiosk import tls
    from kiosk.client import HubClient
    from kiosk.web.server import free_port

    token = accounts.issue_station_token(kdb, "dien-thoai-2")
    tls_port = free_port()
    with running_hub(event_path, "--tls", "--tls-port", str(tls_port), "--per-address", "20",
                     "--header-seconds", "1") as (base, _):
        attackers = []
        for _ in range(60):  # a stranger at 127.0.0.2 opens and says nothing
            try:
                attackers.append(socket.create_connection(("127.0.0.1", tls_port), timeout=5,
                                                          source_address=("127.0.0.2", 0)))
            except OSError:
                pass
        time.sleep(0.3)
        held = [s for s in attackers if not closed_within(s, 0.05)]
        assert len(held) <= 20, len(held)  # the rest were closed at once
        files = tls.ensure(event_path)
        phone = HubClient(f"https://127.0.0.1:{tls_port}", token, cafile=str(files.ca))
        assert phone.check_in(badge_payload(kdb, "CN041"), "tru-bi")["result"] == "ok"
        started = time.monotonic()
        assert all(closed_within(s, 3) for s in held)  # the handshake deadline
        assert time.monotonic() - started < 3
        for sock in attackers:
            sock.close()
        assert phone.call("GET", "/healthz") == {"status": "ok"}
