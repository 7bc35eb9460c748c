// The help desk: find a delegate, see each session's check-in, check in (method desk),
// undo with a reason, and reissue a lost badge with its card opened for printing.
"use strict";
(() => {
  const { $, api, send, notice, el, button } = window.Kiosk;
  let timer = null;

  const say = notice("admin-message");

  // typed: the last message goes; after an action: its message stays beside the new cards
  async function lookup(typed = false) {
    const q = $("lookup").value.trim();
    if (!q) {
      $("found").replaceChildren();
      return;
    }
    try {
      const data = await api(`/api/admin/delegates?q=${encodeURIComponent(q)}`);
      if (q !== $("lookup").value.trim()) return; // typed on meanwhile: a newer one comes
      $("found").replaceChildren(...data.results.map(card));
      if (!data.results.length) say("Không tìm thấy ai khớp với điều đã gõ.", "early");
      else if (typed) $("admin-message").hidden = true;
    } catch (e) {
      say(e.message, "early");
    }
  }
  $("lookup").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => lookup(true), 200);
  });
  if ($("lookup").value.trim()) lookup(); // typed before this script had loaded

  function card(d) {
    const li = el("li", null, "delegate");
    li.dataset.code = d.code;
    const head = el("div", null, "head");
    const chip = el("span", d.category, "chip");
    chip.style.background = d.category_color;
    chip.style.color = d.category_ink; // web/shapes.py: the ink that reads on it
    head.append(el("strong", d.name, "name"), chip, el("span", d.code, "code"));
    const info = el("div", [d.title, d.unit, d.delegation].filter(Boolean).join(" · "), "info");
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
    li.append(head, info, more, sessions, reason.label, tools, absenceTools(d));
    if (d.active) li.append(substituteTools(d));
    return li;
  }

  // a reason's box with its label saying what to write; `.input` is the box itself
  function reasonInput(cls, label, example) {
    const wrap = el("label", label, "reason-label");
    const input = el("input", null, cls);
    input.placeholder = example;
    input.maxLength = 200; // desk.py MAX_REASON
    wrap.append(" ", input);
    input.label = wrap;
    return input;
  }

  // An action that cannot be taken back asks first, in the card, naming the person: one
  // question at a time per card; pressing "Thôi" or asking again closes it. The action
  // runs once however often "yes" is pressed.
  function askFirst(li, question, yes, action) {
    li.querySelectorAll(".ask").forEach((box) => box.remove());
    const box = el("div", null, "ask");
    box.setAttribute("role", "alertdialog");
    const go = button(yes, "ask-yes", async () => {
      if (go.disabled) return;
      go.disabled = true;
      box.remove();
      await action();
    });
    box.append(
      el("p", question),
      go,
      button("Thôi", "ask-no", () => box.remove())
    );
    li.append(box);
    go.focus();
  }

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

  // absences with a reason: one session or every session, and taken back
  function absenceTools(d) {
    const box = el("div", null, "absences");
    for (const a of d.absences) {
      const line = absenceLine(a);
      const cancel = button("Bỏ ghi vắng", "cancel-absence", async () => {
        try {
          await send(
            `/api/admin/delegates/${encodeURIComponent(d.code)}/absences/${a.id}/cancel`,
            {}
          );
          say(`Đã bỏ ghi vắng (${a.session_name}) của ${d.name}.`);
          lookup();
        } catch (err) {
          say(err.message, "early");
        }
      });
      line.append(" ", cancel);
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
        lookup();
      } catch (err) {
        say(err.message, "early");
      }
    });
    box.append(reason.label, which, " ", add);
    return box;
  }

  // a substitute: asked for here, approved by an organiser (at once when one asks)
  function substituteTools(d) {
    const open = el("button", "Đề nghị người thay thế", "substitute");
    open.type = "button";
    const box = el("div", null, "substitute-box");
    box.append(open);
    open.addEventListener("click", () => {
      if (box.querySelector("form")) return;
      const form = el("form", null, "person-form substitute-form");
      for (const [name, label] of [
        ["name", "Họ và tên người thay thế"],
        ["title", "Chức vụ"],
        ["unit", "Đơn vị"],
        ["phone", "Số điện thoại"],
      ]) {
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
          const r = await send(
            `/api/admin/delegates/${encodeURIComponent(d.code)}/substitute`,
            body
          );
          if (r.substitute) {
            say(`${r.name} thay ${d.name}: mã ${r.substitute}. Thẻ A6 đang mở để in.`);
            openBadge(r);
            $("lookup").value = r.substitute;
          } else {
            say(`Đã gửi đề nghị thay ${d.name}; chờ Ban Tổ chức duyệt.`);
          }
          lookup();
          loadSubstitutions();
        } catch (err) {
          markField(form, err);
          say(err.message, "early");
        }
      });
      box.append(form);
      form.elements.name.focus();
    });
    return box;
  }

  async function loadSubstitutions() {
    const list = $("substitutions");
    if (!list) return;
    try {
      const { substitutions } = await api("/api/admin/substitutions");
      const waiting = substitutions.filter((s) => !s.approved_at);
      list.replaceChildren(
        ...(waiting.length
          ? waiting.map((s) => {
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
            })
          : [el("li", "Không có đề nghị nào chờ duyệt.")])
      );
    } catch {
      /* shown on the next action */
    }
  }
  loadSubstitutions();

  // --- the desk's changes: a person's fields, a withdrawal, a walk-in
  const FIELDS = ["name", "title", "unit", "delegation", "category", "phone", "seat", "protocol"];

  function formValues(form) {
    const values = {};
    for (const name of FIELDS) values[name] = form.elements[name].value.trim();
    return values;
  }

  function markField(form, error) {
    form.querySelectorAll(".bad").forEach((x) => x.classList.remove("bad"));
    const input = error && error.field && form.elements[error.field];
    if (input) {
      input.classList.add("bad");
      input.focus();
    }
  }

  // The profile the composition is made of, as a unit phones it in: the fields the hub
  // sent this login (web/access.py FIELDS), each as an office's list would write it
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

  function editForm(d, li) {
    if (li.querySelector("form")) return;
    const form = document.getElementById("walk-in-form").cloneNode(true);
    form.removeAttribute("id");
    form.querySelector("label.check").remove();
    form.querySelector("button").textContent = "Lưu thay đổi";
    const profile = profileFields(d);
    if (profile) form.querySelector("button").before(profile.box);
    const cancel = button("Thôi", "cancel", () => form.remove());
    form.append(cancel);
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
        const r = await send(
          `/api/admin/delegates/${encodeURIComponent(d.code)}`,
          changed,
          "PATCH"
        );
        say(
          `Đã lưu ${Object.keys(r.changed).length} thay đổi của ${d.code}.` +
            (r.changed.name ||
            r.changed.title ||
            r.changed.unit ||
            r.changed.category ||
            r.changed.seat
              ? " Thẻ in đang mang thông tin cũ: "
              : "")
        );
        if (
          r.changed.name ||
          r.changed.title ||
          r.changed.unit ||
          r.changed.category ||
          r.changed.seat
        ) {
          const link = el("a", "in lại thẻ (A6, cùng mã)", "print");
          link.href = `/admin/badges/${encodeURIComponent(d.code)}.pdf`;
          link.target = "_blank";
          $("admin-message").append(link);
        }
        lookup();
      } catch (err) {
        markField(form, err);
        say(err.message, "early");
      }
    });
    li.append(form);
    form.elements.name.focus();
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
      lookup();
    } catch (err) {
      say(err.message, "early");
    }
  }

  // A new badge (a walk-in's, an approved substitute's): opened for printing at once, and
  // a link beside the message should the browser have held the window back
  function openBadge(r) {
    const code = r.substitute || r.code;
    const link = el("a", `In thẻ ${code} (A6)`, "print");
    link.href = r.print;
    link.target = "_blank";
    $("admin-message").append(" ", link);
    window.open(r.print, "_blank");
  }

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
      lookup();
    } catch (err) {
      if (err.reason === "same_name") {
        // show who is there; a second press adds anyway
        sameNameOk = body.name;
        $("lookup").value = body.name;
        lookup();
      }
      markField(form, err);
      say(err.message, "early");
    }
  });

  function sessionLine(d, s, reason) {
    const li = el("li", null, "session-line");
    li.dataset.session = s.id;
    if (s.in) {
      li.append(el("span", `${s.name}: có mặt ${s.in.time} tại ${s.in.station}`));
      // an undo needs a reason (kept in the record) and a confirmation naming the person
      const undo = button("Hủy lượt", "undo", () => {
        const why = reason.value.trim();
        if (!why) {
          reason.focus();
          say("Ghi lý do hủy lượt vào ô lý do trước (ví dụ: quét nhầm người).", "early");
          return;
        }
        askFirst(
          li.closest(".delegate"),
          `Hủy lượt điểm danh ${s.name} của ${d.name} (${d.code}), có mặt ${s.in.time} tại ${s.in.station}? Lý do: ${why}`,
          "Hủy lượt này",
          async () => {
            try {
              await send(`/api/checkins/${encodeURIComponent(s.in.checkin_id)}/undo`, {
                reason: why,
              });
              say(`Đã hủy lượt điểm danh ${s.name} của ${d.name}.`);
              lookup();
            } catch (e) {
              say(e.message, "early");
            }
          }
        );
      });
      li.append(undo);
    } else if (!s.summoned) {
      li.append(el("span", `${s.name}: không được triệu tập`));
    } else {
      li.append(el("span", `${s.name}: chưa đến`));
      const checkIn = button("Điểm danh tại bàn hỗ trợ", "checkin", async () => {
        try {
          const r = await send("/api/checkins", {
            code: d.code,
            session: s.id,
            method: "desk",
            confirm: true,
          });
          say(
            `${r.label}: ${d.name} — ${r.next || ""}`,
            r.color === "green" ? "switched" : "early"
          );
          lookup();
        } catch (e) {
          say(e.message, "early");
        }
      });
      li.append(checkIn);
    }
    return li;
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

  // --- the rehearsal (organisers only): on, off, and its check-ins cleared in one action
  function showRehearsal(r) {
    $("rehearsal-state").textContent =
      (r.on
        ? "ĐANG DIỄN TẬP: mọi màn hình điểm danh ghi vào phiên Diễn tập, không tính vào số liệu Đại hội."
        : "Không diễn tập: các màn hình điểm danh theo chương trình.") +
      ` Đang giữ ${r.held} lượt diễn tập.`;
    $("rehearsal-on").disabled = r.on;
    $("rehearsal-off").disabled = !r.on;
    $("rehearsal-clear").disabled = !r.held;
  }
  if ($("rehearsal")) {
    api("/api/admin/rehearsal")
      .then(showRehearsal)
      .catch((e) => say(e.message, "early"));
    for (const on of [true, false]) {
      $(on ? "rehearsal-on" : "rehearsal-off").addEventListener("click", async () => {
        try {
          showRehearsal(await send("/api/admin/rehearsal", { on }));
          say(
            on
              ? "Đã bật diễn tập; các màn hình chuyển sang phiên Diễn tập trong vài giây."
              : "Đã tắt diễn tập; các màn hình trở lại phiên theo chương trình."
          );
        } catch (e) {
          say(e.message, "early");
        }
      });
    }
    $("rehearsal-clear").addEventListener("click", async () => {
      if (!window.confirm("Hủy mọi lượt điểm danh diễn tập? Số liệu Đại hội không bị ảnh hưởng."))
        return;
      try {
        const r = await send("/api/admin/rehearsal/clear");
        showRehearsal(r);
        say(`Đã xóa ${r.cleared} lượt diễn tập.`);
      } catch (e) {
        say(e.message, "early");
      }
    });
  }
})();
