// The awards nobody present can receive: by name for the organisers and the desk (who
// receives on the absent recipient's behalf, or kept and handed over later), counts by
// form for a viewer. A proxy not checked in is asked about on the page first.
import { $, el } from "../common.js";
import { act, canMark, inlineForm, session } from "./page.js";

// the hub's question in words, answered on the page (not window.confirm): yes resends
let confirmed = null;
function askConfirm(message, yes) {
  $("proxy-confirm-text").textContent = message;
  $("proxy-confirm").hidden = false;
  confirmed = yes;
  $("proxy-confirm-yes").focus();
}
if (canMark) {
  $("proxy-confirm-yes").addEventListener("click", () => confirmed && confirmed());
  $("proxy-confirm-no").addEventListener("click", () => {
    $("proxy-confirm").hidden = true;
    confirmed = null;
  });
}

// who receives on the absent recipient's behalf (a present delegate's code), or kept;
// one not checked in to the session is asked about first (409 "not_checked_in")
function proxyForm(a) {
  const path = `/api/ceremony/awards/${a.award_id}/absent`;
  const field = { name: "proxy", placeholder: "Mã người nhận thay", maxLength: 16, size: 12 };
  if (a.head) {
    // the head of the recipient's delegation, offered first; still the desk's to change
    field.value = a.head.code;
    field.title = `Trưởng đoàn: ${a.head.name}`;
  }
  const propose = (proxy, confirm) =>
    act(path, { proxy, session: session(), confirm }, (err) => {
      if (err.reason !== "not_checked_in") return false;
      askConfirm(err.message, () => propose(proxy, true));
      return true;
    });
  const form = inlineForm("absent-form", field, "Nhận thay", (proxy) => propose(proxy, false));
  if (a.head) form.prepend(el("span", `Trưởng đoàn ${a.head.name}: `, "head"));
  const keep = el("button", "Giữ lại");
  keep.type = "button";
  keep.addEventListener("click", () => act(path, { proxy: null }));
  form.append(keep);
  return form;
}

// kept for later: given to the head of the delegation, who signs the roll
function handoverForm(a) {
  const field = { name: "received_by", placeholder: "Họ tên người nhận bàn giao" };
  field.maxLength = 200;
  if (a.head) field.value = a.head.name; // the head of the delegation, who signs the roll
  return inlineForm("handover-form", field, "Ghi bàn giao", (receivedBy) =>
    act(`/api/ceremony/awards/${a.award_id}/handover`, { received_by: receivedBy })
  );
}

// the desk: for an absent recipient, a present delegate receives, or the award is kept
function absentItem(a) {
  const li = el(
    "li",
    `${a.collective ? a.collective + " — " : ""}${a.name}` +
      (a.decision === "kept"
        ? " (giữ lại để trao sau)"
        : a.proxy
          ? ` (người nhận thay ${a.proxy.name} chưa có mặt)`
          : " (chưa quyết định)")
  );
  if (!canMark) return li;
  if (a.handed_over_to) {
    li.append(el("span", ` — đã bàn giao cho ${a.handed_over_to}`, "handed-over"));
  } else {
    li.append(a.decision === "kept" ? handoverForm(a) : proxyForm(a));
  }
  return li;
}

// the absent of the programme `shown`, the `next` batch's form first
export function missingList(shown, next) {
  if (typeof shown.not_present === "number") {
    $("missing-count").textContent = `(${shown.not_present_count})`;
    $("missing").replaceChildren(
      ...shown.not_present_by_form.map((f) => el("li", `${f.award}: ${f.count} người vắng`))
    );
    return;
  }
  // the next form's absent first: who the ushers will not find
  const missing = [
    ...shown.not_present.filter((a) => next && a.award === next.award),
    ...shown.not_present.filter((a) => !next || a.award !== next.award),
  ];
  $("missing-count").textContent = `(${missing.length})`;
  $("missing").replaceChildren(
    ...missing.map((a) => {
      const li = absentItem(a);
      li.prepend(el("span", `${a.award}: `, "form"));
      return li;
    })
  );
}
