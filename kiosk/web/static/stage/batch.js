// A batch as the stage screen draws it: its form, who presents it (organisers may name
// them), and the recipients with their seats.
import { el } from "../common.js";
import { act, canName, inlineForm, session } from "./page.js";

function person(r) {
  const li = el("li");
  const who = el("span", r.name, "name");
  li.append(who);
  const about = [r.title, r.unit].filter(Boolean).join(", ");
  if (about) li.append(el("span", ` — ${about}`, "about"));
  if (r.collective) li.append(el("span", ` (nhận cho ${r.collective})`, "collective"));
  if (r.on_behalf_of) li.append(el("span", ` (nhận thay ${r.on_behalf_of.name})`, "proxy"));
  // the seat an usher reads on a phone: a chip of its own, never split across lines
  li.append(" ", el("span", r.seat ? `Ghế ${r.seat}` : "Chưa có ghế", "seat"));
  return li;
}

// organisers: the leader who presents a batch ("đồng chí … lên trao")
function presenterForm(b) {
  const field = { name: "presenter", value: b.presenter || "", maxLength: 200 };
  field.placeholder = "Họ tên, chức vụ người trao";
  return inlineForm("presenter-form", field, "Lưu người trao", (presenter) =>
    act(`/api/ceremony/presenters`, { session: session(), batch: b.number, presenter })
  );
}

export function batch(holder, b, none) {
  holder.replaceChildren();
  if (!b) {
    holder.append(el("p", none, "none"));
    return;
  }
  const title = el(
    "h3",
    b.supplementary ? `Lượt bổ sung — ${b.award}` : `Lượt ${b.number} — ${b.award}`
  );
  if (b.supplementary) title.append(el("small", ` (lượt ${b.number})`));
  holder.append(title);
  holder.append(
    el("p", b.presenter ? `Đồng chí ${b.presenter} lên trao` : "Chưa có người trao", "presenter")
  );
  if (canName) holder.append(presenterForm(b));
  const list = el("ol");
  b.recipients.forEach((r) => list.append(person(r)));
  holder.append(list);
}
