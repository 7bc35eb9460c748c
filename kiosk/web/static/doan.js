// A delegation head's phone (/doan, issue 31): the delegation as the hub computed it
// (GET /api/delegation), drawn again whenever the live stream says a session's counts
// moved (the hub sends a head the counts only, never anyone's name: views/live.py), and
// what a head does: an absence with its reason, a substitute for the desk, and "Đã nhận"
// for the delegation's documents and souvenirs (POST /api/documents/<item>/handed) and
// for an award kept for handover (POST /api/delegation/awards/<id>/received).
// The rules (who is the head's, what counts as present) are the hub's
// (services/delegation.py); this script draws and sends.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  let source = null;
  let pending = null;
  let quiet = null;

  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };

  function gone() {
    $("lost").hidden = false;
    $("doan").hidden = true;
    if (source) source.close();
    live(false, "Đã ngắt");
  }

  async function call(path, body) {
    const options =
      body === undefined
        ? {}
        : {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
            body: JSON.stringify(body),
          };
    const response = await fetch(path, { credentials: "same-origin", ...options });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) gone();
    if (!response.ok) {
      const message = (data.error && data.error.message) || `Lỗi ${response.status}`;
      throw new Error(message);
    }
    return data;
  }

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
    head.append(
      el("strong", member.name, "name"),
      el("span", member.seat || "chưa có ghế", "seat")
    );
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
          (item.received_by ? ` (${item.received_by})` : ""),
        "state"
      )
    );
    if (!done) {
      const take = el("button", "Đã nhận", "received");
      take.type = "button";
      take.addEventListener("click", async () => {
        take.disabled = true;
        const said = $("documents-said");
        said.className = "said";
        try {
          await call(`/api/documents/${item.id}/handed`, { delegation });
          said.textContent = `Đã xác nhận nhận ${item.name}.`;
        } catch (error) {
          said.textContent = error.message;
          said.className = "said error";
        }
        reload();
      });
      row.append(take);
    }
    return row;
  }

  function awardItem(award) {
    const row = el("li", null, `award ${award.state}`);
    row.dataset.award = award.id;
    row.append(
      el("strong", `${award.form} — ${award.collective || award.name}`),
      el("div", `${award.state_label}${award.by ? ` (${award.by})` : ""}`, "state")
    );
    if (award.state === "kept") {
      // the head signs for it (services/handover.py decides whether they may)
      const take = el("button", "Đã nhận", "received");
      take.type = "button";
      take.addEventListener("click", async () => {
        take.disabled = true;
        const said = $("awards-said");
        said.className = "said";
        try {
          const made = await call(`/api/delegation/awards/${award.id}/received`, {});
          said.textContent = `Đã ký nhận ${award.form} của ${award.collective || award.name} (${made.received_by}).`;
        } catch (error) {
          said.textContent = error.message;
          said.className = "said error";
        }
        reload();
      });
      row.append(take);
    }
    return row;
  }

  function draw(data) {
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
        el(
          "li",
          `${s.name}: có mặt ${s.present}/${s.summoned}${s.current ? " (đang diễn ra)" : ""}`
        )
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

  async function reload() {
    try {
      draw(await call("/api/delegation"));
    } catch {
      // shown by gone() when the link was withdrawn; otherwise the next event retries
    }
  }

  function soon() {
    // a burst of check-ins is one refetch
    clearTimeout(pending);
    pending = setTimeout(reload, 200);
  }

  function live(on, text) {
    $("live").textContent = text;
    $("live").className = on ? "live on" : "live off";
  }

  function heard() {
    clearTimeout(quiet);
    quiet = setTimeout(() => live(false, "Mất kết nối — đang nối lại…"), 4000);
    live(true, "Trực tiếp");
  }

  function follow() {
    source = new EventSource("/api/stream?only=counts");
    source.onopen = () => {
      heard();
      soon(); // (again) after a drop: whatever changed meanwhile
    };
    source.onerror = () => {
      live(false, "Mất kết nối — đang nối lại…");
      reload(); // a withdrawn link shows itself here
    };
    source.addEventListener("beat", heard);
    source.addEventListener("counts", () => {
      heard();
      soon();
    });
    source.addEventListener("session", () => {
      heard();
      soon();
    });
  }

  function sendForm(form, path, fields) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const said = form.querySelector(".said");
      const body = {};
      for (const name of fields) body[name] = form.elements[name].value.trim();
      said.className = "said";
      try {
        await call(path, body);
        said.textContent = form.dataset.done;
        for (const input of form.querySelectorAll("input")) input.value = "";
        reload();
      } catch (error) {
        said.textContent = error.message;
        said.className = "said error";
      }
    });
  }

  $("absence-form").dataset.done = "Đã ghi vắng có lý do.";
  $("substitute-form").dataset.done = "Đã gửi đề nghị; bàn hỗ trợ sẽ duyệt.";
  sendForm($("absence-form"), "/api/delegation/absences", ["code", "session", "reason"]);
  sendForm($("substitute-form"), "/api/delegation/substitutes", [
    "code",
    "name",
    "title",
    "unit",
    "reason",
  ]);
  reload();
  follow();
})();
