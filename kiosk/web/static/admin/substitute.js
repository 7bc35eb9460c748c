// A substitute: asked for in a card, approved by an organiser (at once when one asks);
// the requests waiting for approval listed for the organisers.
import { say, refresh, reasonInput, markField, openBadge } from "./page.js";
import { $, api, button, el, send } from "../common.js";

const FIELDS = [
  ["name", "Họ và tên người thay thế"],
  ["title", "Chức vụ"],
  ["unit", "Đơn vị"],
  ["phone", "Số điện thoại"],
];

function substituteForm(d) {
  const form = el("form", null, "person-form substitute-form");
  for (const [name, label] of FIELDS) {
    const field = el("label", label);
    const input = el("input");
    input.name = name;
    field.append(input);
    form.append(field);
  }
  const reason = reasonInput(
    "substitute-reason",
    "Lý do thay thế",
    "ví dụ: ốm, đơn vị cử người khác đi thay"
  );
  reason.name = "reason";
  form.append(reason.label);
  const submit = el(
    "button",
    $("admin").dataset.role === "organiser" ? "Thay thế (đã duyệt)" : "Gửi đề nghị"
  );
  submit.type = "submit";
  form.append(submit);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { approve: true };
    for (const input of form.querySelectorAll("input")) body[input.name] = input.value.trim();
    try {
      const r = await send(`/api/admin/delegates/${encodeURIComponent(d.code)}/substitute`, body);
      if (r.substitute) {
        say(`${r.name} thay ${d.name}: mã ${r.substitute}. Thẻ A6 đang mở để in.`);
        openBadge(r);
        $("lookup").value = r.substitute;
      } else {
        say(`Đã gửi đề nghị thay ${d.name}; chờ Ban Tổ chức duyệt.`);
      }
      refresh();
      loadSubstitutions();
    } catch (err) {
      markField(form, err);
      say(err.message, "early");
    }
  });
  return form;
}

export function substituteTools(d) {
  const open = el("button", "Đề nghị người thay thế", "substitute");
  open.type = "button";
  const box = el("div", null, "substitute-box");
  box.append(open);
  open.addEventListener("click", () => {
    if (box.querySelector("form")) return;
    const form = substituteForm(d);
    box.append(form);
    form.elements.name.focus();
  });
  return box;
}

function waiting(s) {
  const li = el(
    "li",
    `${s.name}${s.title ? ", " + s.title : ""} thay ${s.original_name} (${s.original_code}) — ${s.reason} — đề nghị bởi ${s.requested_by}`
  );
  for (const [verdict, label] of [
    ["approve", "Duyệt"],
    ["refuse", "Không duyệt"],
  ]) {
    const b = button(label, verdict, async () => {
      try {
        const r = await send(`/api/admin/substitutions/${s.id}/${verdict}`, {});
        if (verdict === "approve") {
          say(
            `Đã duyệt: ${r.name} thay ${s.original_name}, mã ${r.substitute}. Thẻ A6 đang mở để in.`
          );
          openBadge(r);
        } else say(`Không duyệt đề nghị thay ${s.original_name}.`);
        loadSubstitutions();
      } catch (err) {
        say(err.message, "early");
      }
    });
    li.append(" ", b);
  }
  return li;
}

export async function loadSubstitutions() {
  const list = $("substitutions");
  if (!list) return;
  try {
    const { substitutions } = await api("/api/admin/substitutions");
    const open = substitutions.filter((s) => !s.approved_at);
    list.replaceChildren(
      ...(open.length ? open.map(waiting) : [el("li", "Không có đề nghị nào chờ duyệt.")])
    );
  } catch {
    /* shown on the next action */
  }
}
