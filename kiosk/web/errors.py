"""One JSON error shape for every API endpoint:

    {"error": {"status": 401, "reason": "unauthorized", "message": "<Vietnamese>"}}

A form's error also names the field at fault ("field": "phone"), for the page to mark.
What the hub refuses (core/refusal.py: the check-in path's CheckinError, the services'
refusals) gets its HTTP status here, from its reason, in one table; a view that finds a
request malformed raises ApiError with the status itself.
"""

from flask import jsonify, request
from werkzeug.exceptions import HTTPException

from ..core.refusal import Refusal

STATUS = {  # a refusal's reason -> its HTTP status (any other: 409, a state forbids it)
    "invalid": 400, "bad_file": 400, "unknown_session": 400, "rehearsal_over": 400,
    "outside_window": 400,  # a time written on paper outside the check-in window
    "unauthorized": 401,
    "forbidden": 403,  # not the caller's to act on (a head and another delegation's member)
    "not_found": 404,
    "same_name": 409, "exists": 409, "last_organiser": 409, "already_undone": 409,
    "conflict": 409, "withdrawn": 409,  # withdrawn at the desk (services/lookups.py)
}

# Vietnamese messages for the HTTP errors Flask raises by itself.
HTTP_MESSAGES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Cần mã trạm hoặc đăng nhập của Ban Tổ chức."),
    403: ("forbidden", "Không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ."),
    413: ("too_large", "Dữ liệu gửi lên quá lớn."),
    415: ("unsupported_media_type", "Kiểu dữ liệu không được hỗ trợ."),
}


class ApiError(Refusal):
    """A request the view finds malformed, with its status."""

    def __init__(self, status: int, reason: str, message: str, field: str | None = None):
        super().__init__(message, field, reason)
        self.status = status


def error_response(status: int, reason: str, message: str, field: str | None = None):
    body = {"status": status, "reason": reason, "message": message}
    if field:
        body["field"] = field
    response = jsonify({"error": body})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="kiosk"'
    return response


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def init_app(app) -> None:
    @app.errorhandler(Refusal)
    def refused(exc: Refusal):
        status = exc.status if isinstance(exc, ApiError) else STATUS.get(exc.reason, 409)
        return error_response(status, exc.reason, exc.message, exc.field)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if not wants_json():
            return exc
        reason, message = HTTP_MESSAGES.get(exc.code, ("error", exc.description or ""))
        return error_response(exc.code, reason, message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        if not wants_json():
            return "Lỗi máy chủ", 500
        return error_response(500, "server_error", "Lỗi máy chủ; đã ghi nhật ký.")
