"""'Trang x/y' at the foot of every page of a printed list: a canvas that holds its pages
until the document is complete, so the total is known when each foot is drawn (the
reportlab recipe). No Flask here."""

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas


class NumberedCanvas(canvas.Canvas):
    face = "Helvetica"  # set by the report to its registered Vietnamese face
    size = 10

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._foot(total)
            super().showPage()
        super().save()

    def _foot(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(self.face, self.size)
        self.drawCentredString(width / 2, 8 * mm, f"Trang {self._pageNumber}/{total}")
        self.restoreState()


def numbered(face: str):
    """A NumberedCanvas class writing its feet in `face`."""
    return type("Numbered", (NumberedCanvas,), {"face": face})
