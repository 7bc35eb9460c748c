"""`kiosk token`, `kiosk organiser`, `kiosk user`: who may use the hub."""

import click

from badges.cli import fail

from ..core.refusal import Refusal
from .options import DB_OPTION, cli_actor


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
    from .. import db as store
    from ..services import logins

    if bool(station) == bool(revoke_name):
        fail("dùng đúng một trong --station NAME hoặc --revoke NAME.")
    db = store.connect(db_path)
    try:
        if revoke_name:
            logins.revoke_station(db, revoke_name, cli_actor())
        else:
            value = logins.issue_station(db, station, cli_actor())
    except Refusal as exc:
        fail(str(exc))
    if revoke_name:
        click.echo(f"Đã thu hồi mã của trạm {revoke_name}.")
        return
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
@click.option("--base", default="http://127.0.0.1:8000", show_default=True,
              help="The hub's address as the projector reaches it.")
@click.option("--renew", is_flag=True,
              help="Make a new link: the old one, and the projectors it opened, stop.")
def share(db_path, base, renew):
    """The projector's read-only link (counts, no personal data), alone on the last line;
    with --renew a new one."""
    from .. import accounts as credentials
    from .. import db as store
    from ..services import logins

    db = store.connect(db_path)
    token = logins.renew_share(db, cli_actor()) if renew else credentials.share_token(db)
    if renew:
        click.echo("Đã đổi liên kết trình chiếu; liên kết cũ ngừng hoạt động.")
    click.echo(f"{base.rstrip('/')}/share/{token}")


@click.command()
@DB_OPTION
@click.option("--user", required=True, help="The organiser's login name.")
@click.option("--password", help="Set this password (default: generate one and print it).")
def organiser(db_path, user, password):
    """Create an organiser login (dashboard, undo, exports) or reset its password."""
    _set_login(db_path, user, password, "organiser")


def _set_login(db_path, name, password, role):
    from .. import accounts
    from .. import db as store
    from ..services import logins

    try:
        chosen, _ = logins.set_login(store.connect(db_path), name, password, role,
                                     cli_actor())
    except Refusal as exc:
        fail(str(exc))
    click.echo(f"Tài khoản '{name}' ({role}: {accounts.ROLES[role]}) đã sẵn sàng; "
               "phiên đăng nhập cũ của nó đã kết thúc.")
    if password is None:
        click.echo("Mật khẩu (chỉ hiện một lần):")
        click.echo(chosen)


@click.group()
def user():
    """Logins and their roles: organiser, desk, volunteer, viewer."""


@user.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["organiser", "desk", "volunteer",
                                                          "viewer"]),
              help="organiser: everything; desk: the help desk (sees phone numbers); "
                   "volunteer: the kiosk page only; viewer: the projector.")
@click.option("--password", help="Set this password (default: generate one and print it).")
@DB_OPTION
def user_add(name, role, password, db_path):
    """Create a login with a role, or reset its password and role."""
    _set_login(db_path, name, password, role)


@user.command("list")
@DB_OPTION
def user_list(db_path):
    """The logins and their roles (never their passwords)."""
    from .. import accounts
    from .. import db as store

    for row in accounts.list_users(store.connect(db_path)):
        click.echo(f"{row['username']}\t{row['role']}\t{row['created_at'][:16]}")


@user.command("remove")
@click.argument("name")
@DB_OPTION
def user_remove(name, db_path):
    """Remove a login; its open sessions end at their next request. The last organiser
    stays (`kiosk organiser` makes another first)."""
    from .. import db as store
    from ..services import logins

    try:
        logins.remove_login(store.connect(db_path), name, cli_actor())
    except Refusal as exc:
        fail(str(exc))
    click.echo(f"Đã xóa tài khoản '{name}'.")


@click.command("delegation-links")
@DB_OPTION
@click.option("--base", default="http://127.0.0.1:8000", show_default=True,
              help="The hub's address as the heads' phones reach it (https://… with --tls).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder for one QR picture (PNG) per delegation.")
@click.option("--revoke", "revoked", metavar="DELEGATION",
              help="Withdraw DELEGATION's link at once (a new run issues new links).")
def delegation_links(db_path, base, out_dir, revoked):
    """A sign-in link per delegation for its head, `DELEGATION<TAB>URL` a line, and a QR
    picture of each in --out (issue 31); each run issues new links and the old ones stop.
    With --revoke DELEGATION, withdraw that one."""
    from .. import db as store
    from ..services import delegation

    if bool(out_dir) == bool(revoked):
        fail("dùng đúng một trong --out DIR (cấp liên kết) hoặc --revoke DELEGATION.")
    db = store.connect(db_path)
    try:
        if revoked:
            delegation.revoke_link(db, revoked, cli_actor())
            click.echo(f"Đã thu hồi liên kết của {revoked}.")
            return
        made = delegation.issue_links(db, cli_actor())
    except Refusal as exc:
        fail(str(exc))
    if not made:
        fail("danh sách đại biểu chưa có đoàn nào (cột Đoàn).")
    for name, url in _links(base, made, out_dir):
        click.echo(f"{name}\t{url}")


@click.command("delegation-head")
@DB_OPTION
@click.argument("code", required=False)
@click.option("--remove", is_flag=True, help="CODE no longer heads their delegation.")
def delegation_head(db_path, code, remove):
    """Make delegate CODE the head (trưởng đoàn) of their delegation, whoever was no longer
    (--remove: no longer the head). Without CODE, list every delegation with its head."""
    from .. import db as store
    from ..services import people

    db = store.connect(db_path)
    if code:
        try:
            made = people.set_head(db, code, not remove, cli_actor())
        except Refusal as exc:
            fail(str(exc))
        head = made["head"]
        click.echo(f"{made['delegation']}: " + (f"trưởng đoàn {head['name']} ({head['code']})"
                                               if head else "chưa có trưởng đoàn"))
        return
    for row in people.heads(db):
        head = row["head"]
        click.echo(f"{row['delegation']}\t" + (f"{head['name']} ({head['code']})" if head
                                               else "(chưa có trưởng đoàn)"))


def _links(base: str, made: list, out_dir: str):
    """(delegation, URL) for each link, its QR picture written into `out_dir` as
    NN-<delegation in ASCII>.png (NN: the official order)."""
    import re
    from pathlib import Path

    import qrcode

    from badges.text import fold

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for number, (name, secret) in enumerate(made, 1):
        url = f"{base.rstrip('/')}/doan/{secret}"
        slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:60] or "doan"
        qrcode.make(url, border=2).save(folder / f"{number:02d}-{slug}.png")
        yield name, url


COMMANDS = [share, token, organiser, user, delegation_links, delegation_head]
