// Organisers' setup: station credentials (shown once, with a pairing QR code), each
// station's last contact and its revocation; logins and their roles; sessions,
// categories and the roster upload; the hall and its seats; the honours' order.
"use strict";
(() => {
  const { $, api, send, notice, el, button } = window.Kiosk;

  const say = notice("setup-message");
  // role codes as people read them: "Ban Tổ chức", not "organiser" (kiosk/accounts.py ROLES)
  const ROLES = JSON.parse($("users").dataset.roles || "{}");
  const roleName = (code) => (ROLES[code] || code).split(":")[0];
  // the file chosen, by name, beside our own button (the browser's says "Choose File")
  for (const label of document.querySelectorAll(".file-pick")) {
    const picked = label.querySelector("input[type=file]");
    const shown = () => {
      label.querySelector(".file-name").textContent = picked.files.length
        ? picked.files[0].name
        : "Chưa chọn tệp";
    };
    picked.addEventListener("change", shown);
    picked.form.addEventListener("reset", () => setTimeout(shown));
  }

  // A row's action once the organiser confirms it: sent, said, its table read again.
  const confirmed = (question, path, done, reload) => async () => {
    if (!window.confirm(question)) return;
    try {
      await send(path);
      say(done);
      reload();
    } catch (e) {
      say(e.message, "early");
    }
  };

  async function loadStations() {
    try {
      const { stations } = await api("/api/admin/stations");
      $("stations").tBodies[0].replaceChildren(
        ...stations.map((s) => {
          const tr = el("tr", null, s.revoked ? "revoked" : "");
          tr.dataset.station = s.name;
          const contact = s.revoked
            ? "đã thu hồi"
            : s.seconds_ago === null
              ? "chưa liên lạc từ khi hub khởi động"
              : s.seconds_ago < 5
                ? "vừa xong"
                : `${s.seconds_ago} giây trước`;
          tr.append(el("td", s.name), el("td", contact));
          const cell = el("td");
          if (!s.revoked) {
            cell.append(
              button(
                "Thu hồi",
                "revoke",
                confirmed(
                  `Thu hồi mã của trạm ${s.name}? Trạm sẽ bị từ chối ngay.`,
                  `/api/admin/stations/${encodeURIComponent(s.name)}/revoke`,
                  `Đã thu hồi mã của trạm ${s.name}.`,
                  loadStations
                )
              )
            );
          }
          tr.append(cell);
          return tr;
        })
      );
    } catch (e) {
      say(e.message, "early");
    }
  }

  $("station-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const r = await send("/api/admin/stations", { name: e.target.elements.name.value.trim() });
      $("credential-name").textContent = r.name;
      $("credential-qr").src = r.qr;
      $("credential-url").textContent = r.url;
      $("credential-token").textContent = r.token;
      $("credential-http").hidden = r.https;
      $("credential").hidden = false;
      e.target.reset();
      loadStations();
    } catch (err) {
      say(err.message, "early");
    }
  });

  async function loadUsers() {
    try {
      const { users } = await api("/api/admin/users");
      $("users").tBodies[0].replaceChildren(
        ...users.map((u) => {
          const tr = el("tr");
          tr.dataset.user = u.name;
          tr.append(el("td", u.name), el("td", roleName(u.role)));
          const cell = el("td");
          cell.append(
            button(
              "Xóa",
              "remove",
              confirmed(
                `Xóa tài khoản ${u.name}? Phiên đăng nhập của tài khoản này kết thúc ngay.`,
                `/api/admin/users/${encodeURIComponent(u.name)}/remove`,
                `Đã xóa tài khoản ${u.name}.`,
                loadUsers
              )
            )
          );
          tr.append(cell);
          return tr;
        })
      );
    } catch (e) {
      say(e.message, "early");
    }
  }

  $("user-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    try {
      const r = await send("/api/admin/users", {
        name: f.name.value.trim(),
        role: f.role.value,
        password: f.password.value || null,
      });
      say(
        `Tài khoản ${r.name} (${roleName(r.role)}) đã sẵn sàng` +
          (r.password ? `; mật khẩu (chỉ hiện một lần): ${r.password}` : "") +
          (r.ended_sessions ? "; phiên đăng nhập cũ đã kết thúc." : ".")
      );
      e.target.reset();
      loadUsers();
    } catch (err) {
      say(err.message, "early");
    }
  });

  // --- the event: sessions (times, who is summoned), categories, the roster
  let categories = [];

  async function loadEvent() {
    try {
      const event = await api("/api/admin/event");
      categories = event.categories;
      $("sessions-list").replaceChildren(...event.sessions.map(sessionForm));
      $("categories-list").replaceChildren(
        ...categories.map((c) => {
          const li = el("li");
          li.dataset.category = c.id;
          const colour = el("input");
          colour.type = "color";
          colour.value = c.color.toLowerCase();
          colour.setAttribute("aria-label", `Màu thẻ ${c.name}`);
          colour.addEventListener("change", async () => {
            try {
              await send(`/api/admin/categories/${encodeURIComponent(c.id)}`, {
                color: colour.value,
              });
              say(`Đã đổi màu thẻ ${c.name}.`);
            } catch (e) {
              say(e.message, "early");
            }
          });
          li.append(colour, " ", el("span", c.name + (c.delegate ? " (đại biểu)" : "")));
          return li;
        })
      );
    } catch (e) {
      say(e.message, "early");
    }
  }

  // twin of badges/schedule.py VIETNAMESE: '15/12/2026 13:30'
  const MOMENT = "\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}[:hH]\\d{2}";
  function sessionForm(s) {
    const form = el("form", null, "inline-form session-form");
    form.dataset.session = s.id;
    const field = (label, name, value, moment) => {
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
    };
    field("Tên phiên", "name", s.name);
    field("Bắt đầu (giờ Hà Nội)", "starts", s.starts, true);
    field("Kết thúc", "ends", s.ends, true);
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
    form.append(who);
    const save = el("button", "Lưu phiên");
    save.type = "submit";
    form.append(save);
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

  $("roster-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const box = $("roster-report");
    const body = new FormData(e.target);
    box.hidden = false;
    box.replaceChildren(el("p", "Đang nạp…"));
    let r;
    try {
      r = await api("/api/admin/roster", { method: "POST", body });
    } catch (err) {
      // 422: the import's report of a refused file; else an error, or no hub
      if (err.status !== 422) {
        box.replaceChildren(
          el("p", err.status ? err.message : "Không gửi được tệp; kiểm tra kết nối.", "error")
        );
        return;
      }
      r = err.body;
    }
    const lines = [];
    if (r.applied) {
      lines.push(
        el(
          "p",
          `Đã nạp: ${r.created.length} mới, ${r.updated.length} cập nhật, ${r.unchanged} không đổi.`,
          "ok"
        )
      );
      if (r.missing.length) {
        lines.push(
          el(
            "p",
            `${r.missing.length} đại biểu có trong danh sách nhưng không có trong tệp (không xóa):`
          )
        );
        const ul = el("ul");
        for (const m of r.missing.slice(0, 100)) ul.append(el("li", `${m.code} ${m.name}`));
        lines.push(ul);
      }
    } else {
      lines.push(el("p", `${r.error_count} lỗi; chưa nạp gì. Sửa tệp rồi nạp lại.`, "error"));
      const ul = el("ul", null, "errors");
      for (const problem of r.errors) ul.append(el("li", "LỖI " + problem));
      lines.push(ul);
    }
    for (const warning of r.warnings || []) lines.push(el("p", "Cảnh báo: " + warning));
    box.replaceChildren(...lines);
    if (r.applied) loadEvent();
  });

  // the honours ceremony: the order the forms are handed in, how many on stage at once
  async function loadCeremony() {
    try {
      const c = await api("/api/admin/ceremony");
      $("ceremony-form").elements.order.value = c.order.join("\n");
      $("ceremony-form").elements.per_batch.value = c.per_batch;
    } catch (e) {
      say(e.message, "early");
    }
  }

  $("ceremony-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const order = f.order.value
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    try {
      await send("/api/admin/ceremony", { order, per_batch: Number(f.per_batch.value) });
      say("Đã lưu thứ tự trao khen thưởng.");
      loadCeremony();
    } catch (err) {
      say(err.message, "early");
    }
  });

  // the hall: its plan (from counts or a file) and seats given by protocol
  const hallSaid = (summary) => {
    const zones = summary.zones.map((z) => `khu ${z.zone}: ${z.rows} hàng, ${z.seats} ghế`);
    $("hall-now").textContent = zones.length
      ? `Sơ đồ: ${zones.join("; ")} — tổng ${summary.seats} ghế. Đã có chỗ: ` +
        `${summary.by_protocol} người xếp theo nghi thức, ${summary.by_hand} người xếp tay.` +
        (summary.outside ? ` ${summary.outside} người có ghế không có trong sơ đồ.` : "")
      : "Chưa có sơ đồ hội trường.";
  };
  const hallReport = (...lines) => {
    $("hall-report").hidden = false;
    $("hall-report").replaceChildren(...lines);
  };
  const hallFailed = (err) =>
    hallReport(el("p", err.status ? err.message : "Không gửi được; kiểm tra kết nối.", "error"));
  async function loadHall() {
    try {
      hallSaid(await api("/api/admin/hall"));
    } catch (e) {
      say(e.message, "early");
    }
  }

  $("hall-plan").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const file = form.elements.file.files.length;
    try {
      const summary = file
        ? await api("/api/admin/hall/plan", { method: "POST", body: new FormData(form) })
        : await send("/api/admin/hall/plan", { make: form.elements.make.value });
      hallSaid(summary);
      hallReport(
        el("p", `Đã lưu sơ đồ: ${summary.seats} ghế. Bấm “Xếp chỗ theo nghi thức” để xếp.`, "ok")
      );
      form.reset();
    } catch (err) {
      hallFailed(err);
    }
  });

  $("hall-assign").addEventListener("click", async () => {
    const question =
      "Xếp chỗ theo nghi thức? Ghế xếp tay được giữ nguyên; ghế do hệ thống xếp trước đây có thể đổi (thẻ đã in mang ghế cũ).";
    if (!window.confirm(question)) return;
    try {
      const r = await send("/api/admin/hall/assign");
      hallSaid(r.hall);
      const lines = [
        el("p", r.summary, "ok"), // the hub's sentence (badges/seating.py Outcome.summary)
      ];
      // each list under its heading, the first hundred (the rest counted)
      const listed = (items, heading, line, cls) => {
        if (!items.length) return;
        lines.push(el("p", heading, cls));
        const ul = el("ul", null, "errors");
        for (const item of items.slice(0, 100)) ul.append(el("li", line(item)));
        if (items.length > 100) ul.append(el("li", `… và ${items.length - 100} dòng khác`));
        lines.push(ul);
      };
      listed(
        r.unplaced,
        `Hội trường thiếu ghế: ${r.unplaced.length} người chưa có chỗ:`,
        (p) => `${p.code} ${p.name}`,
        "error"
      );
      listed(
        r.outside,
        `Cảnh báo: ${r.outside.length} ghế xếp tay không có trong sơ đồ (giữ nguyên):`,
        (o) => `${o.code}: ${o.seat}`
      );
      listed(
        r.moved,
        `${r.moved.length} người đổi sang ghế khác: thẻ đã in của họ mang ghế cũ, cần in ` +
          "lại (cùng mã):",
        (m) => m.line // "Nguyễn Văn A (CN012): C05-12 → C06-01", as the hub wrote it
      );
      listed(r.seated, `${r.seated.length} người nhận ghế:`, (p) => p.line);
      if (r.moved.length) {
        // their badges again, one A6 a page, in one print job (the first 200)
        const codes = r.moved.slice(0, 200).map((m) => m.code);
        const reprint = el("a", `In lại ${codes.length} thẻ (A6, cùng mã)`, "print");
        reprint.href = `/admin/badges.pdf?codes=${encodeURIComponent(codes.join(","))}`;
        reprint.target = "_blank";
        lines.push(reprint);
      }
      listed(
        r.twice,
        `Cảnh báo: ${r.twice.length} ghế được xếp tay cho hai người trở lên:`,
        (t) => `${t.seat}: ${t.codes.join(", ")}`
      );
      hallReport(...lines);
    } catch (err) {
      hallFailed(err);
    }
  });

  loadHall();
  loadCeremony();
  loadStations();
  setInterval(loadStations, 10000);
  loadUsers();
  loadEvent();
})();
