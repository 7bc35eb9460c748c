"""`kiosk serve`, `kiosk demo`, `kiosk backup`, `kiosk report`: the hub and its files."""

import sys
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
@DB_OPTION
@click.option("--session", "session_id", help="Session id (default: the current or latest).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "pdf"]), required=True,
              help="csv/xlsx: attendance, one row per delegate; pdf: the report of --kind.")
@click.option("--out", required=True, type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(["thanh-phan", "tham-tra", "khen-thuong"]),
              help="pdf: thanh-phan, the organising committee's report on the delegates' "
              "composition (Báo cáo thành phần, cơ cấu, chất lượng đại biểu); tham-tra, the "
              "credentials committee's (finding 'đủ tư cách', proposing the vote); "
              "khen-thuong, the report of the honours (Báo cáo kết quả khen thưởng tại Đại "
              "hội). Default: the event's setting 'report_kind' (thanh-phan).")
@click.option("--quorum", help="pdf: the share of summoned delegates that must be present, "
              "'>1/2' or 'trên 1/2' (more than half), '>=2/3' or 'từ 2/3 trở lên' (two "
              "thirds or more); default: the event's setting 'quorum' (>1/2).")
@click.option("--rules", help="pdf: the congress's rules the quorum sentence cites; default: "
              "the event's setting 'rules' (Quy chế làm việc của Đại hội).")
@click.option("--article", help="pdf: the rules' article on the quorum ('Điều 5' or 5); "
              "default: the event's setting 'rules_article' (none: the rules alone).")
def report(db_path, session_id, fmt, out, kind, quorum, rules, article):
    """Write the attendance export or a report of a session: on the delegates (of the
    event's kind, or --kind) or on the honours."""
    from .. import db as store
    from ..core import clock
    from ..core.refusal import no_session
    from ..reports.credentials import BadKind
    from ..reports.quorum import BadRule
    from ..services import records

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    db = store.connect(db_path)
    sessions = store.list_sessions(db)
    if session_id is None:
        session_id = clock.report_session(sessions)["id"]
    elif session_id not in {s["id"] for s in sessions}:
        fail(f"{no_session(session_id)} Có: {', '.join(s['id'] for s in sessions)}.")
    try:  # the report is built in memory first: a bad rule leaves no file behind
        data, _, _ = records.export(db, session_id, fmt, cli_actor(), quorum, note=str(out),
                                    kind=kind, rules=rules, article=article)
    except (BadRule, BadKind) as exc:
        fail(str(exc))
    Path(out).write_bytes(data.getvalue())
    click.echo(f"Đã ghi {out} (phiên {session_id}).")


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


@click.command("verify-log")
@DB_OPTION
@click.option("--checkins-head", help="The check-in log's head as printed earlier (on the "
              "credentials report): it must still be in the chain.")
@click.option("--audit-head", help="The audit trail's head as printed earlier.")
@click.option("--roster-head", help="The roster log's head as printed earlier.")
@click.option("--ceremony-head", help="The ceremony's log's head as printed earlier.")
def verify_log(db_path, checkins_head, audit_head, roster_head, ceremony_head):
    """Check that the check-in log, the audit trail, the roster's log and the ceremony's
    (the honours, what was handed, the composition kept after the purge) are whole, and
    that who is counted, the roster and the ceremony's tables agree with them: exit 0 when
    they do, 1 naming the first entry changed, removed or reordered; 2 when they are
    whole but check-ins appended after the printed head carry times before it (a
    station's late resend, or rows forged afterwards: the paper's counts have changed)."""
    import sqlite3

    from .. import db as store
    from ..services import integrity

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    try:  # read only, and without migrating: a copy under suspicion is not to be written
        db = store.read_only(db_path)
        verdict = integrity.verify(db, {"checkins": checkins_head, "audit": audit_head,
                                        "roster_log": roster_head,
                                        "ceremony_log": ceremony_head})
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "no such" in str(exc):
            fail(f"{db_path} là CSDL của phiên bản cũ, chưa niêm phong nhật ký: mở nó một lần "
                 "(kiosk serve hoặc kiosk backup) để nâng cấp, rồi kiểm tra lại.")
        fail(f"không đọc được nhật ký trong {db_path}: {exc}")
    for log in verdict.chains:
        if log["broken"] is None:
            click.echo(f"{log['name']}: {log['rows']} dòng, nguyên vẹn. Mã đầu chuỗi: "
                       f"{log['head']}")
        elif log["kind"] == "drift":  # the log whole, a table changed beside it
            click.echo(f"HỎNG — {log['broken']}")
        else:
            click.echo(f"HỎNG — {log['broken']} ({log['rows']} dòng đầu nguyên vẹn.)")
    # the counts are made from `presence`: it must be what the chained log says
    for found, says in ((verdict.extra, "được tính có mặt mà nhật ký không có lượt điểm danh "
                         "hợp lệ"),
                        (verdict.missing, "có lượt điểm danh hợp lệ trong nhật ký mà không "
                         "được tính")):
        if found:
            checkin, code, session = found[0]
            click.echo(f"HỎNG — Danh sách có mặt: {len(found)} người {says}; "
                       f"người đầu tiên: {code or '?'} ({session}, lượt {checkin}).")
    if not verdict.extra and not verdict.missing:
        click.echo("Danh sách có mặt khớp với nhật ký điểm danh.")
    _roster_against_log(verdict.drift)
    late = verdict.late
    if not verdict.whole:
        raise SystemExit(1)
    if late:
        stations = ", ".join(sorted({row[1] or "hub" for row in late}))
        ok = sum(1 for row in late if row[4] == "ok")
        click.echo(f"CẦN XEM — {len(late)} lượt điểm danh ({ok} hợp lệ) được ghi vào sau mã "
                   "đầu chuỗi đã in nhưng mang giờ trước lúc in (lượt gửi lại muộn của trạm, "
                   f"hoặc dòng thêm vào sau): số liệu trên giấy đã thay đổi. Trạm: {stations}; "
                   f"dòng đầu tiên: số {late[0][0]}, giờ {late[0][2]}.")
        raise SystemExit(2)


KINDS = {"delegate": "đại biểu", "category": "thành phần", "session": "phiên họp"}


def _roster_against_log(drift: list) -> bool:
    """Say whether the roster, its categories and sessions are what their log says
    (badges/db/roster_log.py); True when they are not."""
    import json

    if not drift:
        click.echo("Danh sách đại biểu, thành phần và phiên họp khớp với nhật ký danh sách.")
        return False
    kind, ref, current, logged = drift[0]
    now, was = json.loads(current or "null"), json.loads(logged or "null")
    name = (now or was or {}).get("code") or ref
    if now is None:
        change = "đã bị xóa khỏi bảng"
    elif was is None:
        change = "không có trong nhật ký"
    else:
        change = "; ".join(f"{key}: {was.get(key)!r} → {value!r}" for key, value in now.items()
                           if was.get(key) != value)
    click.echo(f"HỎNG — Danh sách: {len(drift)} dòng bị sửa ngoài hệ thống (khác với nhật ký "
               f"danh sách); dòng đầu tiên: {KINDS[kind]} {name} — {change}.")
    return True


@click.command()
@DB_OPTION
@click.option("--backups", "folders", multiple=True, type=click.Path(file_okay=False),
              help="A folder of the hub's rolling backups (kiosk serve --backup-dir, kiosk "
                   "backup): its copies, made before the purge, are removed and one copy "
                   "of the purged database is put in their place. May be given again.")
@click.option("--yes", is_flag=True, help="Do not ask (for scripts).")
def purge(db_path, folders, yes):
    """After the congress: remove the personal fields (phone, email, gender, year of
    birth, ethnicity, Party membership, education) while keeping the counts, the
    composition figures of every session and the sealed logs (README "Personal data").
    Run it with the hub stopped; backups made before it still hold the data, unless
    their folders are given with --backups."""
    from .. import db as store
    from ..core import backups
    from ..services import privacy

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    missing = [f for f in folders if not Path(f).is_dir()]
    if missing:  # said before anything is removed
        fail(f"Không có thư mục sao lưu {missing[0]}.")
    held = {f: len(backups.copies(f)) for f in folders}
    if not yes:
        if not sys.stdin.isatty():
            fail("kiosk purge xóa dữ liệu cá nhân và không hoàn tác được: chạy ở cửa sổ "
                 "lệnh để xác nhận, hoặc thêm --yes.")
        also = "".join(f" Xóa cả {n} bản sao lưu trong {f} (thay bằng một bản mới)."
                       for f, n in held.items())
        click.confirm(f"Xóa vĩnh viễn số điện thoại, email và thông tin cơ cấu (giới tính, năm "
                      f"sinh, dân tộc, đảng viên, trình độ) của mọi đại biểu trong {db_path}? "
                      f"Số liệu điểm danh, cơ cấu đại biểu và nhật ký được giữ.{also}",
                      abort=True)
    db = store.connect(db_path)
    try:
        touched = privacy.purge(db, cli_actor())
        replaced = {f: privacy.replace_backups(db, f, cli_actor()) for f in folders}
    except privacy.StillOpen as exc:
        fail(str(exc))
    except (store.BackupFailed, OSError) as exc:
        fail(f"Đã xóa dữ liệu cá nhân trong {db_path} nhưng chưa thay được bản sao lưu: {exc}")
    finally:
        db.close()
    click.echo(f"Đã xóa dữ liệu cá nhân: {touched['delegates']} đại biểu, "
               f"{touched['substitutions']} đề nghị thay thế. Số liệu cơ cấu của từng phiên "
               "được giữ; kiosk verify-log vẫn đối chiếu được với mã đầu chuỗi đã in.")
    for folder, (removed, copy) in replaced.items():
        click.echo(f"Đã xóa {removed} bản sao lưu cũ trong {folder}; bản mới: {copy.name}.")
    click.echo("Các bản sao lưu khác làm trước lúc này (và CSDL của các trạm) vẫn chứa dữ liệu "
               "cá nhân: hãy xóa chúng." if not folders else
               "Bản sao ở nơi khác (và CSDL của các trạm) vẫn chứa dữ liệu cá nhân: hãy xóa.")


COMMANDS = [serve, demo, backup, report, rehearsal, verify_log, purge]
