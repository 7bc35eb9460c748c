"""What the help desk and the organisers do, one function each: walk-ins, edits,
withdrawals, reissued badges (people.py); absences and substitutes (desk.py); station
credentials and logins (logins.py); sessions, categories and the roster upload
(event.py); the hall's plan and seats given by protocol (hall.py); exports and the
rehearsal (records.py); the honours ceremony (ceremony.py); the purge after the congress
(privacy.py).

Each function owns its write transaction and the audit entry that records it, and
refuses with one error family (errors.py) whose reason web/errors.py maps to an HTTP
status in one place. The web views parse a request, call one of these and shape the
answer; the `kiosk` commands call the same functions as the system user. No Flask here.
`by` is always (who, role): the caller of a request, or the hub's terminal.
"""
