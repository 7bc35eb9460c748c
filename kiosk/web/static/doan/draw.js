// The head's page drawn from what the hub computed (GET /api/delegation,
// services/delegation.py): the members with their state, the sessions' counts, the
// documents and souvenirs, the awards; "Đã nhận" where the head may sign.
import { $, el } from "../common.js";
import { receivedButton } from "./page.js";

function stateOf(member) {
  if (member.present) return { text: `Đã vào hội trường ${member.arrived_at}`, cls: "in" };
  const excused = member.absences[0];
  if (excused)
    return { text: `Vắng có lý do (${excused.session_name}): ${excused.reason}`, cls: "excused" };
  return { text: "Chưa đến", cls: "out" };
}

function memberItem(member) {
  const state = stateOf(member);
  const item = el("li", null, `member ${state.cls}`);
  item.dataset.code = member.code;
  const head = el("div", null, "who");
  head.append(el("strong", member.name, "name"), el("span", member.seat || "chưa có ghế", "seat"));
  item.append(head, el("div", [member.title, member.unit].filter(Boolean).join(" · "), "title"));
  item.append(el("div", state.text, "state"));
  if (member.substitute) {
    const sub = member.substitute;
    item.append(
      el(
        "div",
        `Người thay: ${sub.name} — ${sub.approved ? "đã duyệt" : "chờ Ban Tổ chức duyệt"}`,
        "sub"
      )
    );
  }
  return item;
}

function documentItem(item, delegation) {
  const done = item.handed >= item.due;
  const row = el("li", null, `document ${done ? "done" : "left"}`);
  row.dataset.item = item.id;
  row.append(
    el("strong", item.name),
    el(
      "div",
      `${item.per_label}: đã nhận ${item.handed}/${item.due}` +
        (item.received_by ? ` — người nhận: ${item.received_by}` : ""),
      "state"
    )
  );
  if (!done) {
    const path = `/api/documents/${item.id}/handed`;
    row.append(
      receivedButton(
        path,
        { delegation },
        "documents-said",
        () => `Đã ghi: đoàn đã nhận ${item.name}.`
      )
    );
  }
  return row;
}

function awardItem(award) {
  const row = el("li", null, `award ${award.state}`);
  row.dataset.award = award.id;
  const whose = `${award.form} của ${award.collective || award.name}`;
  row.append(
    el("strong", `${award.form} — ${award.collective || award.name}`),
    el("div", `${award.state_label}${award.by ? ` (${award.by})` : ""}`, "state")
  );
  if (award.state === "kept") {
    // the head signs for it; whether they may is the hub's rule (services/handover.py)
    const path = `/api/delegation/awards/${award.id}/received`;
    row.append(
      receivedButton(
        path,
        {},
        "awards-said",
        (made) => `Đã ký nhận ${whose} (${made.received_by}).`
      )
    );
  }
  return row;
}

export function draw(data) {
  $("session-name").textContent = data.session_name;
  const current = data.sessions.find((s) => s.current);
  $("counts").textContent = current
    ? `Có mặt ${current.present}/${current.summoned} đại biểu được triệu tập`
    : "";
  $("members").replaceChildren(...data.members.map(memberItem));
  for (const pick of document.querySelectorAll(".member-pick")) {
    const chosen = pick.value;
    pick.replaceChildren(
      ...data.members.map((m) => {
        const option = el("option", `${m.name} (${m.code})`);
        option.value = m.code;
        return option;
      })
    );
    if (chosen) pick.value = chosen;
  }
  $("sessions").replaceChildren(
    ...data.sessions.map((s) =>
      el("li", `${s.name}: có mặt ${s.present}/${s.summoned}${s.current ? " (đang diễn ra)" : ""}`)
    )
  );
  $("documents").replaceChildren(
    ...(data.documents.length
      ? data.documents.map((item) => documentItem(item, data.delegation))
      : [el("li", "Ban Tổ chức chưa khai báo tài liệu, quà cho các đoàn.")])
  );
  $("awards").replaceChildren(
    ...(data.awards.length
      ? data.awards.map(awardItem)
      : [el("li", "Đoàn không có khen thưởng tại Đại hội.")])
  );
}
