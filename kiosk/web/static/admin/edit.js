// A person's fields changed at the desk (the walk-in form cloned into the card), with
// the profile the composition is made of for the logins the hub sends it to; a changed
// badge offered for printing again.
import { say, refresh, markField } from "./page.js";
import { FIELDS, formValues } from "./fields.js";
import { $, button, el, send } from "../common.js";

// The profile as a unit phones it in: the fields the hub sent this login
// (web/access.py FIELDS), each as an office's list would write it
const PROFILE = [
  ["gender", "Giới tính", ["", "Nam", "Nữ"]],
  ["birth_year", "Năm sinh"],
  ["ethnicity", "Dân tộc"],
  ["party", "Đảng viên", ["", "Có", "Không"]],
  ["education", "Trình độ"],
  ["distinction", "Danh hiệu"],
];
const asTyped = (d, name) =>
  name === "party"
    ? { 1: "Có", 0: "Không" }[d.party] || ""
    : d[name] == null
      ? ""
      : String(d[name]);

function profileFields(d) {
  const shown = PROFILE.filter(([name]) => name in d);
  if (!shown.length) return null;
  const box = el("fieldset", null, "profile-fields");
  box.append(el("legend", "Thông tin cơ cấu đại biểu"));
  for (const [name, label, choices] of shown) {
    const input = choices ? el("select") : el("input");
    input.name = name;
    if (choices) input.append(...choices.map((c) => el("option", c || "—")));
    if (choices) [...input.options].forEach((o, i) => (o.value = choices[i]));
    if (name === "birth_year") input.inputMode = "numeric";
    input.value = asTyped(d, name);
    const wrap = el("label", label);
    wrap.append(input);
    box.append(wrap);
  }
  return { box, names: shown.map(([name]) => name) };
}

// what the badge prints: a change to one of these asks for a new card
const PRINTED = ["name", "title", "unit", "category", "seat"];

function saved(d, r) {
  const reprint = PRINTED.some((name) => r.changed[name]);
  say(
    `Đã lưu ${Object.keys(r.changed).length} thay đổi của ${d.code}.` +
      (reprint ? " Thẻ in đang mang thông tin cũ: " : "")
  );
  if (reprint) {
    const link = el("a", "in lại thẻ (A6, cùng mã)", "print");
    link.href = `/admin/badges/${encodeURIComponent(d.code)}.pdf`;
    link.target = "_blank";
    $("admin-message").append(link);
  }
}

export function editForm(d, li) {
  if (li.querySelector("form")) return;
  const form = $("walk-in-form").cloneNode(true);
  form.removeAttribute("id");
  form.querySelector("label.check").remove();
  form.querySelector("button").textContent = "Lưu thay đổi";
  const profile = profileFields(d);
  if (profile) form.querySelector("button").before(profile.box);
  form.append(button("Thôi", "cancel", () => form.remove()));
  const current = {
    ...d,
    category: d.category_id,
    protocol: d.protocol == null ? "" : String(d.protocol),
  };
  for (const name of FIELDS) form.elements[name].value = current[name] || "";
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const values = formValues(form),
      changed = {};
    for (const name of FIELDS)
      if (values[name] !== (current[name] || "")) changed[name] = values[name];
    for (const name of profile ? profile.names : []) {
      const typed = form.elements[name].value.trim();
      if (typed !== asTyped(d, name)) changed[name] = typed;
    }
    if (!Object.keys(changed).length) {
      form.remove();
      return;
    }
    try {
      saved(d, await send(`/api/admin/delegates/${encodeURIComponent(d.code)}`, changed, "PATCH"));
      refresh();
    } catch (err) {
      markField(form, err);
      say(err.message, "early");
    }
  });
  li.append(form);
  form.elements.name.focus();
}
