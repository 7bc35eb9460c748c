"""Every route against every role, from one table: a new route that is not in the table
fails the first test, a route that lets in the wrong role fails the second."""

import pytest

from kiosk import accounts
from kiosk.services import delegation
from kiosk.web.access import AT_THE_DOOR, COUNTS, HEADS, HELP_DESK, ORGANISERS, WATCHING

from helpers import login_form

PUBLIC = "public"  # no credential needed: must simply never fail with a 5xx
ROLES = ("anonymous", "station", "organiser", "desk", "volunteer", "viewer", "share", "head")

# (method, rule) -> the roles that get in
TABLE = {
    ("GET", "/"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/favicon.ico"): PUBLIC,
    ("GET", "/ca.pem"): PUBLIC,
    ("GET", "/fonts/<name>"): PUBLIC,
    ("GET", "/static/<path:filename>"): PUBLIC,
    ("GET", "/share/<token>"): PUBLIC,
    ("GET", "/kiosk"): AT_THE_DOOR,
    ("POST", "/api/checkins"): AT_THE_DOOR,
    ("POST", "/api/scan"): AT_THE_DOOR,
    ("GET", "/api/delegates"): AT_THE_DOOR,
    ("GET", "/api/stats"): AT_THE_DOOR,
    ("GET", "/api/link"): AT_THE_DOOR,
    ("GET", "/api/stream"): WATCHING,
    ("POST", "/api/checkins/<checkin_id_>/undo"): HELP_DESK,
    ("POST", "/api/sync/held"): ("station",),
    ("POST", "/api/sync/roster"): ("station",),
    ("GET", "/dashboard"): HELP_DESK,
    ("GET", "/api/doors"): HELP_DESK,
    ("GET", "/projector"): COUNTS,
    ("GET", "/api/dashboard"): COUNTS,
    ("GET", "/dashboard/export"): ORGANISERS,
    ("GET", "/admin"): HELP_DESK,
    ("GET", "/api/admin/delegates"): HELP_DESK,
    ("POST", "/api/admin/delegates/<code>/reissue"): HELP_DESK,
    ("GET", "/admin/badges/<code>.pdf"): HELP_DESK,
    ("GET", "/admin/badges.pdf"): HELP_DESK,
    ("POST", "/api/admin/delegates"): HELP_DESK,
    ("PATCH", "/api/admin/delegates/<code>"): HELP_DESK,
    ("POST", "/api/admin/delegates/<code>/<any(withdraw, restore):change>"): HELP_DESK,
    ("POST", "/api/admin/delegates/<code>/absences"): HELP_DESK,
    ("POST", "/api/admin/delegates/<code>/absences/<int:absence_id>/cancel"): HELP_DESK,
    ("POST", "/api/admin/delegates/<code>/substitute"): HELP_DESK,
    ("GET", "/api/admin/substitutions"): HELP_DESK,
    ("GET", "/api/admin/delegations"): HELP_DESK,
    ("GET", "/api/documents/handouts"): HELP_DESK,
    ("POST", "/api/documents/handouts/<int:handout_id>/undo"): HELP_DESK,
    ("POST", "/api/admin/delegates/<code>/head"): ORGANISERS,
    ("POST", "/api/admin/substitutions/<int:substitution_id>/<any(approve, refuse):verdict>"):
        ORGANISERS,
    ("GET", "/admin/log"): HELP_DESK,
    ("GET", "/api/admin/checkins"): HELP_DESK,
    ("GET", "/api/admin/audit"): ORGANISERS,
    ("GET", "/admin/audit.csv"): ORGANISERS,
    ("GET", "/admin/completeness.xlsx"): ORGANISERS,
    ("GET", "/admin/setup"): ORGANISERS,
    ("GET", "/api/admin/stations"): ORGANISERS,
    ("POST", "/api/admin/share/renew"): ORGANISERS,
    ("POST", "/api/admin/stations"): ORGANISERS,
    ("POST", "/api/admin/stations/<name>/revoke"): ORGANISERS,
    ("GET", "/api/admin/users"): ORGANISERS,
    ("POST", "/api/admin/users"): ORGANISERS,
    ("POST", "/api/admin/users/<name>/remove"): ORGANISERS,
    ("GET", "/api/admin/event"): ORGANISERS,
    ("GET", "/api/admin/settings"): ORGANISERS,
    ("POST", "/api/admin/settings"): ORGANISERS,
    ("POST", "/api/admin/sessions/<session_id>"): ORGANISERS,
    ("POST", "/api/admin/categories"): ORGANISERS,
    ("POST", "/api/admin/categories/<cat_id>"): ORGANISERS,
    ("POST", "/api/admin/roster"): ORGANISERS,
    ("GET", "/api/admin/hall"): ORGANISERS,
    ("POST", "/api/admin/hall/plan"): ORGANISERS,
    ("POST", "/api/admin/hall/assign"): ORGANISERS,
    ("GET", "/admin/paper"): HELP_DESK,
    ("GET", "/admin/signing-roll.pdf"): HELP_DESK,
    ("GET", "/api/admin/paper"): HELP_DESK,
    ("POST", "/api/admin/paper"): HELP_DESK,
    ("GET", "/api/admin/rehearsal"): HELP_DESK,
    ("POST", "/api/admin/rehearsal"): ORGANISERS,
    ("POST", "/api/admin/rehearsal/clear"): ORGANISERS,
    ("GET", "/api/ceremony"): COUNTS,
    ("GET", "/stage"): COUNTS,
    ("POST", "/api/ceremony/batches/<int:number>/handed"): HELP_DESK,
    ("POST", "/api/ceremony/awards/<int:award_id>/handover"): HELP_DESK,
    ("GET", "/admin/handover-roll.pdf"): HELP_DESK,
    ("GET", "/api/admin/ceremony"): ORGANISERS,
    ("POST", "/api/admin/ceremony"): ORGANISERS,
    ("POST", "/api/ceremony/presenters"): ORGANISERS,
    ("POST", "/api/ceremony/awards/<int:award_id>/absent"): HELP_DESK,
    ("GET", "/hall"): AT_THE_DOOR,
    ("GET", "/api/hall"): AT_THE_DOOR,
    ("GET", "/hall.pdf"): HELP_DESK,
    ("GET", "/doan/<secret>"): PUBLIC,
    ("GET", "/doan"): HEADS,
    ("GET", "/api/delegation"): HEADS,
    ("POST", "/api/delegation/absences"): HEADS,
    ("POST", "/api/delegation/substitutes"): HEADS,
    ("POST", "/api/delegation/awards/<int:award_id>/received"): HEADS,
    ("GET", "/api/documents"): HELP_DESK,
    ("POST", "/api/documents"): ORGANISERS,
    ("POST", "/api/documents/<int:item_id>/handed"): HELP_DESK + HEADS,
    ("GET", "/admin/documents-roll.pdf"): HELP_DESK,
    ("GET", "/mc"): ("organiser", "desk", "viewer"),
    ("GET", "/api/mc"): COUNTS,
    ("GET", "/api/introductions"): COUNTS,
    ("POST", "/api/introductions/read"): HELP_DESK,
    ("POST", "/api/introductions/marks"): HELP_DESK,
    ("GET", "/api/votes"): COUNTS,
    ("POST", "/api/votes"): ORGANISERS,
    ("POST", "/api/votes/rule"): ORGANISERS,
    ("GET", "/api/presidium"): COUNTS,
    ("POST", "/api/presidium"): ORGANISERS,
    ("GET", "/api/speakers"): COUNTS,
    ("POST", "/api/speakers"): ORGANISERS,
    ("GET", "/api/replica"): ("station",),
    ("POST", "/api/sync"): ("station",),
}
SAMPLE_ARGS = {"<name>": "BeVietnamPro-Regular.ttf", "<path:filename>": "app.css",
               "<checkin_id_>": "no-such-checkin", "<token>": "not-the-share-token",
               "<code>": "NO-SUCH-CODE", "<any(withdraw, restore):change>": "withdraw",
               "<int:absence_id>": "999", "<int:substitution_id>": "999", "<int:award_id>": "999",
               "<int:number>": "1", "<int:item_id>": "999", "<int:handout_id>": "999",
               "<any(approve, refuse):verdict>": "approve", "<session_id>": "Phiên X",
               "<cat_id>": "khong-co", "<secret>": "not-a-delegation-link"}


def routes(app) -> set:
    return {(method, rule.rule) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


@pytest.fixture
def callers(app, kdb, station_token):
    """A test client for each role, logged in the way that role really is."""
    made = {"anonymous": app.test_client()}
    made["station"] = app.test_client()
    made["station"].environ_base["HTTP_AUTHORIZATION"] = f"Bearer {station_token}"
    for n, role in enumerate(("organiser", "desk", "volunteer", "viewer")):
        accounts.set_password(kdb, f"tk-{role}", "mat-khau-dai-1", role)
        client = made[role] = app.test_client()
        assert login_form(client, f"tk-{role}", "mat-khau-dai-1",
                          address=f"10.0.1.{n}").status_code == 302
    made["share"] = app.test_client()
    assert made["share"].get(f"/share/{accounts.share_token(kdb)}").status_code == 302
    made["head"] = app.test_client()  # a delegation head's phone, by its link
    _, secret = delegation.issue_links(kdb, ("btc", "organiser"))[0]
    assert made["head"].get(f"/doan/{secret}").status_code == 302
    return made


def test_every_route_is_in_the_role_table(app):
    assert routes(app) == set(TABLE), "a route is missing from tests/test_roles.py's TABLE"


def got_in(response) -> bool:
    location = response.headers.get("Location", "")
    if response.status_code in (401, 403):
        return False
    return not (response.status_code == 302 and ("/login" in location
                                                 or location.endswith("/projector")))


@pytest.mark.parametrize("method, rule", sorted(TABLE))
def test_each_role_gets_in_where_the_table_says_and_nowhere_else(callers, method, rule):
    path = rule
    for placeholder, value in SAMPLE_ARGS.items():
        path = path.replace(placeholder, value)
    allowed = TABLE[(method, rule)]
    for role in ROLES:
        response = callers[role].open(path, method=method, json={} if method == "POST" else None)
        assert response.status_code < 500, (role, method, rule, response.status_code)
        if allowed != PUBLIC:
            assert got_in(response) == (role in allowed), (role, method, rule,
                                                           response.status_code)
        response.close()


def test_phone_numbers_only_for_organisers_and_the_help_desk(callers):
    for role in ("organiser", "desk"):
        snapshot = callers[role].get("/api/dashboard?session=chinh-thuc").get_json()
        assert any(person["phone"] for person in snapshot["absent"]), role
    for role in ("viewer", "share"):
        snapshot = callers[role].get("/api/dashboard?session=chinh-thuc").get_json()
        assert "absent" not in snapshot and "phone" not in str(snapshot), role
    assert callers["volunteer"].get("/api/dashboard").status_code == 403


def test_the_profile_reaches_organisers_only_and_never_a_station(callers, kdb):
    """Every GET route, as every role that gets in, asked for one delegate whose profile
    is filled in: ethnicity and Party membership (sensitive, Nghị định 356/2025/NĐ-CP,
    Điều 4) and the rest of the profile come back to organisers only (web/access.py FIELDS)."""
    kdb.execute("UPDATE delegates SET gender = 'Nữ', birth_year = 1961, ethnicity = 'Ơ Đu', "
                "party = 1, education = 'Thạc sĩ' WHERE code = 'CN010'")
    kdb.conn.commit()
    seen = {role: "" for role in ROLES}
    for (method, rule), allowed in sorted(TABLE.items()):
        if method != "GET":
            continue
        path = rule
        for placeholder, value in SAMPLE_ARGS.items():
            path = path.replace(placeholder, value)
        for role in ROLES:
            if allowed != PUBLIC and role not in allowed:
                continue
            response = callers[role].get(path + "?q=CN010&session=chinh-thuc")
            if response.mimetype in ("application/json", "text/html", "text/csv"):
                seen[role] += response.get_data(as_text=True)
            response.close()
    for role, text in seen.items():
        sensitive = "Ơ Đu" in text or "\\u01a0 \\u0110u" in text or '"ethnicity"' in text \
            or '"party"' in text or '"birth_year"' in text
        assert sensitive == (role == "organiser"), role
    found = callers["organiser"].get("/api/admin/delegates?q=CN010").get_json()["results"][0]
    assert (found["ethnicity"], found["party"], found["birth_year"]) == ("Ơ Đu", 1, 1961)
    desk = callers["desk"].get("/api/admin/delegates?q=CN010").get_json()["results"][0]
    assert desk["phone"] and "gender" not in desk  # the desk phones people, no more


def test_kiosk_user_add_list_remove(event_path, kdb):
    from click.testing import CliRunner

    from kiosk.cli import main

    runner = CliRunner()
    added = runner.invoke(main, ["user", "add", "tnv-01", "--role", "volunteer", "--db",
                                 str(event_path)])
    assert added.exit_code == 0, added.output
    password = added.output.strip().splitlines()[-1]  # generated, shown once
    assert accounts.check_login(kdb, "tnv-01", password)["role"] == "volunteer"
    listed = runner.invoke(main, ["user", "list", "--db", str(event_path)])
    assert "tnv-01\tvolunteer" in listed.output and password not in listed.output
    bad = runner.invoke(main, ["user", "add", "x", "--role", "desk", "--password", "ngan",
                               "--db", str(event_path)])
    assert bad.exit_code == 1 and "ít nhất 10 ký tự" in bad.output
    assert runner.invoke(main, ["user", "remove", "tnv-01", "--db",
                                str(event_path)]).exit_code == 0
    assert accounts.check_login(kdb, "tnv-01", password) is None
    again = runner.invoke(main, ["user", "remove", "tnv-01", "--db", str(event_path)])
    assert again.exit_code == 1 and "Không có tài khoản" in again.output
    # the last organiser stays, from the terminal as from the setup page
    runner.invoke(main, ["user", "add", "btc-1", "--role", "organiser", "--db", str(event_path)])
    last = runner.invoke(main, ["user", "remove", "btc-1", "--db", str(event_path)])
    assert last.exit_code == 1 and "Ban Tổ chức cuối cùng" in last.output


def test_refused_scans_are_counted_for_the_desk_not_for_the_hall(callers):
    for role in ("organiser", "desk"):
        assert "refused" in callers[role].get("/api/dashboard").get_json(), role
    for role in ("viewer", "share"):
        assert "refused" not in callers[role].get("/api/dashboard").get_json(), role
