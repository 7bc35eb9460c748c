// What organisers have beside the counts: a delegate looked up, the absent list filtered,
// printed and exported, which door has gone quiet, and the projector's share link.
import { mode, session, snapshot } from "./state.js";
import { renderAbsent } from "./draw.js";
import { load } from "./snapshot.js";
import "./documents.js";
import { $, api, el, send } from "../common.js";

if (mode === "organiser") {
  // a delegate looked up from the dashboard: in or not in the session shown, when, where;
  // the help desk page does the rest (check in, undo, reprint)
  let lookupTimer = null;
  const lookup = async () => {
    const q = $("dash-lookup").value.trim();
    if (!q) {
      $("dash-found").replaceChildren();
      return;
    }
    let data;
    try {
      data = await api(`/api/admin/delegates?q=${encodeURIComponent(q)}`);
    } catch (e) {
      $("dash-found").replaceChildren(el("li", e.message, "none"));
      return;
    }
    if (q !== $("dash-lookup").value.trim()) return; // typed on meanwhile
    const rows = data.results.slice(0, 8).map((d) => {
      const here = d.sessions.find((s) => s.id === session());
      const state = !here
        ? ""
        : here.in
          ? `Có mặt ${here.in.time} tại ${here.in.station}`
          : here.summoned
            ? "Chưa đến"
            : "Không được triệu tập";
      const li = el("li", null, here && here.in ? "in" : "out");
      li.dataset.code = d.code;
      const desk = el("a", "Bàn hỗ trợ →");
      desk.href = `/admin?q=${encodeURIComponent(d.code)}`;
      li.append(
        el("strong", d.name),
        el("span", d.code, "code"),
        el("span", [d.title, d.unit].filter(Boolean).join(", "), "info"),
        el("span", `Ghế ${d.seat || "—"}`, "info"),
        el("span", state, "state"),
        desk
      );
      return li;
    });
    $("dash-found").replaceChildren(
      ...(rows.length ? rows : [el("li", "Không tìm thấy ai khớp với điều đã gõ.", "none")])
    );
  };
  $("dash-lookup").addEventListener("input", () => {
    clearTimeout(lookupTimer);
    lookupTimer = setTimeout(lookup, 200);
  });
  $("session").addEventListener("change", lookup);
  $("absent-filter").addEventListener("input", renderAbsent);
  $("print-absent").addEventListener("click", async () => {
    // the paper says what it is: the event, the session, the hub's time (a laptop's
    // clock may be a day off), the filter if any; a fresh list first
    await load().catch(() => {});
    const filter = $("absent-filter").value.trim();
    const at = snapshot.as_of;
    $("print-title").replaceChildren(
      el("div", document.querySelector(".bar .event").textContent),
      el("div", "DANH SÁCH ĐẠI BIỂU CHƯA ĐẾN", "print-heading"),
      el(
        "div",
        `${snapshot.session_name} — tính đến ${at.time}, ngày ${at.date}` +
          (filter ? ` — lọc: “${filter}”` : "")
      )
    );
    document.body.classList.add("print-absent");
    window.print();
    document.body.classList.remove("print-absent");
  });
  document.querySelectorAll("[data-export]").forEach((a) =>
    a.addEventListener("click", (e) => {
      e.preventDefault();
      window.location = `/dashboard/export?format=${a.dataset.export}&session=${encodeURIComponent(session())}`;
    })
  );
}

const shareLink = $("share-link");
if (shareLink) shareLink.addEventListener("click", () => shareLink.select());
// a link handed around or a screen in the wrong room: a new one, the old one stops
const renew = $("share-renew");
if (renew)
  renew.addEventListener("click", async () => {
    if (!confirm("Đổi liên kết trình chiếu? Các máy chiếu đang mở bằng liên kết cũ sẽ ngừng."))
      return;
    try {
      shareLink.value = (await send("/api/admin/share/renew", {})).url;
      shareLink.select();
    } catch (e) {
      alert(e.message);
    }
  });

// organisers: which door has gone quiet (a station calls every few seconds)
async function refreshDoors() {
  try {
    const { doors, clock } = await api("/api/doors");
    $("doors-clock").textContent = clock || "";
    $("doors-clock").hidden = !clock;
    $("doors").replaceChildren(
      ...doors.map((d) =>
        el(
          "li",
          `${d.station}: ${d.seconds_ago === null ? "chưa liên lạc" : d.seconds_ago < 5 ? "vừa xong" : d.seconds_ago + " giây trước"}` +
            (d.clock_note ? ` · ${d.clock_note}` : ""),
          [d.quiet ? "quiet" : "", d.clock_off ? "clock-off" : ""].join(" ").trim()
        )
      )
    );
  } catch {
    /* next time */
  }
}
if (mode === "organiser") {
  refreshDoors();
  setInterval(refreshDoors, 5000);
}
