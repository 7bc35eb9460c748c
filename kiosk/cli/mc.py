"""`kiosk script`: the MC's run sheet as the hall stands now; `kiosk presidium`: the
presidium and the secretariat in their order (the same change as POST /api/presidium);
`kiosk speakers`: a session's speakers from a CSV file (as POST /api/speakers)."""

from pathlib import Path

import click

from badges.cli import fail

from ..core.refusal import Refusal
from .options import DB_OPTION, cli_actor


def _open(db_path):
    from .. import db as store

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    return store.connect(db_path)


@click.command()
@DB_OPTION
@click.option("--session", "session_id", help="Session id (default: the one in progress).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The PDF to write.")
def script(db_path, session_id, out):
    """The MC's run sheet (kịch bản dẫn chương trình) as it stands now: the opening, the
    introductions of the guests and leaders in the hall (never one who is not), the
    presidium's list and invitation, the votes (blanks until recorded), the speakers,
    the honours ceremony and the closing; the moment printed on it."""
    from ..services import mc, run_sheet

    db = _open(db_path)
    try:
        session = mc.session_of(db, session_id)
        made = run_sheet.write(db, session, out)
    except Refusal as exc:
        fail(exc.message)
    click.echo(f"Đã ghi {out}: {len(made['introductions']['present'])} người được giới "
               f"thiệu ({len(made['introductions']['absent'])} chưa đến), "
               f"{len(made['motions'])} biểu quyết, {len(made['speakers']['speakers'])} "
               f"tham luận (phiên {session['id']}).")


@click.command()
@DB_OPTION
@click.option("--chair", "chairs", multiple=True, metavar="CODE",
              help="A member of the presidium (Đoàn Chủ tịch), in order; repeat the option.")
@click.option("--secretary", "secretaries", multiple=True, metavar="CODE",
              help="A member of the secretariat (Đoàn Thư ký), in order; repeat the option.")
@click.option("--plates", type=click.Path(dir_okay=False),
              help="Also write FILE.pdf: a name plate (biển tên) per member, A4 landscape, "
                   "folded in the middle into a tent, the name on both faces.")
@click.option("--guests", type=click.IntRange(0, 60), default=0, show_default=True,  # twin:
              # services/mc.py MAX_GUESTS, checked here too so that nothing is set first
              help="With --plates: also plates for the first N guests and leaders of the "
                   "precedence list who are in the hall now (the front row).")
@click.option("--session", "session_id",
              help="With --guests: the session (default: the one in progress).")
@click.option("--list", "list_out", type=click.Path(dir_okay=False),
              help="Also write FILE.pdf: the list put to the vote (Danh sách đề cử Đoàn "
                   "Chủ tịch, Đoàn Thư ký Đại hội).")
def presidium(db_path, chairs, secretaries, plates, guests, session_id, list_out):
    """Sets the presidium (--chair) and/or the secretariat (--secretary) by badge code,
    in the order given (#1 first); a body not given is kept. Prints both; with --plates
    and --list, writes their name plates and the list put to the vote."""
    from ..services import mc

    if guests and not plates:
        fail("--guests đi cùng --plates TỆP.pdf (biển tên khách mời hàng đầu).")
    db = _open(db_path)
    bodies = {k: list(v) for k, v in (("chu-tich", chairs), ("thu-ky", secretaries)) if v}
    try:
        session = mc.session_of(db, session_id) if guests else None  # before any change
        made = mc.set_presidium(db, bodies, cli_actor()) if bodies else mc.presidium(db)
        printed = mc.write_plates(db, plates, guests, session) if plates else None
        if list_out:
            mc.write_list(db, list_out)
    except Refusal as exc:
        fail(exc.message)
    for body, title in mc.BODIES.items():
        click.echo(f"{title}:")
        for p in made[body]:
            click.echo(f"  {p['position']}. {p['name']} ({p['code']}) — {p['title']}")
    for sentence in made.get("left_out", []) + mc.left_out(made):  # withdrawn at the desk
        click.echo(f"Lưu ý: {sentence}", err=True)
    if printed:
        front = f" và {printed['guests']} khách mời hàng đầu" if guests else ""
        click.echo(f"Đã ghi {plates}: {printed['members']} biển tên Đoàn Chủ tịch, Đoàn "
                   f"Thư ký{front} (gấp đôi theo đường giữa).")
    if list_out:
        click.echo(f"Đã ghi {list_out}: danh sách đề cử Đoàn Chủ tịch, Đoàn Thư ký.")


# the speakers file's columns, matched without case or diacritics
COLUMNS = {"ma dai bieu": "code", "bai tham luan": "topic", "so phut": "minutes",
           "du phong": "reserve"}


def read_speakers(path) -> list:
    """The rows of a speakers CSV (UTF-8, a header row: Mã đại biểu, Bài tham luận, Số
    phút, Dự phòng) as POST /api/speakers takes them."""
    import csv

    from badges.text import fold

    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        fail(f"{path}: tệp trống.")
    header = [COLUMNS.get(" ".join(fold(h).split())) for h in rows[0]]
    missing = [name for name, key in (("Mã đại biểu", "code"), ("Bài tham luận", "topic"),
                                      ("Số phút", "minutes")) if key not in header]
    if missing:
        fail(f"{path}: thiếu cột {', '.join(missing)}.")
    out = []
    for n, row in enumerate(rows[1:], 2):
        item = {key: cell.strip() for key, cell in zip(header, row, strict=False) if key}
        if not any(item.values()):
            continue
        minutes = item.get("minutes", "")
        if not minutes.isdigit():
            fail(f"{path}: dòng {n}, cột Số phút: '{minutes}' không phải số phút.")
        out.append(dict(item, minutes=int(minutes)))
    return out


@click.command()
@DB_OPTION
@click.option("--session", "session_id", help="Session id (default: the one in progress).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def speakers(db_path, session_id, file):
    """Sets a session's speakers (tham luận) from a CSV file, in its order: columns Mã đại
    biểu, Bài tham luận, Số phút and optionally Dự phòng (the reserve's code). Replaces
    the session's list; prints it with the minutes against the session's end."""
    from ..services import mc

    db = _open(db_path)
    listed = read_speakers(file)
    try:
        session = mc.session_of(db, session_id)
        made = mc.set_speakers(db, session, listed, cli_actor())
    except Refusal as exc:
        fail(exc.message)
    for s in made["speakers"]:
        reserve = f"; dự phòng {s['reserve']['name']}" if s["reserve"] else ""
        click.echo(f"{s['position']}. {s['name']} ({s['code']}): {s['topic']}, "
                   f"{s['minutes']} phút{reserve}")
    ends = f"; phiên kết thúc lúc {made['ends']}" if made["ends"] else ""
    click.echo(f"Tổng {made['total']} phút{ends} (phiên {session['id']}).")


COMMANDS = [script, presidium, speakers]
