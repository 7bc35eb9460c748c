// The hall: its plan (from counts or a file) and seats given by protocol, with who was
// seated, moved (their badges to reprint) or left without a seat.
import { say } from "./page.js";
import { $, api, el, send } from "../common.js";

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

export async function loadHall() {
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

// The assignment's answer as lines: each list under its heading, the first hundred
// (the rest counted), and the moved people's badges to print again
function assigned(r) {
  const lines = [el("p", r.summary, "ok")]; // the hub's sentence (badges/seating.py Outcome.summary)
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
  return lines;
}

$("hall-assign").addEventListener("click", async () => {
  const question =
    "Xếp chỗ theo nghi thức? Ghế xếp tay được giữ nguyên; ghế do hệ thống xếp trước đây có thể đổi (thẻ đã in mang ghế cũ).";
  if (!window.confirm(question)) return;
  try {
    const r = await send("/api/admin/hall/assign");
    hallSaid(r.hall);
    hallReport(...assigned(r));
  } catch (err) {
    hallFailed(err);
  }
});
