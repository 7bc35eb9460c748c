// The record: the check-in log and refused scans with their filters, and (organisers)
// the audit trail. Everything is put on the page as text, never as HTML.
import { $, api, el } from "./common.js";

const form = $("log-filters");
let asked = 0; // the latest filters asked for: an older answer arriving late is dropped

async function loadLog() {
  const query = new URLSearchParams();
  for (const input of form.elements)
    if (input.name && input.value) query.set(input.name, input.value);
  const mine = ++asked;
  try {
    const { entries, limit } = await api(`/api/admin/checkins?${query}`);
    if (mine !== asked) return; // filters changed meanwhile: their answer draws the table
    $("log-table").tBodies[0].replaceChildren(
      ...entries.map((e) => {
        const tr = el("tr", null, "entry " + e.color);
        tr.dataset.result = e.result;
        const who = e.name ? `${e.name} (${e.code})` : e.scanned ? `“${e.scanned}”` : "";
        const note = [e.reason, e.kind === "undo" || e.undoes ? `bởi ${e.actor}` : ""]
          .filter(Boolean)
          .join(" — ");
        // a date, a time and a door's name are words that never break (log.css)
        tr.append(el("td", e.date, "when"), el("td", e.time, "when"));
        tr.append(el("td", e.station, "word"));
        for (const text of [
          e.session_name,
          e.label,
          e.method_label,
          who,
          e.delegation || "",
          note,
        ]) {
          tr.append(el("td", text));
        }
        return tr;
      })
    );
    const box = $("log-message");
    box.hidden = entries.length < limit && entries.length > 0;
    box.textContent = entries.length
      ? `Chỉ hiện ${limit} lượt gần nhất; thu hẹp bộ lọc để xem lượt cũ hơn.`
      : "Không có lượt nào khớp bộ lọc.";
  } catch (e) {
    if (mine !== asked) return;
    $("log-table").tBodies[0].replaceChildren(); // no rows of other filters under a refusal
    $("log-message").hidden = false;
    $("log-message").textContent = e.message;
  }
}
form.addEventListener("change", loadLog);
loadLog();

async function loadAudit() {
  if (!$("audit-table")) return;
  try {
    const { entries, chains } = await api("/api/admin/audit");
    $("chains").replaceChildren(
      ...chains.map((c) =>
        el(
          "li",
          c.broken
            ? `KHÔNG NGUYÊN VẸN — ${c.broken}`
            : `${c.name}: ${c.rows} dòng, nguyên vẹn; mã đầu chuỗi ${c.head}`,
          c.broken ? "broken" : "whole"
        )
      )
    );
    // the trail as read (kiosk/services/records.py audit_trail): Vietnamese action names,
    // Hà Nội times, "Field: before → after"; the codes and JSON stay in the CSV
    $("audit-table").tBodies[0].replaceChildren(
      ...entries.map((e) => {
        const tr = el("tr");
        tr.dataset.action = e.action;
        tr.append(
          el("td", String(e.seq)),
          el("td", e.when, "when"),
          el("td", e.who, "word"),
          el("td", e.action_name, "action"),
          cell(e.subject || ""),
          changes(e.changes),
          cell(e.note || "")
        );
        return tr;
      })
    );
  } catch {
    /* the log's message says it */
  }
}
// A long change (seats given to hundreds of people) folded to its beginning, whole on a
// click: a row stays a line or two high and the table readable
const LONG = 240;
function cell(text) {
  if (text.length <= LONG) {
    const td = el("td");
    td.append(whole(text));
    return td;
  }
  const more = el("details");
  more.append(el("summary", `${text.slice(0, 160)}… (${text.length} ký tự)`), el("div", text));
  const td = el("td");
  td.append(more);
  return td;
}

// Text whose hyphenated words (a file name, a door's name, a seat) never break at their
// hyphens: "khen-thuong.xlsx" split as "khen- / thuong.xlsx" on a phone
function whole(text) {
  const out = document.createDocumentFragment();
  for (const part of text.split(/(\S*-\S*)/)) {
    if (part) out.append(part.includes("-") ? el("span", part, "word") : part);
  }
  return out;
}

// A change line by line; a long one (seats given to hundreds of people) folded as above
function changes(lines) {
  const whole = lines.join("; ");
  const td = el("td", null, "changes");
  const list = (box) => {
    for (const line of lines) box.append(el("div", line));
    return box;
  };
  if (whole.length <= LONG) return list(td);
  const more = el("details");
  more.append(
    el("summary", `${whole.slice(0, 160)}… (${lines.length} thay đổi, ${whole.length} ký tự)`),
    list(el("div"))
  );
  td.append(more);
  return td;
}

loadAudit();
