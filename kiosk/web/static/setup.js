// Organisers' setup: station credentials (shown once, with a pairing QR code), each
// station's last contact and its revocation; logins and their roles.
"use strict";
(() => {
  const { $, api, el } = window.Kiosk;
  const send = (url, body) => api(url, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });

  function say(text, kind) {
    const box = $("setup-message");
    box.textContent = text;
    box.className = "notice " + (kind || "switched");
    box.hidden = false;
  }

  function button(text, cls, action) {
    const b = el("button", text, cls);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  async function loadStations() {
    try {
      const { stations } = await api("/api/admin/stations");
      $("stations").tBodies[0].replaceChildren(...stations.map((s) => {
        const tr = el("tr", null, s.revoked ? "revoked" : "");
        tr.dataset.station = s.name;
        const contact = s.revoked ? "đã thu hồi" : s.seconds_ago === null ? "chưa liên lạc từ khi hub khởi động"
          : s.seconds_ago < 5 ? "vừa xong" : `${s.seconds_ago} giây trước`;
        tr.append(el("td", s.name), el("td", contact));
        const cell = el("td");
        if (!s.revoked) {
          cell.append(button("Thu hồi", "revoke", async () => {
            if (!window.confirm(`Thu hồi mã của trạm ${s.name}? Trạm sẽ bị từ chối ngay.`)) return;
            try { await send(`/api/admin/stations/${encodeURIComponent(s.name)}/revoke`); say(`Đã thu hồi mã của trạm ${s.name}.`); loadStations(); }
            catch (e) { say(e.message, "early"); }
          }));
        }
        tr.append(cell);
        return tr;
      }));
    } catch (e) { say(e.message, "early"); }
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
    } catch (err) { say(err.message, "early"); }
  });

  async function loadUsers() {
    try {
      const { users } = await api("/api/admin/users");
      $("users").tBodies[0].replaceChildren(...users.map((u) => {
        const tr = el("tr");
        tr.dataset.user = u.name;
        tr.append(el("td", u.name), el("td", u.role));
        const cell = el("td");
        cell.append(button("Xóa", "remove", async () => {
          if (!window.confirm(`Xóa tài khoản ${u.name}? Phiên đăng nhập của tài khoản này kết thúc ngay.`)) return;
          try { await send(`/api/admin/users/${encodeURIComponent(u.name)}/remove`); say(`Đã xóa tài khoản ${u.name}.`); loadUsers(); }
          catch (e) { say(e.message, "early"); }
        }));
        tr.append(cell);
        return tr;
      }));
    } catch (e) { say(e.message, "early"); }
  }

  $("user-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    try {
      const r = await send("/api/admin/users", { name: f.name.value.trim(), role: f.role.value, password: f.password.value || null });
      say(`Tài khoản ${r.name} (${r.role}) đã sẵn sàng` + (r.password ? `; mật khẩu (chỉ hiện một lần): ${r.password}` : "")
        + (r.ended_sessions ? "; phiên đăng nhập cũ đã kết thúc." : "."));
      e.target.reset();
      loadUsers();
    } catch (err) { say(err.message, "early"); }
  });

  loadStations();
  setInterval(loadStations, 10000);
  loadUsers();
})();
