"""`kiosk report`, `kiosk verify-log`, `kiosk purge`: the record the hub leaves, printed,
checked against the heads printed on paper, and its personal data removed after the
congress (the hub while it runs: hub.py)."""

import sys
from pathlib import Path

import click

from badges.cli import fail

from .options import DB_OPTION, cli_actor


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


COMMANDS = [report, verify_log, purge]
