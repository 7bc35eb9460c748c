// The roster upload: a file applied all or nothing, with the same report as
// `badges import` (its errors by row and column, who is missing from the file).
import { loadEvent } from "./event.js";
import { $, api, el } from "../common.js";

function applied(r) {
  const lines = [
    el(
      "p",
      `Đã nạp: ${r.created.length} mới, ${r.updated.length} cập nhật, ${r.unchanged} không đổi.`,
      "ok"
    ),
  ];
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
  return lines;
}

function refused(r) {
  const ul = el("ul", null, "errors");
  for (const problem of r.errors) ul.append(el("li", "LỖI " + problem));
  return [el("p", `${r.error_count} lỗi; chưa nạp gì. Sửa tệp rồi nạp lại.`, "error"), ul];
}

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
  const lines = r.applied ? applied(r) : refused(r);
  for (const warning of r.warnings || []) lines.push(el("p", "Cảnh báo: " + warning));
  box.replaceChildren(...lines);
  if (r.applied) loadEvent();
});
