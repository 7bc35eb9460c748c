// An ES module every page imports: calls to the hub's API and its one error
// shape, building elements, numbers in Vietnamese, and the rules the pages share with
// Python, read from the page (web/pages.py puts them on <body>) rather than copied here.
export const $ = (id) => document.getElementById(id);
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const data = document.body.dataset;
const RELOAD_AFTER_MS = 300; // followSession: a burst of changes, one reload

// A JSON call; a refusal throws an Error with the hub's Vietnamese message and its
// HTTP status (web/errors.py: {"error": {"status", "reason", "message"}}); a network
// failure throws one without a status.
export async function api(path, options = {}) {
  const headers = Object.assign({ "X-CSRFToken": csrf }, options.headers || {});
  const response = await fetch(
    path,
    Object.assign({ credentials: "same-origin" }, options, { headers })
  );
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const err = new Error((body.error && body.error.message) || "HTTP " + response.status);
    err.status = response.status;
    err.reason = body.error && body.error.reason;
    err.field = body.error && body.error.field; // a form's field at fault
    err.body = body; // an answer that is a report, not an error (the roster upload)
    throw err;
  }
  return body;
}

// JSON sent with a method (POST by default): the back office's writes
export const send = (path, body, method = "POST") =>
  api(path, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body || {}),
  });

// a page's message line (a <p class="notice">): "switched" (blue) or "early" (amber)
export const notice = (id) => (text, kind) => {
  const box = $(id);
  box.textContent = text;
  box.className = "notice " + (kind || "switched");
  box.hidden = false;
};

// a <button type="button"> that does `action` when pressed
export function button(text, cls, action) {
  const b = el("button", text, cls);
  b.type = "button";
  b.addEventListener("click", action);
  return b;
}

export function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

// 93.2 -> "93,2%": a decimal comma, as Vietnamese writes it
export const pct = (p) => String(p).replace(".", ",") + "%";

// Twin of badges/text.py fold(): lower case, no diacritics, đ/Đ -> d. Change both together.
export const fold = (s) =>
  (s || "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();

// badges/codes.py PAYLOAD_RE and core/outcomes.py, as the server sent them
export const payloadPattern = new RegExp(data.payloadPattern || "^$", "i");
export const shortLabels = JSON.parse(data.shortLabels || "{}");

// The programme: the hub's stream says which session is in progress, first and on
// every change (by the clock, or because organisers changed the schedule). The page
// follows a change and says so; a volunteer's own choice stands until the next one.
export function followProgramme(source, holder, onChange) {
  source.addEventListener("session", (e) => {
    const p = JSON.parse(e.data);
    const notice = $("programme-notice");
    $("rehearsal-banner").hidden = !p.rehearsal;
    if (p.session !== holder.dataset.programme) {
      // what this page last heard
      holder.dataset.programme = p.session;
      const select = $("session");
      if (![...select.options].some((o) => o.value === p.session)) {
        select.add(new Option(p.session_name, p.session)); // the rehearsal, begun since
      }
      select.value = p.session;
      onChange(p);
      notice.textContent = `Đã chuyển sang ${p.session_name} theo chương trình.`;
      notice.hidden = false;
      notice.className = "notice switched";
    } else if (!p.open) {
      // the hub's own words for a scan now (core/programme.py: outcomes.NEXT_STEP)
      notice.textContent = p.notice;
      notice.hidden = false;
      notice.className = "notice early";
    } else if (notice.className === "notice early") {
      notice.hidden = true;
    }
  });
}

// A screen that follows the hub (the stage, the hall, the MC's screen, a head's phone):
// the counts-only stream, the page's "live" chip, which goes off when the hub's beats stop
// (every 2 s on an idle stream: silence means it froze even if the connection looks open,
// as kiosk/hub.js LOST_AFTER_MS), and `reload()`, debounced here for every page (a burst
// of check-ins is one refetch), when the shown session's counts move (`session()`; none:
// any session's), the connection comes back, or the programme's `counter` moves
// (core/programme.py: "ceremony" for the stage, "seating" for the hall, "mc" for the MC;
// none: any programme event). `programme` (default true): the page has a session picker
// and follows the programme as followProgramme does. `dropped()`: what the page does
// when the connection drops (a head's phone asks whether its link still stands).
export function followSession(holder, reload, options = {}) {
  const { session = null, counter = null, programme = true, dropped = () => {} } = options;
  const source = new EventSource("/api/stream?only=counts");
  const live = $("live");
  let quiet = null;
  let pending = null;
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(reload, RELOAD_AFTER_MS);
  };
  const lost = () => {
    live.textContent = "Mất kết nối — đang nối lại…";
    live.className = "live off";
  };
  const heard = () => {
    clearTimeout(quiet);
    quiet = setTimeout(lost, 4000);
    if (live.className === "live on") return;
    live.textContent = "Trực tiếp";
    live.className = "live on";
  };
  source.onopen = () => {
    heard();
    soon(); // (again) after a drop: whatever changed meanwhile
  };
  source.onerror = () => {
    lost();
    dropped();
  };
  source.addEventListener("beat", heard);
  source.addEventListener("counts", (e) => {
    heard();
    if (!session || JSON.parse(e.data).session === session()) soon();
  });
  let seen = null; // the counter as last announced
  source.addEventListener("session", (e) => {
    heard();
    if (!counter) return soon();
    const now = JSON.parse(e.data)[counter];
    if (seen !== null && now !== seen) soon();
    seen = now;
  });
  if (programme) followProgramme(source, holder, soon);
  return source;
}
