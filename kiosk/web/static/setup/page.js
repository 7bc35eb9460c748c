// What the setup page's modules share: its message line, a row's action once the
// organiser confirms it, a form's field at fault marked, and the file pickers that show
// the file chosen by name beside our own button (the browser's says "Choose File").
import { $, notice, send } from "../common.js";

// the page's one message line, kept in sight (admin.css: sticky); what was done goes
// after a few seconds so as not to cover the lists beneath, a refusal stays until the next
const shown = notice("setup-message");
let fading = null;
export function say(text, kind) {
  shown(text, kind);
  clearTimeout(fading);
  if (kind !== "early") fading = setTimeout(() => ($("setup-message").hidden = true), 8000);
}

// A row's action once the organiser confirms it: sent, said, its table read again.
export const confirmed = (question, path, done, reload) => async () => {
  if (!window.confirm(question)) return;
  try {
    await send(path);
    say(done);
    reload();
  } catch (e) {
    say(e.message, "early");
  }
};

// The field the hub named in its refusal (web/errors.py "field"), marked and focused
export function markField(form, error) {
  form.querySelectorAll(".bad").forEach((x) => x.classList.remove("bad"));
  const input = error && error.field && form.elements[error.field];
  if (input && input.classList) {
    input.classList.add("bad");
    input.focus();
  }
}

for (const label of document.querySelectorAll(".file-pick")) {
  const picked = label.querySelector("input[type=file]");
  const shown = () => {
    label.querySelector(".file-name").textContent = picked.files.length
      ? picked.files[0].name
      : "Chưa chọn tệp";
  };
  picked.addEventListener("change", shown);
  picked.form.addEventListener("reset", () => setTimeout(shown));
}

export const roles = () => JSON.parse($("users").dataset.roles || "{}");
