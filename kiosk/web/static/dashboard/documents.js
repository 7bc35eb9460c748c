// Organisers: the documents and souvenirs for the delegations (tài liệu, kỷ yếu, quà lưu
// niệm), each item with what remains to hand out, as the hub computed it (GET
// /api/documents; the rule of what is due is kiosk/services/documents.py's).
import { $, api, button, el, notice, send } from "../common.js";

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
  chooseItems(items);
}

// the desk's hand-out: a delegation, an item, how many (none: all still due), who received
const hand = $("documents-hand");
const say = notice("documents-message");
let shownItems = "";

function chooseItems(items) {
  const key = JSON.stringify(items.map((i) => [i.id, i.name]));
  if (key === shownItems) return; // what the desk is choosing stays chosen
  shownItems = key;
  hand.elements.what.replaceChildren(...items.map((i) => new Option(i.name, i.id)));
}

async function loadDelegations() {
  try {
    const { delegations } = await api("/api/admin/delegations");
    hand.elements.delegation.replaceChildren(
      ...delegations.map((d) => new Option(d.delegation, d.delegation))
    );
    rollLink();
  } catch {
    /* the table still shows what is left */
  }
}

function rollLink() {
  const chosen = hand.elements.delegation.value;
  $("documents-roll").href =
    "/admin/documents-roll.pdf" + (chosen ? `?delegation=${encodeURIComponent(chosen)}` : "");
  loadHandouts();
}

// what the chosen delegation was handed, newest first: one marked by mistake is taken back
async function loadHandouts() {
  const chosen = hand.elements.delegation.value;
  if (!chosen) return;
  try {
    const { handouts } = await api(
      `/api/documents/handouts?delegation=${encodeURIComponent(chosen)}`
    );
    if (chosen !== hand.elements.delegation.value) return; // another chosen meanwhile
    $("documents-handouts").replaceChildren(
      ...(handouts.length
        ? handouts.map((h) => {
            const li = el("li", `${h.time} — ${h.item} × ${h.count}, người nhận: ${h.received_by}`);
            li.dataset.handout = h.id;
            li.append(
              " ",
              button("Hủy lượt này", "undo", () => takeBack(h))
            );
            return li;
          })
        : [el("li", "Chưa phát gì cho đoàn này.", "empty")])
    );
  } catch (err) {
    say(err.message, "early");
  }
}

async function takeBack(h) {
  const reason = window.prompt(`Hủy lượt phát ${h.item} × ${h.count} (${h.time})? Ghi lý do:`);
  if (reason === null) return;
  try {
    await send(`/api/documents/handouts/${h.id}/undo`, { reason });
    say(`Đã hủy lượt phát ${h.item} × ${h.count}.`);
    refreshDocuments();
    loadHandouts();
  } catch (err) {
    say(err.message, "early");
  }
}

if ($("documents")) {
  refreshDocuments();
  setInterval(refreshDocuments, 10000);
  loadDelegations();
  hand.elements.delegation.addEventListener("change", rollLink);
  hand.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = hand.elements;
    const body = { delegation: f.delegation.value, received_by: f.received_by.value.trim() };
    if (f.count.value.trim()) body.count = Number(f.count.value.trim());
    try {
      const made = await send(`/api/documents/${f.what.value}/handed`, body);
      say(`Đã ghi: ${f.delegation.value} nhận ${made.count} ${f.what.selectedOptions[0].text}.`);
      f.count.value = "";
      refreshDocuments();
      loadHandouts();
    } catch (err) {
      say(err.message, "early");
    }
  });
}
