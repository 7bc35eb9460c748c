"""`kiosk token`, `kiosk organiser`: who may use the hub."""

import click

from badges.cli import fail
from badges.errors import BadgesError

from .options import DB_OPTION


@click.command()
@DB_OPTION
@click.option("--station", help="Station name to issue a new credential for.")
@click.option("--revoke", "revoke_name", metavar="NAME", help="Withdraw station NAME's credential.")
@click.option("--pair-url", metavar="URL",
              help="The hub's address for phones (e.g. https://192.168.1.10:8443): also "
                   "print a QR code of its kiosk page with this credential, for a phone's "
                   "camera app.")
def token(db_path, station, revoke_name, pair_url):
    """Issue (or with --revoke, withdraw) a station's bearer token."""
    from .. import accounts
    from .. import db as store

    if bool(station) == bool(revoke_name):
        fail("dùng đúng một trong --station NAME hoặc --revoke NAME.")
    db = store.connect(db_path)
    try:
        if revoke_name:
            accounts.revoke_station(db, revoke_name)
            click.echo(f"Đã thu hồi mã của trạm {revoke_name}.")
            return
        value = accounts.issue_station_token(db, station)
    except BadgesError as exc:
        fail(str(exc))
    if pair_url:
        import io

        import qrcode

        link = f"{pair_url.rstrip('/')}/kiosk?token={value}"
        code = qrcode.QRCode(border=2)
        code.add_data(link)
        text = io.StringIO()
        code.print_ascii(out=text, invert=True)
        click.echo(f"Quét bằng camera điện thoại để mở màn hình điểm danh của {station}:")
        click.echo(text.getvalue())
        click.echo(link)
    click.echo(f"Mã mới của trạm {station} (mã cũ, nếu có, hết hiệu lực):")
    click.echo(value)


@click.command()
@DB_OPTION
@click.option("--user", required=True, help="The organiser's login name.")
@click.option("--password", help="Set this password (default: generate one and print it).")
def organiser(db_path, user, password):
    """Create an organiser login (dashboard, undo, exports) or reset its password."""
    from .. import accounts
    from .. import db as store

    if password is not None and len(password) < 10:
        fail("mật khẩu phải có ít nhất 10 ký tự.")
    db = store.connect(db_path)
    chosen = accounts.set_organiser_password(db, user, password)
    click.echo(f"Tài khoản Ban Tổ chức '{user}' đã sẵn sàng.")
    if password is None:
        click.echo("Mật khẩu (chỉ hiện một lần):")
        click.echo(chosen)


COMMANDS = [token, organiser]
