// A delegate's card: who they are, each session's check-in, and the desk's tools
// (print, reissue a lost badge, edit, withdraw or restore, absences, a substitute).
import { say, refresh, reasonInput, askFirst } from "./page.js";
import { sessionLine } from "./sessions.js";
import { absenceTools } from "./absences.js";
import { substituteTools } from "./substitute.js";
import { editForm } from "./edit.js";
import { api, button, el, send } from "../common.js";

function head(d) {
  const top = el("div", null, "head");
  const chip = el("span", d.category, "chip");
  chip.style.background = d.category_color;
  chip.style.color = d.category_ink; // web/shapes.py: the ink that reads on it
  top.append(el("strong", d.name, "name"), chip, el("span", d.code, "code"));
  return top;
}

function details(d) {
  const more = el(
    "div",
    `Ghế ${d.seat || "—"} · Điện thoại ${d.phone || "—"}` +
      (d.active ? "" : " · ĐÃ RÚT KHỎI DANH SÁCH"),
    "info"
  );
  // the profile the composition is made of: only organisers get it from the hub
  // (web/access.py FIELDS); a distinction the help desk sees too
  const profile = [
    d.gender,
    d.birth_year && `sinh ${d.birth_year}`,
    d.ethnicity && `dân tộc ${d.ethnicity}`,
    d.party === 1 ? "Đảng viên" : d.party === 0 ? "Ngoài Đảng" : null,
    d.education,
    d.distinction,
  ].filter(Boolean);
  if (profile.length) more.append(el("div", profile.join(" · "), "profile"));
  return more;
}

export function card(d) {
  const li = el("li", null, "delegate");
  li.dataset.code = d.code;
  const info = el("div", [d.title, d.unit, d.delegation].filter(Boolean).join(" · "), "info");
  // the reason for an undo or a withdrawal; an absence and a substitute have their own
  const reason = reasonInput(
    "reason",
    "Lý do hủy lượt hoặc rút khỏi danh sách",
    "ví dụ: quét nhầm người"
  );
  const sessions = el("ul", null, "sessions");
  for (const s of d.sessions) sessions.append(sessionLine(d, s, reason));
  // revoking cannot be taken back: the desk confirms, with the person named
  const reissue = button("Mất thẻ: thu hồi, cấp thẻ mới và in", "reissue", () => {
    askFirst(
      li,
      `Thu hồi thẻ đang dùng của ${d.name} (${d.code}) và in thẻ mới? Thẻ cũ sẽ bị từ chối ở mọi cửa.`,
      "Thu hồi và in thẻ mới",
      () => reissueBadge(d, li)
    );
  });
  // the same badge again (same code, nothing revoked): a substitute's or a walk-in's
  // first card, a card misprinted
  const print = button("In thẻ", "print-badge", () =>
    window.open(`/admin/badges/${encodeURIComponent(d.code)}.pdf`, "_blank")
  );
  const edit = button("Sửa thông tin", "edit", () => editForm(d, li));
  const active = button(
    d.active ? "Rút khỏi danh sách" : "Khôi phục vào danh sách",
    d.active ? "withdraw" : "restore",
    () => setActive(d, reason)
  );
  const tools = el("div", null, "tools");
  tools.append(print, reissue, edit, active);
  li.append(head(d), info, details(d), sessions, reason.label, tools, absenceTools(d));
  if (d.active) li.append(substituteTools(d));
  return li;
}

async function setActive(d, reason) {
  const withdraw = d.active;
  if (withdraw && !reason.value.trim()) {
    reason.focus();
    say("Ghi lý do rút khỏi danh sách vào ô lý do trước.", "early");
    return;
  }
  try {
    await send(
      `/api/admin/delegates/${encodeURIComponent(d.code)}/${withdraw ? "withdraw" : "restore"}`,
      { reason: reason.value.trim() }
    );
    say(
      withdraw
        ? `Đã rút ${d.name} khỏi danh sách: thẻ sẽ bị từ chối ở cửa.`
        : `Đã khôi phục ${d.name} vào danh sách.`
    );
    refresh();
  } catch (err) {
    say(err.message, "early");
  }
}

async function reissueBadge(d, li) {
  try {
    const r = await api(`/api/admin/delegates/${encodeURIComponent(d.code)}/reissue`, {
      method: "POST",
    });
    const link = el("a", "Mở thẻ mới để in (A6)", "print");
    link.href = r.print;
    link.target = "_blank";
    li.append(link);
    say(`Đã thu hồi thẻ cũ của ${d.name}; thẻ cũ sẽ bị từ chối ở cửa. In thẻ mới.`);
    window.open(r.print, "_blank");
  } catch (e) {
    say(e.message, "early");
  }
}
