"""The Flask application factory: the config, then the parts, each wired by its own
`init_app`. Nothing is made at import time."""

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

from . import accounts
from . import db as store
from .web import errors, shared, stream, views


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without building the signer for a request that
    carries no cookie (a station's API call with its bearer token)."""

    def open_session(self, app, request):
        if not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)

    def get_cookie_secure(self, app) -> bool:
        """Secure when given over HTTPS (`kiosk serve --tls` serves both ports): a login
        made on the TLS port is never sent back in clear over the plain one."""
        return bool(app.config["SESSION_COOKIE_SECURE"]
                    or (has_request_context() and request.is_secure))


# Every answer: no sniffing, no framing by another site, no address leaking onwards
# (the kiosk is first opened with its token in the address), and a Content Security
# Policy that allows scripts, styles, fonts and connections from the hub itself only,
# and no inline script: markup that slipped into a page could not run. 'wasm-unsafe-eval'
# lets the kiosk's decoder worker compile the hub's own WebAssembly QR reader; it allows
# no eval of JavaScript.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
       "media-src 'self' blob: mediastream:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                    "Referrer-Policy": "no-referrer", "Content-Security-Policy": CSP}


def _with_security_headers(wsgi_app):
    """Add SECURITY_HEADERS to every answer at the WSGI level: a list append, where a
    Flask after_request hook cost ~30 µs a request (measured)."""
    extra = list(SECURITY_HEADERS.items())

    def app(environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, headers + extra, exc_info)

        return wsgi_app(environ, start)

    return app


def create_app(config: dict | None = None) -> Flask:
    """Build the hub app (or a station's, with `config["UPSTREAM"]`). `config["DATABASE"]`
    names the event database (default: $KIOSK_DB or ./event.db). The session key comes
    from the keys folder beside it (kiosk/keys.py), generated on first use, unless the
    config gives one."""
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static")
    app.json.ensure_ascii = False  # Vietnamese stays readable in responses
    app.json.sort_keys = False  # answers keep their written order, and cost less
    app.session_interface = CookieSessions()
    app.config.update(
        DATABASE=os.environ.get("KIOSK_DB", "event.db"),
        MAX_CONTENT_LENGTH=4 * 1024 * 1024,  # a 1080p JPEG frame is well under this
        KIOSK_RESET_SECONDS=2.0,
        STREAM_KEEPALIVE=stream.KEEPALIVE_SECONDS,  # seconds between beats on idle streams
        STREAMS_PER_CREDENTIAL=50,  # open screens per station token, login or share link
        STREAMS_TOTAL=1000,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(days=3),
        WTF_CSRF_TIME_LIMIT=None,  # a kiosk page stays open all day
    )
    app.config.update(config or {})
    app.config["DATABASE"] = str(Path(app.config["DATABASE"]).resolve())
    store.connect(app.config["DATABASE"]).close()  # creates and migrates before serving
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = accounts.session_secret(app.config["DATABASE"])
    shared.init_app(app)  # the batcher, the stream's broadcaster, doors, login guard, link
    views.init_app(app, CSRFProtect(app))
    errors.init_app(app)
    app.wsgi_app = _with_security_headers(app.wsgi_app)
    return app
