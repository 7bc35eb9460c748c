// The honours ceremony: the order the forms are handed in, how many on stage at once.
import { say } from "./page.js";
import { $, api, send } from "../common.js";

export async function loadCeremony() {
  try {
    const c = await api("/api/admin/ceremony");
    $("ceremony-form").elements.order.value = c.order.join("\n");
    $("ceremony-form").elements.per_batch.value = c.per_batch;
  } catch (e) {
    say(e.message, "early");
  }
}

$("ceremony-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = e.target.elements;
  const order = f.order.value
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  try {
    await send("/api/admin/ceremony", { order, per_batch: Number(f.per_batch.value) });
    say("Đã lưu thứ tự trao khen thưởng.");
    loadCeremony();
  } catch (err) {
    say(err.message, "early");
  }
});
