"""The `badges` command: import rosters, render and revoke badges, make demo rosters."""

import re
import sqlite3
import sys

import click

from . import clitext, codes, demo_roster, importer, printing, schedule
from . import db as store
from .errors import BadgesError
from .render import LAYOUTS
from .render import branding as branding_file
from .text import clean, fold


def db_option(help_text="The event database (SQLite file; created if missing)."):
    return click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
                        help=help_text)


DB_OPTION = db_option()


def fail(message: str):
    """Print a Vietnamese error and exit 1 (shared by both commands)."""
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(1)


@click.group(cls=clitext.Group, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Badges for the congress: roster import, badge codes, print-ready PDFs."""


@main.command("import")
@click.argument("file", type=click.Path())
@DB_OPTION
@click.option("--sheet", help="XLSX sheet name (default: the first sheet).")
@click.option("--skip-invalid", is_flag=True,
              help="Import the valid rows and write the rejected ones to a file.")
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Where to write rejected rows (default: FILE.rejects.csv).")
@click.option("--add", "add_only", is_flag=True,
              help="Only adds people (walk-ins, late registrations): those already in the "
                   "roster and not in FILE are not listed as missing.")
def import_cmd(file, db_path, sheet, skip_invalid, rejects, add_only):
    """Import or update the roster from a CSV or XLSX FILE."""
    try:
        db = store.connect(db_path)
        report = importer.import_roster(db, file, sheet, skip_invalid, rejects, add_only)
    except BadgesError as exc:
        fail(str(exc))
    for problem in report.errors:
        click.echo(f"LỖI {problem}", err=True)
    for problem in report.warnings:
        click.echo(f"CẢNH BÁO {problem}", err=True)
    if not report.applied:
        fail(f"{len(report.errors)} lỗi; chưa nhập gì. Sửa tệp rồi nhập lại, "
             "hoặc dùng --skip-invalid để nhập các dòng hợp lệ.")
    click.echo(f"Đã nhập: {len(report.created)} mới, {len(report.updated)} cập nhật, "
               f"{report.unchanged} không đổi.")
    if report.rejects_path:
        click.echo(f"{len(report.errors)} lỗi; các dòng bị loại ghi vào {report.rejects_path}")
    if report.missing:
        click.echo(f"{len(report.missing)} đại biểu có trong CSDL nhưng không có trong tệp "
                   "(không xóa):")
        for code, name in report.missing:
            click.echo(f"  {code}  {name}")


SEATED_SHOWN = 50  # those seated for the first time, named; every move is named


@main.command()
@DB_OPTION
@click.option("--plan", "plan_file", type=click.Path(),
              help="The hall plan, CSV or XLSX: a line per row of seats (Khu, Hàng, Số ghế, "
                   "optionally Dành cho: category names), front to back.")
@click.option("--sheet", help="XLSX sheet name of the plan (default: the first sheet).")
@click.option("--make", "spec", help="A plan from counts instead: 'A:2x20,B:12x30' (zone A, "
                                     "the front, 2 rows of 20; zone B, 12 rows of 30).")
@click.option("--assign", is_flag=True, help="Give seats by protocol, keeping those set by "
                                             "hand (in the roster or at the help desk).")
def seats(db_path, plan_file, sheet, spec, assign):
    """The hall and who sits where: save a plan (--plan or --make), give seats by protocol
    (--assign); with neither, say what the hall holds."""
    from . import seating

    if plan_file and spec:
        fail("Chọn một trong hai: --plan TỆP hoặc --make 'A:2x20,…'.")
    try:
        db = store.connect(db_path)
        if plan_file or spec:
            plan = (seating.read_plan(plan_file, store.list_categories(db), sheet)
                    if plan_file else seating.make(spec))
            seating.save_plan(db, plan)
            zones = sorted({r[0] for r in plan.rows})
            click.echo(f"Đã lưu sơ đồ hội trường: {plan.size} ghế, {len(plan.rows)} hàng, "
                       f"khu {', '.join(zones)}.")
        if assign:
            outcome = seating.assign(db)
    except BadgesError as exc:
        fail(str(exc))
    if assign:
        click.echo(outcome.summary())
        if outcome.moved:
            click.echo(f"{len(outcome.moved)} người đổi sang ghế khác (thẻ đã in mang ghế cũ, "
                       "cần in lại):")
            for line in outcome.moves():
                click.echo(f"  {line}")
        if outcome.seated:
            click.echo(f"{len(outcome.seated)} người nhận ghế:")
        for line in outcome.given()[:SEATED_SHOWN]:
            click.echo(f"  {line}")
        if len(outcome.seated) > SEATED_SHOWN:
            click.echo(f"  … và {len(outcome.seated) - SEATED_SHOWN} người nhận ghế khác.")
        for code, seat in outcome.outside[:10]:
            click.echo(f"CẢNH BÁO {code}: ghế xếp tay '{seat}' không có trong sơ đồ (giữ "
                       "nguyên).", err=True)
        if len(outcome.outside) > 10:
            click.echo(f"CẢNH BÁO … và {len(outcome.outside) - 10} ghế xếp tay khác không có "
                       "trong sơ đồ.", err=True)
        for seat, holders in outcome.twice:
            click.echo(f"CẢNH BÁO ghế {seat} được xếp tay cho {len(holders)} người: "
                       f"{', '.join(holders)}.", err=True)
        if outcome.unplaced:
            fail(f"Hội trường thiếu ghế: {len(outcome.unplaced)} người chưa có chỗ (đầu tiên: "
                 + ", ".join(f"{c} {n}" for c, n in outcome.unplaced[:5]) + ").")
    if not (plan_file or spec or assign):
        hall = store.hall_seats(db)
        taken = sum(1 for d in store.list_delegates(db) if d["seat"])
        click.echo(f"Hội trường: {len(hall)} ghế; {taken} đại biểu đã có ghế.")


@main.command()
@DB_OPTION
@click.option("--out", type=click.Path(dir_okay=False),
              help="Also write the list as FILE.xlsx, one sheet per unit, to send back.")
def check(db_path, out):
    """What the roster still lacks before the day: for each sending unit, which delegates
    (code, name) lack which of the fields the badge, the credentials report and the
    composition need. Exit 0 when nothing is missing, 2 when something is."""
    from . import completeness

    try:
        db = store.connect(db_path)
    except BadgesError as exc:
        fail(str(exc))
    found = completeness.gaps(db)
    if not found:
        click.echo(f"Đủ thông tin: {store.count_delegates(db)} đại biểu không thiếu trường nào.")
        return
    units = completeness.by_unit(found)
    click.echo(f"{len(found)} đại biểu ở {len(units)} đơn vị còn thiếu thông tin:")
    for unit, people in units.items():
        click.echo(f"\n{unit} ({len(people)} đại biểu)")
        for gap in people:
            labels = ", ".join(completeness.NEEDED[f][0] for f in gap.missing)
            click.echo(f"  {gap.code}  {gap.name}: thiếu {labels}")
    if out:
        completeness.write_xlsx(found, out)
        click.echo(f"\nĐã ghi {out}: một trang cho mỗi đơn vị, để gửi lại bổ sung.")
    sys.exit(2)


@main.command()
@click.argument("file", type=click.Path())
@DB_OPTION
@click.option("--sheet", help="XLSX sheet name (default: the first sheet).")
def awards(file, db_path, sheet):
    """Import the honours list (danh sách khen thưởng) from a CSV or XLSX FILE: the form
    of award, the decision, and who receives it (a delegate, or a collective with the
    delegate who receives for it). All or nothing; it replaces the list held before."""
    from . import awards as honours

    try:
        db = store.connect(db_path)
        report = honours.import_awards(db, file, sheet)
    except BadgesError as exc:
        fail(str(exc))
    for problem in report.errors:
        click.echo(f"LỖI {problem}", err=True)
    if not report.applied:
        fail(f"{len(report.errors)} lỗi; chưa nhập gì. Sửa tệp rồi nhập lại.")
    for problem in report.warnings:
        click.echo(f"CHÚ Ý {problem}", err=True)
    collectives = sum(1 for a in report.awards if a["collective"])
    click.echo(f"Đã nhập {len(report.awards)} khen thưởng ({len(report.awards) - collectives} "
               f"cá nhân, {collectives} tập thể), {len(report.forms)} hình thức, theo thứ tự "
               "trao:")
    for number, form in enumerate(report.forms, 1):
        count = sum(1 for a in report.awards if honours.form_key(a["form"]) ==
                    honours.form_key(form))
        click.echo(f"  {number}. {form}: {count}")


@main.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="PDF or PNG to write.")
@click.option("--code", help="Only the badge of the delegate with this code.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="a4-4up", show_default=True,
              help="Four A6 badges on each A4 sheet with crop marks, or one A6 badge a page.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "png"]), default=None,
              help="pdf (default) or png: a preview of one badge (the first, or --code).")
@click.option("--branding", type=click.Path(exists=True, dir_okay=False),
              help="A TOML file with title lines, colours, logo and fonts.")
def render(db_path, out, code, layout, fmt, branding):
    """Render print-ready badges to a vector PDF (or a PNG preview)."""
    fmt = fmt or ("png" if out.lower().endswith(".png") else "pdf")
    try:
        db = store.connect(db_path)
        if store.count_delegates(db) == 0:
            fail(f"{db_path} chưa có đại biểu nào; hãy chạy 'badges import' trước.")
        pages = printing.render_badges(db, out, code, layout, branding_file.load(branding), fmt)
    except BadgesError as exc:
        fail(str(exc))
    click.echo(f"Đã ghi {out} ({pages} trang).")


@main.command()
@click.argument("code")
@DB_OPTION
def revoke(code, db_path):
    """Invalidate the badge of delegate CODE and issue a new one to reprint."""
    try:
        db = store.connect(db_path)
        payload = codes.revoke(db, code)
    except BadgesError as exc:
        fail(str(exc))
    new_code = codes.code_of(payload)
    click.echo(f"Đã thu hồi thẻ cũ của {new_code}; in thẻ mới bằng:")
    click.echo(f"  badges render --db {db_path} --code {new_code} --layout a6 --out {new_code}.pdf")


@main.command()
@DB_OPTION
@click.option("--add", "name", help="Name of a new category (thành phần) to add.")
@click.option("--color", default="#37474F", show_default=True, help="Its badge colour, #RRGGBB.")
@click.option("--delegate", is_flag=True,
              help="Count it among the summoned delegates in the credentials report.")
def categories(db_path, name, color, delegate):
    """List the categories with their colours, or add one with --add."""
    db = store.connect(db_path)
    if name:
        name = clean(name)
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", color):
            fail(f"màu '{color}' không hợp lệ; dùng dạng #RRGGBB.")
        slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
        try:
            store.add_category(db, slug, name, color.upper(), delegate)
        except sqlite3.IntegrityError:
            fail(f"thành phần '{name}' đã có.")
    for cat in store.list_categories(db):
        kind = "đại biểu" if cat["is_delegate"] else "khác"
        click.echo(f"{cat['id']}\t{cat['name']}\t{cat['color']}\t{kind}")


@main.command()
@DB_OPTION
@click.option("--set", "session_id", help="The session to change, by its id (e.g. tru-bi).")
@click.option("--add", "new_id", help="Add a session with this id (e.g. be-mac).")
@click.option("--name", help="Its name, e.g. 'Phiên bế mạc'.")
@click.option("--starts", help="When it starts, Hà Nội time: '2026-12-15 13:30'.")
@click.option("--ends", help="When it ends, Hà Nội time.")
@click.option("--summon", help="Who is summoned: category ids 'a,b' (see `badges "
              "categories`), or 'all'.")
def sessions(db_path, session_id, new_id, name, starts, ends, summon):
    """List the sessions, or change one (--set ID) or add one (--add ID).

    The kiosk checks in to the session in progress (from two hours before its start),
    and refuses people not summoned to it."""
    db = store.connect(db_path)
    if session_id and new_id:
        fail("dùng --set hoặc --add, không dùng cả hai.")
    if session_id or new_id:
        current = {s["id"]: s for s in store.list_sessions(db)}
        category_ids = [c["id"] for c in store.list_categories(db)]
        try:
            if session_id:
                if session_id not in current:
                    fail(f"không có phiên '{session_id}'; các phiên: {', '.join(current)}.")
                base = current[session_id]
            else:
                if new_id in current:
                    fail(f"phiên '{new_id}' đã có; dùng --set để sửa.")
                base = {"id": schedule.new_session_id(new_id), "categories": None}
            store.save_session(db, schedule.changed(base, name, starts, ends, summon,
                                                    category_ids))
        except BadgesError as exc:
            fail(str(exc))
    for ses in store.list_sessions(db):
        click.echo(schedule.describe(ses))


@main.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder for the passes (created if missing).")
@click.option("--by-delegation", is_flag=True,
              help="One zip per delegation, for each delegation's secretary to forward.")
@click.option("--code", help="Only the pass of the delegate with this code.")
def passes(db_path, out, by_delegation, code):
    """Write a PNG pass per delegate that a phone can show at the door (the badge's QR)."""
    from .passes import write_passes

    try:
        count = write_passes(store.connect(db_path), out, by_delegation, code)
    except BadgesError as exc:
        fail(str(exc))
    click.echo(f"Đã ghi {count} thẻ điện thoại vào {out}"
               + (" (mỗi đoàn một tệp zip)." if by_delegation else "."))


@main.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The PDF to write.")
@click.option("--per-delegation", is_flag=True,
              help="One invitation per delegation, to its head (trưởng đoàn), instead of "
                   "one per delegate.")
@click.option("--number", help="The invitation's number and symbol, e.g. '125/GM-BHXH' "
                               "(default: the setting invitation_number, else a blank).")
@click.option("--signer-title", help="The signer's authority and post, e.g. 'KT. TỔNG GIÁM "
                                     "ĐỐC|PHÓ TỔNG GIÁM ĐỐC' ('|' between lines).")
@click.option("--signer", help="The signer's full name.")
def invitations(db_path, out, per_delegation, number, signer_title, signer):
    """Print the invitations (giấy mời), laid out as Nghị định 30/2020/NĐ-CP's model form
    (Phụ lục III, Mẫu 1.7): one per delegate with the sessions they are summoned to,
    their time and place, or one per delegation addressed to its head."""
    from . import invitations as letters

    try:
        made = letters.write_pdf(store.connect(db_path), out, per_delegation, number=number,
                                 signer_title=signer_title, signer=signer)
    except BadgesError as exc:
        fail(str(exc))
    kind = "đoàn" if per_delegation else "đại biểu"
    click.echo(f"Đã ghi {out}: {made['count']} giấy mời (mỗi {kind} một trang).")
    if made["left_out"]:
        click.echo(f"CHÚ Ý bỏ qua {made['left_out']} {kind} không được triệu tập vào phiên "
                   "họp nào (giấy mời sẽ trống phần thời gian, địa điểm).", err=True)
    if made["without_head"]:
        click.echo(f"CHÚ Ý {len(made['without_head'])} đoàn chưa có trưởng đoàn, giấy mời gửi "
                   "'Trưởng đoàn' không ghi tên: " + ", ".join(made["without_head"]) + ".",
                   err=True)


@main.command("demo-roster")
@click.option("--count", default=500, show_default=True, help="How many delegates.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="FILE.csv or FILE.xlsx")
@click.option("--seed", default=2026, show_default=True, help="Same seed, same roster.")
def demo_roster_cmd(count, out, seed):
    """Write a realistic synthetic roster (invented people) for this congress."""
    try:
        demo_roster.write(demo_roster.build(count, seed), out)
    except BadgesError as exc:
        fail(str(exc))
    click.echo(f"Đã ghi {count} đại biểu vào {out}.")
