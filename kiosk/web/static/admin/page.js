// What the help desk's modules share: the message line, the search run again after an
// action (search.js sets it), a question asked in a card before an action that cannot
// be taken back, a reason's box, a refused field marked, a new badge opened for printing.
import { $, button, el, notice } from "../common.js";

export const say = notice("admin-message");

let again = () => {};
// the search run again, its message kept beside the new cards
export const refresh = () => again();
export const onRefresh = (lookup) => {
  again = lookup;
};

// a reason's box with its label saying what to write; `.label` is its label
export function reasonInput(cls, label, example) {
  const wrap = el("label", label, "reason-label");
  const input = el("input", null, cls);
  input.placeholder = example;
  input.maxLength = 200; // desk.py MAX_REASON
  wrap.append(" ", input);
  input.label = wrap;
  return input;
}

// An action that cannot be taken back asks first, in the card, naming the person: one
// question at a time per card; pressing "Thôi" or asking again closes it. The action
// runs once however often "yes" is pressed.
export function askFirst(li, question, yes, action) {
  li.querySelectorAll(".ask").forEach((box) => box.remove());
  const box = el("div", null, "ask");
  box.setAttribute("role", "alertdialog");
  const go = button(yes, "ask-yes", async () => {
    if (go.disabled) return;
    go.disabled = true;
    box.remove();
    await action();
  });
  box.append(
    el("p", question),
    go,
    button("Thôi", "ask-no", () => box.remove())
  );
  li.append(box);
  go.focus();
}

// the field the hub named in its refusal, marked and focused
export function markField(form, error) {
  form.querySelectorAll(".bad").forEach((x) => x.classList.remove("bad"));
  const input = error && error.field && form.elements[error.field];
  if (input) {
    input.classList.add("bad");
    input.focus();
  }
}

// A new badge (a walk-in's, an approved substitute's): opened for printing at once, and
// a link beside the message should the browser have held the window back
export function openBadge(r) {
  const code = r.substitute || r.code;
  const link = el("a", `In thẻ ${code} (A6)`, "print");
  link.href = r.print;
  link.target = "_blank";
  $("admin-message").append(" ", link);
  window.open(r.print, "_blank");
}
