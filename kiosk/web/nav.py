"""The navigation bar across the organisers' and the desk's pages (templates/_nav.html):
the pages in the bar's order with their Vietnamese names. Who sees a link is not listed
here: a page is shown to a caller whose role its view's access.page_for admits
(access.opens), so the bar follows any change to who may open what."""

from flask import g, request, url_for

from .access import opens

PAGES = (
    ("admin.page", "Bàn hỗ trợ"),
    ("dashboard.dashboard", "Bảng điều khiển"),
    ("ceremony.stage", "Sân khấu"),
    ("mc.page", "Dẫn chương trình"),
    ("hall.page", "Sơ đồ chỗ ngồi"),
    ("records.page", "Nhật ký"),
    ("paper.page", "Danh sách ký tên"),
    ("setup.page", "Thiết lập"),
)


def links() -> list:
    """The bar's links for this request's caller (label, address, whether it is this
    page); none when the caller may open fewer than two of the pages (a station or a
    volunteer on the hall, a viewer on the stage): nowhere else to go."""
    caller = g.get("caller")
    if caller is None:
        return []
    shown = [{"label": label, "href": url_for(endpoint), "current": request.endpoint == endpoint}
             for endpoint, label in PAGES if opens(caller.role, endpoint)]
    return shown if len(shown) > 1 else []
