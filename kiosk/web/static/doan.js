// A delegation head's phone (/doan, issue 31): the delegation as the hub computed it
// (GET /api/delegation), drawn again whenever the live stream says a session's counts or
// the programme moved (the hub sends a head the counts only, never anyone's name:
// views/live.py; common.js followSession debounces), and what a head does: an absence with
// its reason, a substitute for the desk, "Đã nhận" for the delegation's documents and
// souvenirs (POST /api/documents/<item>/handed) and for an award kept for handover (POST
// /api/delegation/awards/<id>/received). The rules (who is the head's, what counts as
// present, what the head may sign) are the hub's (services/delegation.py, handover.py);
// these modules draw and send: doan/page.js the calls and "Đã nhận", doan/draw.js the page.
import { $, followSession } from "./common.js";
import { draw } from "./doan/draw.js";
import { call, hooks } from "./doan/page.js";

async function reload() {
  try {
    draw(await call("/api/delegation"));
  } catch {
    // shown by gone() when the link was withdrawn; otherwise the next event retries
  }
}

function sendForm(form, path, fields, done) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const said = form.querySelector(".said");
    const body = {};
    for (const name of fields) body[name] = form.elements[name].value.trim();
    said.className = "said";
    try {
      await call(path, body);
      said.textContent = done;
      for (const input of form.querySelectorAll("input")) input.value = "";
      reload();
    } catch (error) {
      said.textContent = error.message;
      said.className = "said error";
    }
  });
}

sendForm(
  $("absence-form"),
  "/api/delegation/absences",
  ["code", "session", "reason"],
  "Đã ghi vắng có lý do."
);
sendForm(
  $("substitute-form"),
  "/api/delegation/substitutes",
  ["code", "name", "title", "unit", "reason"],
  "Đã gửi đề nghị; bàn hỗ trợ sẽ duyệt."
);
hooks.reload = reload;
reload();
// a head's page has no session picker; a dropped stream may be a withdrawn link
hooks.source = followSession($("doan"), reload, { programme: false, dropped: reload });
