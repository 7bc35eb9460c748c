"""A PDF made in memory and sent as a download: the badges, the seat chart, the signing,
handover and documents rolls. `write(out)` writes it into the file-like `out`."""

import io

from flask import send_file


def pdf(write, name: str):
    out = io.BytesIO()
    write(out)
    out.seek(0)
    return send_file(out, mimetype="application/pdf", download_name=name)
