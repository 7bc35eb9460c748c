"""`kiosk serve`, `kiosk demo`, `kiosk backup`, `kiosk rehearsal`: the hub while it runs
(the record it leaves, printed, checked and purged: records.py)."""

from pathlib import Path

import click

from badges.cli import fail

from .options import DB_OPTION, cli_actor, stopped


@click.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for the venue network).")
@click.option("--port", default=8000, show_default=True)
@click.option("--threads", default=32, show_default=True, type=click.IntRange(2, 256),
              help="Worker threads answering requests (open live streams do not use them).")
@click.option("--per-address", default=100, show_default=True, type=click.IntRange(4, 10000),
              help="Open connections allowed from one address; more are closed at once.")
@click.option("--max-connections", default=2000, show_default=True,
              type=click.IntRange(16, 100000),
              help="Open connections in all (kept below the open-file limit); past three "
                   "quarters, an address holding several already is refused a new one.")
@click.option("--header-seconds", default=10.0, show_default=True,
              type=click.FloatRange(1, 120),
              help="Seconds a client has to send a request's headers before it is cut off.")
@click.option("--reset-seconds", default=2.0, show_default=True,
              type=click.FloatRange(0.5, 60),
              help="How long the kiosk shows an answer before it is ready again.")
@click.option("--tls", is_flag=True,
              help="Also serve HTTPS (phones' cameras need it), with a certificate made "
                   "and kept in the keys folder beside the database.")
@click.option("--tls-port", default=8443, show_default=True, help="The HTTPS port.")
@click.option("--backup-dir", type=click.Path(file_okay=False),
              help="Keep rolling, checked copies of the database in this folder (a second "
                   "disk, a USB stick) while serving.")
@click.option("--backup-every", default=300.0, show_default=True,
              type=click.FloatRange(5, 86400), help="Seconds between those copies.")
def serve(db_path, host, port, threads, per_address, max_connections, header_seconds,
          reset_seconds, tls, tls_port, backup_dir, backup_every):
    """Run the hub (uvicorn) on the event database."""
    from ..app import create_app
    from ..web.server import serve as run

    if not Path(db_path).exists():
        fail(f"Không có {db_path}; hãy 'badges import ROSTER --db {db_path}' trước.")
    app = create_app({"DATABASE": db_path, "KIOSK_RESET_SECONDS": reset_seconds,
                      "TLS_PORT": tls_port if tls else None, "BIND_HOST": host})
    click.echo(f"Hub: http://{host}:{port}/  (CSDL {db_path})")
    _clock(app)
    if backup_dir:  # after create_app: the schema is migrated by then
        import threading

        from ..core import backups

        click.echo(f"Sao lưu vào {backup_dir} mỗi {backup_every:g} giây (giữ 10 bản).")
        threading.Thread(target=backups.rolling, daemon=True, name="backups",
                         args=(db_path, backup_dir, backup_every, 10, threading.Event(),
                               click.echo)).start()
    _holds(db_path)
    certificate = _tls(db_path, host, tls_port) if tls else None
    stopped(db_path, run(app, host, port, threads, per_address, header_seconds, certificate,
                         tls_port, max_connections))


def _clock(app) -> None:
    """The hub's own time at start, to compare with a phone (a spare in another time zone
    is hours off), and from then on a line for each door whose clock is more than a
    minute from it (web/doors.py)."""
    from ..core import clock
    from ..web import doors, shared

    now = clock.utcnow().astimezone(clock.HANOI).strftime("%H:%M:%S ngày %d/%m/%Y")
    click.echo(f"Giờ máy hub: {now} (giờ Hà Nội); hãy so với điện thoại. Trạm nào lệch "
               f"quá {doors.CLOCK_OFF_AFTER // 60} phút sẽ được báo ở đây và trên /dashboard.")
    shared.of(app).doors.say = click.echo


def _holds(db_path) -> None:
    """What this database holds up to: on a spare started from a backup, the desk redoes
    what it did after that moment (the doors send their check-ins again by themselves)."""
    from .. import db as store
    from ..core import clock

    db = store.connect(db_path)
    latest = store.latest_records(db)
    db.close()
    said = {k: (clock.parse(v).astimezone(clock.HANOI).strftime("%H:%M:%S ngày %d/%m/%Y")
                if v else "chưa có") for k, v in latest.items()}
    click.echo(f"CSDL này có lượt điểm danh đến {said['checkin']}, thao tác của bàn hỗ trợ "
               f"và Ban Tổ chức đến {said['action']}.")


def _tls(db_path, host, tls_port):
    """Make or renew the certificate, and say how a phone trusts it."""
    from .. import tls

    files = tls.ensure(db_path, host)
    if host in ("0.0.0.0", "::"):  # the venue network: the address phones will use
        shown = [a for a in files.names if a not in ("localhost", "127.0.0.1")]
        host = shown[-1] if shown else host
    click.echo(f"HTTPS: https://{host}:{tls_port}/  "
               f"(tên và địa chỉ trong chứng chỉ: {', '.join(files.names)})")
    click.echo(f"Chứng chỉ gốc cho điện thoại: {files.ca}  (tải tại /ca.pem)")
    click.echo(f"Dấu vân tay SHA-256 để đối chiếu trên điện thoại: {files.fingerprint}")
    return files


@click.command()
@click.option("--dir", "folder", default="demo", show_default=True, type=click.Path(),
              help="Where the demo event, roster and badge PDF live.")
@click.option("--port", default=8000, show_default=True, help="0 picks a free port.")
@click.option("--no-serve", is_flag=True, help="Prepare and print, but do not start the hub.")
@click.option("--tls", is_flag=True, help="Also serve HTTPS on --tls-port (phones' cameras).")
@click.option("--tls-port", default=8443, show_default=True, help="The HTTPS port.")
def demo(folder, port, no_serve, tls, tls_port):
    """Create (or reuse) a 500-delegate demo event and start the hub on 127.0.0.1."""
    from ..app import create_app
    from ..web.server import free_port
    from ..web.server import serve as run
    from . import demo_event

    ready = demo_event.prepare(folder)
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    click.echo(("Đã tạo" if ready.created else "Dùng lại") + f" sự kiện demo: {ready.db_path}")
    if not ready.created:
        click.echo("Giữ nguyên mật khẩu và mã trạm của lần chạy trước: các trang đang mở vẫn "
                   "dùng được." if ready.kept else "Cấp lại mật khẩu và mã trạm (bản cũ không "
                   "còn dùng được).")
    if ready.moved:
        click.echo(f"Lịch demo đặt quanh giờ hiện tại: {ready.schedule}. Đặt ngày thật: "
                   f"badges sessions --db {ready.db_path} --set chinh-thuc --starts "
                   "\"2026-12-16 07:30\" --ends \"2026-12-16 12:00\"")
    click.echo(f"Thẻ đại biểu (PDF):   {ready.pdf_path.resolve()}")
    click.echo(f"Màn hình điểm danh:   {base}/kiosk?token={ready.token}")
    click.echo(f"Bảng điều khiển:      {base}/dashboard")
    click.echo(f"Bàn hỗ trợ:           {base}/admin  (thiết lập: {base}/admin/setup)")
    click.echo(f"Sân khấu (khen thưởng): {base}/stage")
    click.echo(f"Sơ đồ chỗ ngồi:       {base}/hall  (in khổ A3: {base}/hall.pdf)")
    click.echo(f"Dẫn chương trình:     {base}/mc")
    click.echo(f"Trưởng đoàn (liên kết từng đoàn): kiosk delegation-links --db {ready.db_path} "
               f"--base {base} --out {Path(folder) / 'lien-ket-doan'}")
    click.echo(f"Ban Tổ chức đăng nhập: {base}/login  tài khoản {demo_event.ORGANISER} / "
               f"mật khẩu {ready.password}")
    click.echo(f"Mã trạm ({demo_event.STATION}) cho API: {ready.token}")
    certificate = _tls(ready.db_path, "127.0.0.1", tls_port) if tls else None
    if no_serve:
        return
    click.echo("Nhấn Ctrl+C để dừng.")
    stopped(ready.db_path, run(create_app({"DATABASE": str(ready.db_path),
                                           "TLS_PORT": tls_port if tls else None,
                                           "BIND_HOST": "127.0.0.1"}),
                               "127.0.0.1", port, tls=certificate, tls_port=tls_port))


@click.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(),
              help="Where to write the copy (e.g. on a USB stick); with --every, a folder.")
@click.option("--every", type=click.FloatRange(5, 86400),
              help="Keep making checked copies into the folder --out, this many seconds "
                   "apart, until Ctrl+C.")
@click.option("--keep", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="With --every: how many of the newest copies to keep.")
def backup(db_path, out, every, keep):
    """Copy the event database safely, even while the hub is checking people in."""
    from .. import db as store

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    if Path(out).resolve() == Path(db_path).resolve():
        fail("--out phải khác --db.")
    if every:
        import threading

        from ..core import backups

        store.connect(db_path).close()  # migrated once here; the copies never migrate
        click.echo(f"Sao lưu {db_path} vào {out} mỗi {every:g} giây, giữ {keep} bản mới nhất. "
                   "Nhấn Ctrl+C để dừng.")
        try:
            backups.rolling(db_path, out, every, keep, threading.Event(), click.echo)
        except KeyboardInterrupt:
            return
        return
    try:
        held = store.backup_to(store.connect(db_path), Path(out))
    except (store.BackupFailed, OSError) as exc:
        fail(f"chưa sao lưu được: {exc}")
    click.echo(f"Đã sao lưu {held['delegates']} đại biểu, {held['checkins']} lượt điểm danh "
               f"vào {out} ({held['bytes'] / 1e6:.1f} MB).")


@click.command()
@click.argument("action", type=click.Choice(["on", "off", "clear", "status"]))
@DB_OPTION
def rehearsal(action, db_path):
    """The kiosks' rehearsal: on (every kiosk checks into a session of its own, kept
    apart), off (back to the programme), clear (its check-ins undone), status."""
    from .. import db as store
    from ..services import records

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    db = store.connect(db_path)
    if action in ("on", "off"):
        records.switch_rehearsal(db, action == "on", cli_actor())
    cleared = records.clear_rehearsal(db, cli_actor()) if action == "clear" else 0
    state = "đang diễn tập" if store.rehearsal_on(db) else "không diễn tập"
    held = len(store.live_checkins_of(db, store.REHEARSAL))
    click.echo((f"Đã xóa {cleared} lượt diễn tập. " if action == "clear" else "")
               + f"Trạng thái: {state}; còn giữ {held} lượt diễn tập.")


COMMANDS = [serve, demo, backup, rehearsal]
