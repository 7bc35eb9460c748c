"""Attendance figures and what is printed from them: `tally` (one session's figures,
shared with the dashboard), `exports` (CSV, XLSX) and `credentials` (the credentials
report, PDF). No Flask here."""

import io

from . import credentials, exports, tally

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "diem-danh-{session}.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "diem-danh-{session}.xlsx"),
    "pdf": ("application/pdf", "bao-cao-tu-cach-dai-bieu-{session}.pdf"),
}


def build(db, session_id: str, fmt: str, quorum: str | None = None):
    """(file-like, mimetype, download name) of the report in `fmt` for a session; quorum:
    the credentials report's rule when not the event's (reports/quorum.py)."""
    figures = tally.compute(db, session_id)
    out = io.BytesIO()
    if fmt == "csv":
        exports.write_csv(figures, out)
    elif fmt == "xlsx":
        exports.write_xlsx(figures, out)
    else:
        credentials.write_pdf(db, figures, out, quorum)
    out.seek(0)
    mimetype, name = FORMATS[fmt]
    return out, mimetype, name.format(session=session_id)


def write(db, session_id: str, fmt: str, path, quorum: str | None = None) -> None:
    data, _, _ = build(db, session_id, fmt, quorum)
    with open(path, "wb") as f:
        f.write(data.getvalue())
