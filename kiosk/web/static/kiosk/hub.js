// The door's line to the hub: the live count in the header, whether the hub is heard
// (its stream's beats), and on an entrance station whether the hub is reachable.
import { session } from "./state.js";
import { $, api, followProgramme, pct } from "../common.js";

export function showStats(s) {
  $("present").textContent = s.present;
  $("expected").textContent = s.expected;
  $("percent").textContent = `(${pct(s.percent)})`;
}

export async function refreshStats() {
  try {
    showStats(await api("/api/stats?session=" + encodeURIComponent(session())));
  } catch {
    /* next time */
  }
}

// the live count: pushed by the hub's stream; a slow poll covers a stream that is down.
// The stream beats every 2 s while idle (web/stream.py KEEPALIVE_SECONDS): two beats
// missed, or the connection dropped, and the page says at once that the hub is gone,
// before anyone scans; and again when it is back.
const LOST_AFTER_MS = 4000;
let lostTimer = null,
  lost = false;
function hubLost() {
  clearTimeout(lostTimer);
  if (lost) return;
  lost = true;
  const box = $("hub-state");
  box.textContent = "Mất kết nối với máy chủ — lượt quét lúc này chưa được ghi. Đang thử nối lại…";
  box.className = "notice lost";
  box.hidden = false;
}
function alive() {
  clearTimeout(lostTimer);
  lostTimer = setTimeout(hubLost, LOST_AFTER_MS);
  if (!lost) return;
  lost = false;
  const box = $("hub-state");
  box.textContent = "Đã kết nối lại với máy chủ.";
  box.className = "notice switched";
  setTimeout(() => {
    if (!lost) box.hidden = true;
  }, 4000);
  refreshStats();
}
function listen() {
  // only each session's counts when they move: a burst of check-ins at every door is one
  // short message here, not every door's every scan
  const source = new EventSource("/api/stream?only=counts");
  source.addEventListener("counts", (e) => {
    alive();
    const ev = JSON.parse(e.data);
    if (ev.session === session()) showStats(ev.stats);
  });
  source.addEventListener("beat", alive);
  source.addEventListener("session", alive);
  source.onopen = () => {
    alive();
    refreshStats();
  }; // catch up after a reconnect
  source.onerror = () => {
    hubLost();
    // refused outright (the hub restarted without this page's login, a full hub):
    // the browser gives up, so this page tries again itself
    if (source.readyState === EventSource.CLOSED) setTimeout(listen, 3000);
  };
  followProgramme(source, $("screen"), () => refreshStats());
}
// on an entrance station: whether the hub is reachable, and what waits to be sent
async function refreshLink() {
  const chip = $("link");
  try {
    const link = await api("/api/link");
    if (link.online === null) return;
    chip.hidden = false;
    chip.className = link.online ? "link online" : "link offline";
    chip.textContent = link.online
      ? link.waiting
        ? `Hub: đang gửi ${link.waiting}`
        : "Hub: đã kết nối"
      : `Mất kết nối hub · ${link.waiting} chờ gửi`;
  } catch {
    /* the page itself is served by the station: try again */
  }
}

// the count now, the stream, and the polls that cover it
export function followHub() {
  refreshStats();
  listen();
  setInterval(refreshStats, 30000);
  // a station learns the hub's arrivals by pulling, not from its stream: poll the count too
  if ($("link")) {
    refreshLink();
    setInterval(() => {
      refreshLink();
      refreshStats();
    }, 3000);
  }
}
