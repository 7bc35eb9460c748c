"""The web layer: everything HTTP, and the only package that imports Flask (besides the
app factory in `kiosk/app.py`).

`views/` holds one blueprint per page or API area; beside them the machinery they
share: `shared` (the objects built once per app and `get_db()`), `access` (who may call
what), `checks` (request checks), `errors` (the one JSON error shape), `shapes` (the
JSON the hub sends), `pages` (every template's context), `stream` (Server-Sent Events
fan-out), `doors` (when each station last called), `server` (uvicorn, with the limits
of `connections`). The rules live below: `kiosk.core` decides, `kiosk.services` does
what the desk and the organisers ask, `kiosk.db` stores; this layer translates.
"""
