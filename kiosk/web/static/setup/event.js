// The event's sessions (name, times as Hà Nội writes them, who is summoned) and its
// categories (badge colours), each saved on its own.
import { say } from "./page.js";
import { $, api, el, send } from "../common.js";

let categories = [];

function categoryItem(c) {
  const li = el("li");
  li.dataset.category = c.id;
  const colour = el("input");
  colour.type = "color";
  colour.value = c.color.toLowerCase();
  colour.setAttribute("aria-label", `Màu thẻ ${c.name}`);
  colour.addEventListener("change", async () => {
    try {
      await send(`/api/admin/categories/${encodeURIComponent(c.id)}`, { color: colour.value });
      say(`Đã đổi màu thẻ ${c.name}.`);
    } catch (e) {
      say(e.message, "early");
    }
  });
  li.append(colour, " ", el("span", c.name + (c.delegate ? " (đại biểu)" : "")));
  return li;
}

export async function loadEvent() {
  try {
    const event = await api("/api/admin/event");
    categories = event.categories;
    // a session form the organiser is typing in is kept as it is: a refresh from
    // elsewhere (a roster applied, a category added) must not wipe what was typed
    const typing = {};
    for (const form of $("sessions-list").querySelectorAll("form[data-typed]"))
      typing[form.dataset.session] = form;
    $("sessions-list").replaceChildren(
      ...event.sessions.map((s) => typing[s.id] || sessionForm(s))
    );
    $("categories-list").replaceChildren(...categories.map(categoryItem));
  } catch (e) {
    say(e.message, "early");
  }
}

// twin of badges/schedule.py VIETNAMESE: '15/12/2026 13:30'
const MOMENT = "\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}[:hH]\\d{2}";

function field(form, label, name, value, moment) {
  const box = el("label", label);
  const input = el("input");
  input.name = name;
  input.type = "text";
  input.value = value;
  // a moment as Vietnamese write it, whatever the browser's locale (the browser's
  // own date control shows mm/dd/yyyy and AM/PM on an English laptop)
  if (moment)
    Object.assign(input, {
      placeholder: "dd/mm/yyyy hh:mm",
      pattern: MOMENT,
      inputMode: "numeric",
      size: 16,
    });
  box.append(input);
  form.append(box);
}

function summonedBox(s) {
  const who = el("fieldset", null, "summoned");
  who.append(el("legend", "Triệu tập"));
  for (const c of categories) {
    const box = el("label", null, "check");
    const tick = el("input");
    tick.type = "checkbox";
    tick.value = c.id;
    tick.checked = !s.summoned || s.summoned.includes(c.id);
    box.append(tick, " " + c.name);
    who.append(box);
  }
  return who;
}

function sessionForm(s) {
  const form = el("form", null, "inline-form session-form");
  form.dataset.session = s.id;
  field(form, "Tên phiên", "name", s.name);
  field(form, "Bắt đầu (giờ Hà Nội)", "starts", s.starts, true);
  field(form, "Kết thúc", "ends", s.ends, true);
  const who = summonedBox(s);
  form.append(who);
  const save = el("button", "Lưu phiên");
  save.type = "submit";
  form.append(save);
  form.addEventListener("input", () => (form.dataset.typed = "1"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ticked = [...who.querySelectorAll("input:checked")].map((x) => x.value);
    try {
      await send(`/api/admin/sessions/${encodeURIComponent(s.id)}`, {
        name: form.elements.name.value,
        starts: form.elements.starts.value,
        ends: form.elements.ends.value,
        summoned: ticked.length === categories.length ? "all" : ticked,
      });
      say(
        `Đã lưu ${form.elements.name.value}; các màn hình điểm danh theo lịch mới trong vài giây.`
      );
      delete form.dataset.typed; // saved: drawn again as the hub now has it
      loadEvent();
    } catch (err) {
      say(err.message, "early");
    }
  });
  return form;
}

$("session-add").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = e.target.elements;
  try {
    await send(`/api/admin/sessions/${encodeURIComponent(f.id.value.trim())}`, {
      name: f.name.value,
      starts: f.starts.value,
      ends: f.ends.value,
      summoned: "all",
    });
    say(`Đã thêm ${f.name.value}.`);
    e.target.reset();
    loadEvent();
  } catch (err) {
    say(err.message, "early");
  }
});

$("category-add").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = e.target.elements;
  try {
    const r = await send("/api/admin/categories", {
      name: f.name.value,
      color: f.color.value,
      delegate: f.delegate.checked,
    });
    say(`Đã thêm thành phần ${r.name}.`);
    e.target.reset();
    loadEvent();
  } catch (err) {
    say(err.message, "early");
  }
});
