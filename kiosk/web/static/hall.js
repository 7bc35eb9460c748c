// The ushers' hall: every seat of the session's chart, who sits there and who is already
// in. It follows the live stream's counts (a check-in at any door moves them) and reads
// the chart again; a name, a code or a seat typed in the search lights up that seat, so
// that an usher can walk a delegate to it.
import { $, api, el, fold, followSession } from "./common.js";

const session = () => $("session").value;
let shown = null;

async function load() {
  const wanted = session();
  const got = await api(`/api/hall?session=${encodeURIComponent(wanted)}`);
  if (got.session !== session()) return;
  shown = got;
  $("hall-error").hidden = true;
  render();
}

function showError(err) {
  const box = $("hall-error");
  box.textContent = err.message || "Không tải được sơ đồ hội trường.";
  box.hidden = false;
}

function render() {
  const c = shown.counts;
  $("counts").textContent =
    `${c.present}/${c.expected} người dự ${shown.session_name} đã vào chỗ; ` +
    `${c.taken}/${c.seats} ghế có người.`;
  const rows = shown.rows.map((line) => {
    const row = el("div", null, "hall-row");
    row.append(el("span", line.label, "row-label"));
    for (const s of line.seats) {
      const seat = el("span", null, `seat ${s.state}`);
      seat.dataset.label = s.label;
      seat.dataset.find = fold([s.name, s.code, s.label].filter(Boolean).join(" "));
      seat.title = [s.label, s.name, s.delegation].filter(Boolean).join(" — ");
      if (s.color) seat.style.borderColor = s.color;
      seat.append(el("small", String(s.number)));
      if (s.name) seat.append(el("span", s.name, "who"));
      row.append(seat);
    }
    return row;
  });
  $("rows").replaceChildren(...rows);
  // seats narrow enough for the longest row to fit the window (hall.css --seats)
  const widest = Math.max(1, ...shown.rows.map((line) => line.seats.length));
  $("plan").style.setProperty("--seats", String(widest + 1));
  const print = $("print");
  if (print) print.href = `/hall.pdf?session=${encodeURIComponent(session())}`;
  find();
}

function find() {
  const words = fold($("find").value).split(/\s+/).filter(Boolean);
  const box = $("found");
  let first = null;
  let count = 0;
  for (const seat of document.querySelectorAll("#rows .seat")) {
    const hit = words.length > 0 && words.every((w) => seat.dataset.find.includes(w));
    seat.classList.toggle("hit", hit);
    if (hit) {
      count += 1;
      first = first || seat;
    }
  }
  if (!words.length) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.textContent = first
    ? `${first.title}` + (count > 1 ? ` (và ${count - 1} chỗ khác khớp)` : "")
    : "Không thấy ai khớp trong sơ đồ.";
  if (first) first.scrollIntoView({ block: "center", inline: "center" });
}

$("find").addEventListener("input", find);
$("session").addEventListener("change", () => load().catch(showError));
load().catch(showError);
// who came in moves the counts; the programme event carries the seating's counter (a
// new plan, seats given or moved by the organisers or the desk)
followSession($("hall"), () => load().catch(showError), { session, counter: "seating" });
