"""The one family of refusals: what the hub will not do, and why. `reason` says what
kind (web/errors.py maps it to an HTTP status, in one table), `message` what to do, in
Vietnamese, and `field` names the form's input at fault when there is one. The check-in
path refuses with decision.CheckinError, the desk's and the organisers' actions with
services/errors.py's; both are these."""


def no_session(session_id) -> str:
    """The one wording of an unknown session, wherever it is refused (the check-in path,
    services/lookups.py, the commands)."""
    return f"Không có phiên '{session_id}'."


class Refusal(Exception):
    reason = "conflict"  # a state that forbids it

    def __init__(self, message: str, field: str | None = None, reason: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field
        self.reason = reason or self.reason
