// The doors' station credentials: issued (shown once, with a pairing QR code), each
// station's last contact, revoked at once.
import { say, confirmed } from "./page.js";
import { $, api, button, el, send } from "../common.js";

function contactOf(s) {
  if (s.revoked) return "đã thu hồi";
  if (s.seconds_ago === null) return "chưa liên lạc từ khi hub khởi động";
  return s.seconds_ago < 5 ? "vừa xong" : `${s.seconds_ago} giây trước`;
}

function row(s) {
  const tr = el("tr", null, s.revoked ? "revoked" : "");
  tr.dataset.station = s.name;
  tr.append(el("td", s.name), el("td", contactOf(s)));
  const cell = el("td");
  if (!s.revoked) {
    cell.append(
      button(
        "Thu hồi",
        "revoke",
        confirmed(
          `Thu hồi mã của trạm ${s.name}? Trạm sẽ bị từ chối ngay.`,
          `/api/admin/stations/${encodeURIComponent(s.name)}/revoke`,
          `Đã thu hồi mã của trạm ${s.name}.`,
          loadStations
        )
      )
    );
  }
  tr.append(cell);
  return tr;
}

export async function loadStations() {
  try {
    const { stations } = await api("/api/admin/stations");
    $("stations").tBodies[0].replaceChildren(...stations.map(row));
  } catch (e) {
    say(e.message, "early");
  }
}

$("station-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const r = await send("/api/admin/stations", { name: e.target.elements.name.value.trim() });
    $("credential-name").textContent = r.name;
    $("credential-qr").src = r.qr;
    $("credential-url").textContent = r.url;
    $("credential-token").textContent = r.token;
    $("credential-http").hidden = r.https;
    $("credential").hidden = false;
    e.target.reset();
    loadStations();
  } catch (err) {
    say(err.message, "early");
  }
});
