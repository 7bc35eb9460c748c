"""A delegation head's phone (issue 31): the link that signs it in (`/doan/<secret>`), the
page (`/doan`), the delegation as the page draws it (`GET /api/delegation`), and what the
head does: an absence with its reason, a substitute asked for the desk to approve, "Đã
nhận" for an award kept for handover (`/api/delegation/awards/<id>/received`); the
documents and souvenirs (`/api/documents`: the organisers define them, the desk or the head
marks them handed) and their roll per delegation (`/admin/documents-roll.pdf`).

Every rule is services/delegation.py's; this module parses, calls and shapes."""


from flask import Blueprint, current_app, g, jsonify, redirect, request, session, url_for

from ...services import delegation as heads
from ...services import documents
from .. import downloads, trail
from ..access import HEADS, HELP_DESK, ORGANISERS, identify, require
from ..checks import json_body
from ..pages import render_page
from ..shared import get_db

bp = Blueprint("delegation", __name__)
GUESSED = "delegation-link"  # the login guard's name for every wrong link from one address


def _guard():
    """This app's guard against guessed links (made on first use, kept with the app)."""
    return current_app.extensions.setdefault("delegation_links", heads.link_guard())


@bp.get("/doan/<secret>")
def sign_in(secret):
    """The delegation's link, opened once: the phone is signed in for that delegation (a
    cookie, Secure on HTTPS), and the secret leaves the address bar."""
    guard, address = _guard(), request.remote_addr or ""
    if guard.wait_for(address, GUESSED) > 0:
        return render_page("doan.html", refused="throttled"), 429
    found = heads.signed_in(get_db(), secret)
    if found is None:
        guard.failed(address, GUESSED)
        return render_page("doan.html", refused="bad_link"), 401
    guard.succeeded(address, GUESSED)
    session.clear()
    session.permanent = True
    session.update(head=found[0], head_hash=found[1])
    return redirect(url_for("delegation.page"))


@bp.get("/doan")
def page():
    """The head's page; without a live link, a page that says so (not the login form: a
    head has no login)."""
    caller = identify()
    if caller is None or caller.role not in HEADS:
        return render_page("doan.html", refused="no_link"), 401
    return render_page("doan.html", refused=None, delegation=caller.name)


@bp.get("/api/delegation")
@require(*HEADS)
def snapshot():
    return jsonify(heads.snapshot(get_db(), g.caller.name))


@bp.post("/api/delegation/absences")
@require(*HEADS)
def absence():
    """{"code", "session" (none: every session), "reason"}."""
    body = json_body()
    made = heads.report_absence(get_db(), g.caller.name, body.get("code"), body.get("session"),
                                body.get("reason"))
    return jsonify(made), 201


@bp.post("/api/delegation/substitutes")
@require(*HEADS)
def substitute():
    """{"code" (who is replaced), "name", "title", "unit", "reason"}: into the desk's queue."""
    body = json_body()
    made = heads.ask_substitute(get_db(), g.caller.name, body.get("code"), body,
                                body.get("reason"))
    return jsonify(made), 201


@bp.post("/api/delegation/awards/<int:award_id>/received")
@require(*HEADS)
def award_received(award_id):
    """The head signs for an award of their delegation kept for handover ("Đã nhận")."""
    return jsonify(heads.receive_award(get_db(), g.caller.name, award_id))


@bp.get("/api/documents")
@require(*HELP_DESK)
def document_items():
    """Each item with prepared, due, handed and remaining (what is still to hand out)."""
    return jsonify({"items": documents.items(get_db())})


@bp.post("/api/documents")
@require(*ORGANISERS)
def add_document_item():
    """{"name", "per": "delegate"|"delegation", "count"}: an item and how many prepared."""
    body = json_body()
    made = documents.add_item(get_db(), body.get("name"), body.get("per"), body.get("count"),
                              trail.by())
    return jsonify(made), 201


@bp.post("/api/documents/<int:item_id>/handed")
@require(*HELP_DESK, *HEADS)
def hand_documents(item_id):
    """{"delegation", "count" (none: all still due), "received_by"}: marked at the desk, or
    by the head for their own delegation ("Đã nhận")."""
    body = json_body()
    if g.caller.role in HEADS:
        made = heads.receive_documents(get_db(), g.caller.name, item_id, body.get("delegation"),
                                       body.get("count"), body.get("received_by"))
    else:
        made = documents.hand_out(get_db(), item_id, body.get("delegation"), body.get("count"),
                                  body.get("received_by"), trail.by())
    return jsonify(made), 201


@bp.get("/api/documents/handouts")
@require(*HELP_DESK)
def document_handouts():
    """`delegation`: each handing to it, newest first, for the desk to take one back."""
    wanted = request.args.get("delegation", "")[:200]
    return jsonify({"handouts": documents.handouts(get_db(), wanted)})


@bp.post("/api/documents/handouts/<int:handout_id>/undo")
@require(*HELP_DESK)
def take_back_handout(handout_id):
    """{"reason"}: a handing marked by mistake removed, audited with its reason."""
    return jsonify(documents.take_back(get_db(), handout_id, json_body().get("reason"),
                                       trail.by()))


@bp.get("/admin/documents-roll.pdf")
@require(*HELP_DESK)
def documents_roll():
    """The roll of documents and souvenirs (`delegation`: one delegation's), to sign."""
    wanted = request.args.get("delegation", "")[:200] or None
    return downloads.pdf(lambda out: documents.write_roll(get_db(), out, wanted),
                         "tai-lieu-qua-luu-niem.pdf")
