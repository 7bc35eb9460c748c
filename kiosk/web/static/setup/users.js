// The logins and their roles: created or reset (a generated password shown once),
// removed with their sessions ended.
import { say, confirmed, roles } from "./page.js";

// role codes as people read them: "Ban Tổ chức", not "organiser" (kiosk/accounts.py ROLES)
import { $, api, button, el, send } from "../common.js";

const ROLES = roles();
const roleName = (code) => (ROLES[code] || code).split(":")[0];

function row(u) {
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
}

export async function loadUsers() {
  try {
    const { users } = await api("/api/admin/users");
    $("users").tBodies[0].replaceChildren(...users.map(row));
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
