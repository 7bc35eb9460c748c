"""The `kiosk` command: the hub, the demo, station credentials and QR decoding."""

import sys
import time
from pathlib import Path

import click

from badges.cli import db_option, fail
from badges.errors import BadgesError

DB_OPTION = db_option("The event database (SQLite file).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Check-in at the doors: hub, stations, demo, decoding."""


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for the venue network).")
@click.option("--port", default=8000, show_default=True)
@click.option("--threads", default=64, show_default=True,
              help="Server threads: each open dashboard or kiosk holds one for its live "
                   "stream; size for screens + 30.")
@click.option("--reset-seconds", default=2.0, show_default=True,
              type=click.FloatRange(0.5, 60),
              help="How long the kiosk shows an answer before it is ready again.")
def serve(db_path, host, port, threads, reset_seconds):
    """Run the hub (waitress) on the event database."""
    from .app import create_app
    from .server import serve as run

    if not Path(db_path).exists():
        fail(f"Không có {db_path}; hãy 'badges import ROSTER --db {db_path}' trước.")
    app = create_app({"DATABASE": db_path, "KIOSK_RESET_SECONDS": reset_seconds})
    click.echo(f"Hub: http://{host}:{port}/  (CSDL {db_path})")
    run(app, host, port, threads)


@main.command()
@click.option("--dir", "folder", default="demo", show_default=True, type=click.Path(),
              help="Where the demo event, roster and badge PDF live.")
@click.option("--port", default=8000, show_default=True, help="0 picks a free port.")
@click.option("--no-serve", is_flag=True, help="Prepare and print, but do not start the hub.")
def demo(folder, port, no_serve):
    """Create (or reuse) a 500-delegate demo event and start the hub on 127.0.0.1."""
    from . import demo as demo_event
    from .app import create_app
    from .server import free_port
    from .server import serve as run

    ready = demo_event.prepare(folder)
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    click.echo(("Đã tạo" if ready.created else "Dùng lại") + f" sự kiện demo: {ready.db_path}")
    click.echo(f"Thẻ đại biểu (PDF):   {ready.pdf_path.resolve()}")
    click.echo(f"Màn hình điểm danh:   {base}/kiosk?token={ready.token}")
    click.echo(f"Bảng điều khiển:      {base}/dashboard")
    click.echo(f"Ban Tổ chức đăng nhập: {base}/login  tài khoản {demo_event.ORGANISER} / "
               f"mật khẩu {ready.password}")
    click.echo(f"Mã trạm ({demo_event.STATION}) cho API: {ready.token}")
    if no_serve:
        return
    click.echo("Nhấn Ctrl+C để dừng.")
    run(create_app({"DATABASE": str(ready.db_path)}), "127.0.0.1", port)


@main.command()
@click.option("--upstream", required=True, metavar="URL",
              help="The hub's address on the venue network, e.g. http://192.168.1.10:8000")
@click.option("--token", required=True, envvar="KIOSK_STATION_TOKEN",
              help="This station's credential from `kiosk token` on the hub "
                   "(or $KIOSK_STATION_TOKEN).")
@click.option("--db", "db_path", default="station.db", show_default=True,
              type=click.Path(dir_okay=False), help="This station's own database.")
@click.option("--port", default=8001, show_default=True)
@click.option("--every", default=2.0, show_default=True, type=click.FloatRange(0.5, 300),
              help="Seconds between sync rounds.")
def station(upstream, token, db_path, port, every):
    """An entrance station: the kiosk on 127.0.0.1 that keeps checking people in when the
    hub cannot be reached, and syncs with it whenever it can."""
    import threading

    from . import db as store
    from . import station as stations
    from .app import create_app
    from .server import serve as run

    db = store.connect(db_path)
    hub = stations.Upstream(upstream, token)
    try:
        name, local_token = stations.prepare(db, hub)
    except stations.Offline as exc:
        fail(f"{exc}. Lần chạy đầu cần kết nối hub để lấy danh sách đại biểu.")
    except stations.Refused as exc:
        fail(str(exc))
    app = create_app({"DATABASE": db_path, "UPSTREAM": upstream})
    stop = threading.Event()
    threading.Thread(target=stations.keep_in_sync, name="station-sync", daemon=True,
                     args=(db_path, hub, stop, every, click.echo,
                           app.extensions["kiosk_link"])).start()
    click.echo(f"Trạm {name}, đồng bộ với {upstream} mỗi {every:g} giây.")
    click.echo(f"Màn hình điểm danh: http://127.0.0.1:{port}/kiosk?token={local_token}")
    run(app, "127.0.0.1", port, threads=32)


@main.command()
@DB_OPTION
@click.option("--station", help="Station name to issue a new credential for.")
@click.option("--revoke", "revoke_name", metavar="NAME", help="Withdraw station NAME's credential.")
def token(db_path, station, revoke_name):
    """Issue (or with --revoke, withdraw) a station's bearer token."""
    from . import auth
    from . import db as store

    if bool(station) == bool(revoke_name):
        fail("dùng đúng một trong --station NAME hoặc --revoke NAME.")
    db = store.connect(db_path)
    try:
        if revoke_name:
            auth.revoke_station(db, revoke_name)
            click.echo(f"Đã thu hồi mã của trạm {revoke_name}.")
            return
        value = auth.issue_station_token(db, station)
    except BadgesError as exc:
        fail(str(exc))
    click.echo(f"Mã mới của trạm {station} (mã cũ, nếu có, hết hiệu lực):")
    click.echo(value)


@main.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="Where to write the copy (e.g. on a USB stick).")
def backup(db_path, out):
    """Copy the event database safely, even while the hub is checking people in."""
    from . import db as store

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    if Path(out).resolve() == Path(db_path).resolve():
        fail("--out phải khác --db.")
    try:
        held = store.backup_to(store.connect(db_path), Path(out))
    except (store.BackupFailed, OSError) as exc:
        fail(f"chưa sao lưu được: {exc}")
    click.echo(f"Đã sao lưu {held['delegates']} đại biểu, {held['checkins']} lượt điểm danh "
               f"vào {out} ({held['bytes'] / 1e6:.1f} MB).")


@main.command()
@DB_OPTION
@click.option("--user", required=True, help="The organiser's login name.")
@click.option("--password", help="Set this password (default: generate one and print it).")
def organiser(db_path, user, password):
    """Create an organiser login (dashboard, undo, exports) or reset its password."""
    from . import auth
    from . import db as store

    if password is not None and len(password) < 10:
        fail("mật khẩu phải có ít nhất 10 ký tự.")
    db = store.connect(db_path)
    chosen = auth.set_organiser_password(db, user, password)
    click.echo(f"Tài khoản Ban Tổ chức '{user}' đã sẵn sàng.")
    if password is None:
        click.echo("Mật khẩu (chỉ hiện một lần):")
        click.echo(chosen)


@main.command()
@DB_OPTION
@click.option("--session", "session_id", help="Session id (default: the current or latest).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "pdf"]), required=True,
              help="csv/xlsx: attendance, one row per delegate; pdf: the credentials report.")
@click.option("--out", required=True, type=click.Path(dir_okay=False))
def report(db_path, session_id, fmt, out):
    """Write the attendance export or the credentials report of a session."""
    from badges import db as badges_db

    from . import clock, reports
    from . import db as store

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    db = store.connect(db_path)
    sessions = badges_db.list_sessions(db)
    if session_id is None:
        session_id = clock.report_session(sessions)["id"]
    elif session_id not in {s["id"] for s in sessions}:
        fail(f"Không có phiên '{session_id}' (có: {', '.join(s['id'] for s in sessions)}).")
    reports.write(db, session_id, fmt, out)
    click.echo(f"Đã ghi {out} (phiên {session_id}).")


@main.command()
@click.option("--url", required=True, help="The station or hub, e.g. http://127.0.0.1:8000")
@click.option("--token", required=True, help="A station credential (kiosk token).")
@click.option("--device", type=int, default=0, show_default=True, help="Camera index.")
@click.option("--video", type=click.Path(exists=True, dir_okay=False),
              help="Read a video file instead of a camera.")
@click.option("--session", "session_id", help="Session id (default: the hub's current one).")
@click.option("--hold", default=3.0, show_default=True,
              help="Seconds a badge stays quiet after it was last seen.")
@click.option("--headless", is_flag=True, help="Print answers instead of showing a window.")
def camera(url, token, device, video, session_id, hold, headless):
    """Scan badges with a USB camera (or a video) and post check-ins."""
    from . import camera as loop

    window = not headless

    def show(answer, code):
        nonlocal window
        who = (answer.get("delegate") or {}).get("name", "")
        click.echo(f"{time.strftime('%H:%M:%S')}\t{code}\t{answer.get('result')}\t{who}")
        if window and not loop.show_window(answer, code):
            window = False
            click.echo("(OpenCV không có giao diện cửa sổ ở đây; chỉ in kết quả)", err=True)

    try:
        count = loop.run(video or device, loop.Poster(url, token, session_id), show, hold)
    except OSError as exc:
        fail(str(exc))
    click.echo(f"Đã gửi {count} lượt điểm danh.", err=True)


@main.command()
@click.argument("images", nargs=-1, required=True, type=click.Path())
def decode(images):
    """Print PATH<TAB>TEXT for the QR code in each image (TEXT empty when none)."""
    from . import scan

    status = 0
    for path in images:
        try:
            found = scan.decode_bytes(Path(path).read_bytes())
        except (OSError, scan.NotAnImage) as exc:
            click.echo(f"{path}: {exc}", err=True)
            found, status = [], 1
        click.echo(f"{path}\t{found[0].text if found else ''}")
    sys.exit(status)
