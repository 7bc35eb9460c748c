"""The annex ("Phụ lục") of the report on the delegates: the heads of the hash-chained
logs as they stand when it is printed, so that the paper can be checked against the
database file later (`kiosk verify-log --checkins-head …`). They are kept with the
signed report, not read aloud: the annex follows the signature on a page of its own,
"kèm theo" the report it goes with (Nghị định 30/2020/NĐ-CP's layout,
reports/official.py). No Flask here."""

from reportlab.platypus import Paragraph

from ..core import chain
from . import official, pages


def heads(db, document: str, s) -> list:
    """The annex to `document` ('Báo cáo … số ……/BC-BTC ngày … của …'): each log's rows,
    whether it is whole, and its head."""
    lines = ["Các mã đầu chuỗi (SHA-256) dưới đây cho phép đối chiếu bản báo cáo đã ký với "
             "tệp dữ liệu của Đại hội, bằng lệnh <i>kiosk verify-log</i>."]
    for table, verdict in chain.verify_database(db).items():
        name = dict(chain.LOGS)[table]
        state = ("nguyên vẹn" if verdict.broken is None
                 else f"<b>KHÔNG NGUYÊN VẸN</b> — {pages.text(verdict.broken.message)}")
        lines.append(f"{name}: {verdict.rows} dòng, {state}; mã đầu chuỗi:<br/>"
                     f"<font face='Courier' size='9'>{verdict.head}</font>")
    return official.annex("Đối chiếu dữ liệu điểm danh", document, s) + [
        Paragraph(line, s["body"] if n == 0 else s["small"]) for n, line in enumerate(lines)]
