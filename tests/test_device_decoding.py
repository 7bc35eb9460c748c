"""Camera frames read on the device: the kiosk page decodes them in a worker with the
vendored ZXing-C++ WebAssembly build, over HTTPS with the hub's own certificate, and
sends the hub the code, not the frame (issue: phones at both ends)."""

import base64
import hashlib
from pathlib import Path

import numpy as np
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import expect

from kiosk import accounts, tls
from kiosk.web.server import free_port

from helpers import badge_in_frame, camera_browser, running_hub, write_y4m

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "kiosk" / "web" / "static" / "vendor" / "zxing-wasm"


def test_the_vendored_decoder_is_the_pinned_one():
    """The committed copies are what scripts/vendor-zxing-wasm took from the registry
    (checked there against npm's sha512), byte for byte."""
    script = (ROOT / "scripts" / "vendor-zxing-wasm").read_text()
    version = next(line.split("=")[1] for line in script.splitlines()
                   if line.startswith("VERSION="))
    assert (VENDOR / "VERSION").read_text().startswith(f"zxing-wasm {version} (npm)")
    sums = [line.split() for line in (VENDOR / "SHA256SUMS").read_text().splitlines()]
    assert {name for _, name in sums} == {"zxing-reader.js", "zxing_reader.wasm", "LICENSE"}
    for digest, name in sums:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def spki_pin(cert_path: Path) -> str:
    """The base64 SHA-256 of a certificate's public key: Chromium trusts exactly it."""
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@pytest.mark.server
def test_over_https_the_page_reads_the_badge_and_sends_no_frame(
        playwright_driver, event_path, kdb, tmp_path):
    """A phone's view: the hub's HTTPS page with a camera that shows an empty hall for
    a second and a half, then a badge, over and over. The badge is read in the page,
    checked in once (method camera), and no frame reaches the hub; everything the page
    loads comes from the hub itself."""
    token = accounts.issue_station_token(kdb, "dien-thoai-1")
    hall = np.full((480, 640), 90, np.uint8)
    video = tmp_path / "hall-then-badge.y4m"
    write_y4m(video, [hall] * 45 + [badge_in_frame(kdb, "CN031", tmp_path)] * 15)
    files = tls.ensure(event_path)
    tls_port = free_port()
    with running_hub(event_path, "--tls", "--tls-port", str(tls_port)):
        pin = f"--ignore-certificate-errors-spki-list={spki_pin(files.cert)}"
        with camera_browser(playwright_driver, video, pin) as browser:
            page = browser.new_page()
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            base = f"https://127.0.0.1:{tls_port}"
            page.goto(f"{base}/kiosk?token={token}")
            assert page.evaluate("window.isSecureContext")
            page.select_option("#session", "tru-bi")
            page.click("text=Camera")
            expect(page.locator("#camera")).to_have_attribute("data-decoder", "device",
                                                              timeout=15000)
            expect(page.locator("#status")).to_have_class("status ok", timeout=10000)
            expect(page.locator("#who-name")).to_have_text(
                kdb.execute("SELECT name FROM delegates WHERE code = 'CN031'").fetchone()[0])
            page.wait_for_timeout(3000)  # the badge comes round again: no second check-in
    assert kdb.execute("SELECT result, method FROM checkins").fetchall() == [("ok", "camera")]
    assert not [url for url in requests if "/api/scan" in url], "a frame went to the hub"
    assert f"{base}/static/vendor/zxing-wasm/zxing_reader.wasm" in requests
    assert all(url.startswith(base) for url in requests), "the page looked beyond the hub"
