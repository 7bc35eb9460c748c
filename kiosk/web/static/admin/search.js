// The desk's search: a delegate found by name (no diacritics needed), code, unit or
// seat, each shown as a card.
import { say, onRefresh } from "./page.js";
import { card } from "./card.js";
import { $, api } from "../common.js";

let timer = null;

// typed: the last message goes; after an action: its message stays beside the new cards
export async function lookup(typed = false) {
  const q = $("lookup").value.trim();
  if (!q) {
    $("found").replaceChildren();
    return;
  }
  try {
    const data = await api(`/api/admin/delegates?q=${encodeURIComponent(q)}`);
    if (q !== $("lookup").value.trim()) return; // typed on meanwhile: a newer one comes
    $("found").replaceChildren(...data.results.map(card));
    if (!data.results.length) say("Không tìm thấy ai khớp với điều đã gõ.", "early");
    else if (typed) $("admin-message").hidden = true;
  } catch (e) {
    say(e.message, "early");
  }
}

onRefresh(lookup);
$("lookup").addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => lookup(true), 200);
});
if ($("lookup").value.trim()) lookup(); // typed before this script had loaded
