"""The projector's share link can be withdrawn (issue 28: it could not): an organiser
makes a new one on the dashboard or with `kiosk share --renew`; the old link, and a
projector opened with it, are refused at once; the change is in the audit trail."""

from click.testing import CliRunner

from kiosk import accounts
from kiosk.cli import main


def open_projector(app, link: str):
    """A projector's browser: the link opened once, then the page and its figures."""
    screen = app.test_client()
    first = screen.get(link.replace("http://localhost", ""))
    return screen, first


def test_a_renewed_link_stops_the_old_one_and_its_projectors(app, organiser, kdb):
    old = f"/share/{accounts.share_token(kdb)}"
    projector, first = open_projector(app, old)
    assert first.status_code == 302
    assert projector.get("/api/dashboard?session=chinh-thuc").status_code == 200
    answer = organiser.post("/api/admin/share/renew", json={},
                            headers={"X-CSRFToken": organiser.csrf})
    assert answer.status_code == 200
    new = answer.get_json()["url"]
    assert old not in new
    assert projector.get("/api/dashboard?session=chinh-thuc").status_code == 401
    assert app.test_client().get(old).status_code == 401
    assert open_projector(app, new)[1].status_code == 302
    trail = kdb.execute("SELECT actor FROM audit WHERE action = 'share.renew'").fetchall()
    assert [row[0] for row in trail] == ["btc"]


def test_only_an_organiser_renews_it(app, station, kdb):
    before = accounts.share_token(kdb)
    assert station.post("/api/admin/share/renew", json={}).status_code in (401, 403)
    assert accounts.share_token(kdb) == before


def test_the_command_prints_the_link_and_renews_it(event_path, kdb):
    link = CliRunner().invoke(main, ["share", "--db", str(event_path)]).output.splitlines()[-1]
    assert link.endswith(accounts.share_token(kdb))
    result = CliRunner().invoke(main, ["share", "--db", str(event_path), "--renew",
                                       "--base", "https://192.168.1.10:8443"])
    assert result.exit_code == 0 and "ngừng hoạt động" in result.output
    renewed = result.output.splitlines()[-1]
    assert renewed.startswith("https://192.168.1.10:8443/share/") and renewed != link
