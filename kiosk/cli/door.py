"""`kiosk station`, `kiosk camera`, `kiosk decode`: what runs at an entrance."""

import sys
import time
from pathlib import Path

import click

from badges.cli import fail

from .options import stopped


@click.command()
@click.option("--upstream", required=True, metavar="URL",
              help="The hub's address on the venue network, e.g. http://192.168.1.10:8000")
@click.option("--token", required=True, envvar="KIOSK_STATION_TOKEN",
              help="This station's credential from `kiosk token` on the hub "
                   "(or $KIOSK_STATION_TOKEN).")
@click.option("--db", "db_path", default="station.db", show_default=True,
              type=click.Path(dir_okay=False), help="This station's own database.")
@click.option("--port", default=8001, show_default=True)
@click.option("--every", default=2.0, show_default=True, type=click.FloatRange(0.5, 300),
              help="Seconds between sync rounds.")
def station(upstream, token, db_path, port, every):
    """An entrance station: the kiosk on 127.0.0.1 that keeps checking people in when the
    hub cannot be reached, and syncs with it whenever it can."""
    import threading

    from .. import db as store
    from .. import station as stations
    from ..app import create_app
    from ..web import shared
    from ..web.server import serve as run

    db = store.connect(db_path)
    hub = stations.Upstream(upstream, token)
    try:
        name, local_token = stations.prepare(db, hub)
    except stations.Offline as exc:
        fail(f"{exc}. Lần chạy đầu cần kết nối hub để lấy danh sách đại biểu.")
    except stations.Refused as exc:
        fail(str(exc))
    app = create_app({"DATABASE": db_path, "UPSTREAM": upstream})
    stop = threading.Event()
    threading.Thread(target=stations.keep_in_sync, name="station-sync", daemon=True,
                     args=(db_path, hub, stop, every, click.echo,
                           shared.of(app).link)).start()
    click.echo(f"Trạm {name}, đồng bộ với {upstream} mỗi {every:g} giây.")
    click.echo(f"Màn hình điểm danh: http://127.0.0.1:{port}/kiosk?token={local_token}")
    stopped(db_path, run(app, "127.0.0.1", port, threads=32))


@click.command()
@click.option("--url", required=True, help="The station or hub, e.g. http://127.0.0.1:8000")
@click.option("--token", required=True, help="A station credential (kiosk token).")
@click.option("--device", type=int, default=0, show_default=True, help="Camera index.")
@click.option("--video", type=click.Path(exists=True, dir_okay=False),
              help="Read a video file instead of a camera.")
@click.option("--session", "session_id", help="Session id (default: the hub's current one).")
@click.option("--hold", default=3.0, show_default=True,
              help="Seconds a badge stays quiet after it was last seen.")
@click.option("--headless", is_flag=True, help="Print answers instead of showing a window.")
def camera(url, token, device, video, session_id, hold, headless):
    """Scan badges with a USB camera (or a video) and post check-ins."""
    from ..station import camera as loop

    window = not headless

    def show(answer, code):
        nonlocal window
        who = (answer.get("delegate") or {}).get("name", "")
        click.echo(f"{time.strftime('%H:%M:%S')}\t{code}\t{answer.get('result')}\t{who}")
        if window and not loop.show_window(answer, code):
            window = False
            click.echo("(OpenCV không có giao diện cửa sổ ở đây; chỉ in kết quả)", err=True)

    try:
        count = loop.run(video or device, loop.Poster(url, token, session_id), show, hold)
    except OSError as exc:
        fail(str(exc))
    click.echo(f"Đã gửi {count} lượt điểm danh.", err=True)


@click.command()
@click.argument("images", nargs=-1, required=True, type=click.Path())
def decode(images):
    """Print PATH<TAB>TEXT for the QR code in each image (TEXT empty when none)."""
    from ..qr import images as pictures

    status = 0
    for path in images:
        try:
            found, _ = pictures.decode_bytes(Path(path).read_bytes())
        except (OSError, pictures.NotAnImage, pictures.TooLarge) as exc:
            click.echo(f"{path}: {exc}", err=True)
            found, status = [], 1
        click.echo(f"{path}\t{found[0].text if found else ''}")
    sys.exit(status)


COMMANDS = [station, camera, decode]
