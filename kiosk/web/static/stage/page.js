// What the stage screen's modules share: the session shown, who may do what, the error
// line, an action sent then the programme read again, and a one-field form.
import { $, el, send } from "../common.js";

export const session = () => $("session").value;
export const canMark = $("stage").dataset.canMark === "yes"; // organisers and the desk
export const canName = $("stage").dataset.canName === "yes"; // organisers: who presents
export const hooks = { load: async () => {} }; // stage.js: the programme read again

export function showError(err) {
  const box = $("stage-error");
  box.textContent = err.message;
  box.hidden = false;
}

// `refused(err)`: a refusal the caller handles itself (true), else it is shown
export async function act(path, body, refused = () => false) {
  $("stage-error").hidden = true;
  $("proxy-confirm").hidden = true;
  if (document.activeElement) document.activeElement.blur(); // done typing: draw again
  try {
    await send(path, body);
    await hooks.load();
  } catch (err) {
    if (!refused(err)) showError(err);
  }
}

// a form of one field on a line, sent with its button (`submit` gets the field's text)
export function inlineForm(cls, field, label, submit) {
  const form = el("form", null, `inline-form ${cls}`);
  const input = Object.assign(el("input"), field);
  form.append(input, el("button", label));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit(input.value.trim());
  });
  return form;
}
