"""Attendance figures and what is printed from them: `tally` (one session's figures,
shared with the dashboard), `exports` (CSV, XLSX), `credentials` (the report on the
delegates, PDF, of the kind the organisers choose) and `honours_result` (the report of
the honours, PDF). No Flask here."""

import io

from .. import db as store
from . import credentials, exports, honours_result, tally

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "diem-danh-{session}.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "diem-danh-{session}.xlsx"),
    "pdf": ("application/pdf", "bao-cao-dai-bieu-{session}.pdf"),
}
HONOURS = "khen-thuong"  # the kind that is the report of the honours, not of the delegates
PDF_NAMES = {"thanh-phan": "bao-cao-thanh-phan-dai-bieu-{session}.pdf",
             "tham-tra": "bao-cao-tham-tra-tu-cach-dai-bieu-{session}.pdf",
             HONOURS: "bao-cao-ket-qua-khen-thuong.pdf"}


def build(db, session_id: str, fmt: str, quorum: str | None = None, **chosen):
    """(file-like, mimetype, download name) of the report in `fmt` for a session; quorum
    and `chosen` (kind, rules, article): the PDF's when not the event's settings
    (reports/credentials.py, reports/quorum.py); kind "khen-thuong": the honours'."""
    out = io.BytesIO()
    mimetype, name = FORMATS[fmt]
    if fmt == "pdf" and chosen.get("kind") == HONOURS:
        honours_result.write_pdf(db, out)
        out.seek(0)
        return out, mimetype, PDF_NAMES[HONOURS]
    figures = tally.compute(db, session_id)
    if fmt == "csv":
        exports.write_csv(figures, out)
    elif fmt == "xlsx":
        exports.write_xlsx(figures, out)
    else:
        kind = credentials.kind_of(store.get_settings(db), chosen.get("kind"))
        credentials.write_pdf(db, figures, out, quorum, **dict(chosen, kind=kind))
        name = PDF_NAMES[kind]
    out.seek(0)
    return out, mimetype, name.format(session=session_id)


def write(db, session_id: str, fmt: str, path, quorum: str | None = None, **chosen) -> None:
    data, _, _ = build(db, session_id, fmt, quorum, **chosen)
    with open(path, "wb") as f:
        f.write(data.getvalue())
