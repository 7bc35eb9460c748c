// A card's absences with a reason: for one session or every session, and taken back.
import { say, refresh, reasonInput } from "./page.js";
import { button, el, send } from "../common.js";

// An absence the person came after all: the hub says so (admin.py _absence); the
// arrival is the story, the absence is struck through with when they came.
function absenceLine(a) {
  const text = `Vắng có lý do (${a.session_name}): ${a.reason}`;
  const line = el("div", null, "absence" + (a.superseded ? " superseded" : ""));
  line.append(a.superseded ? el("s", text) : text);
  if (a.arrived.length) {
    const when = a.arrived.map((x) => `${x.session_name} ${x.time}`).join(", ");
    const late = a.arrived.every((x) => x.after);
    line.append(" ", el("span", `(${late ? "đã đến sau" : "vẫn có mặt"}: ${when})`, "came"));
  }
  return line;
}

function cancelButton(d, a) {
  return button("Bỏ ghi vắng", "cancel-absence", async () => {
    try {
      await send(`/api/admin/delegates/${encodeURIComponent(d.code)}/absences/${a.id}/cancel`, {});
      say(`Đã bỏ ghi vắng (${a.session_name}) của ${d.name}.`);
      refresh();
    } catch (err) {
      say(err.message, "early");
    }
  });
}

export function absenceTools(d) {
  const box = el("div", null, "absences");
  for (const a of d.absences) {
    const line = absenceLine(a);
    line.append(" ", cancelButton(d, a));
    box.append(line);
  }
  const which = el("select", null, "absence-session");
  which.setAttribute("aria-label", "Vắng phiên nào");
  which.append(new Option("mọi phiên", "all"));
  for (const s of d.sessions) which.append(new Option(s.name, s.id));
  const reason = reasonInput("absence-reason", "Lý do vắng", "ví dụ: ốm, bận công tác");
  const add = button("Ghi vắng có lý do", "add-absence", async () => {
    if (!reason.value.trim()) {
      reason.focus();
      say("Ghi lý do vắng trước (ví dụ: ốm, bận công tác).", "early");
      return;
    }
    try {
      await send(`/api/admin/delegates/${encodeURIComponent(d.code)}/absences`, {
        session: which.value,
        reason: reason.value.trim(),
      });
      say(`Đã ghi ${d.name} vắng có lý do (${which.selectedOptions[0].textContent}).`);
      refresh();
    } catch (err) {
      say(err.message, "early");
    }
  });
  box.append(reason.label, which, " ", add);
  return box;
}
