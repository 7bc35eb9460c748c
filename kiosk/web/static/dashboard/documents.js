// Organisers: the documents and souvenirs for the delegations (tài liệu, kỷ yếu, quà lưu
// niệm), each item with what remains to hand out, as the hub computed it (GET
// /api/documents; the rule of what is due is kiosk/services/documents.py's).
import { $, api, el } from "../common.js";

const COLUMNS = ["name", "per_label", "prepared", "due", "handed", "remaining"];

async function refreshDocuments() {
  let items;
  try {
    ({ items } = await api("/api/documents"));
  } catch {
    return; // next time
  }
  const rows = items.map((item) => {
    const row = el("tr", null, item.remaining ? "left" : "done");
    row.dataset.item = item.id;
    row.append(...COLUMNS.map((key) => el("td", String(item[key]))));
    if (item.short) row.cells[2].append(el("small", ` (thiếu ${item.short})`, "short"));
    return row;
  });
  if (!rows.length) {
    const none = el("td", "Chưa khai báo tài liệu, quà nào (kiosk documents --add).");
    none.colSpan = COLUMNS.length;
    rows.push(el("tr", null, "none"));
    rows[0].append(none);
  }
  $("documents").tBodies[0].replaceChildren(...rows);
}

if ($("documents")) {
  refreshDocuments();
  setInterval(refreshDocuments, 10000);
}
