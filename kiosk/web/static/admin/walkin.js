// A walk-in: a person added at the door, given a code, checked in if asked, and their
// badge opened for printing; a name already on the list is shown first and a second
// press adds anyway.
import { say, refresh, markField, openBadge } from "./page.js";
import { formValues } from "./fields.js";
import { $, send } from "../common.js";

let sameNameOk = ""; // the name the desk confirmed is someone else's, after a warning

$("walk-in-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const button = form.querySelector("button[type=submit]");
  if (button.disabled) return; // a double click adds nobody twice
  const body = { ...formValues(form), check_in: form.elements.check_in.checked };
  body.same_name_ok = sameNameOk !== "" && sameNameOk === body.name;
  button.disabled = true;
  try {
    const r = await send("/api/admin/delegates", body).finally(() => {
      button.disabled = false;
    });
    sameNameOk = "";
    markField(form, null);
    const checked = r.checkin ? ` ${r.checkin.label}.` : "";
    say(`Đã thêm ${r.name}, mã ${r.code}.${checked} Thẻ A6 đang mở để in.`);
    openBadge(r);
    form.reset();
    $("lookup").value = r.code;
    refresh();
  } catch (err) {
    if (err.reason === "same_name") {
      // show who is there; a second press adds anyway
      sameNameOk = body.name;
      $("lookup").value = body.name;
      refresh();
    }
    markField(form, err);
    say(err.message, "early");
  }
});
