// A card's line per session: present (with undo, a reason and a confirmation naming the
// person), not summoned, or not yet come (checked in at the desk).
import { say, refresh, askFirst } from "./page.js";
import { button, el, send } from "../common.js";

function undoButton(d, s, reason, li) {
  // an undo needs a reason (kept in the record) and a confirmation naming the person
  return button("Hủy lượt", "undo", () => {
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
          refresh();
        } catch (e) {
          say(e.message, "early");
        }
      }
    );
  });
}

function checkInButton(d, s) {
  return button("Điểm danh tại bàn hỗ trợ", "checkin", async () => {
    try {
      const r = await send("/api/checkins", {
        code: d.code,
        session: s.id,
        method: "desk",
        confirm: true,
      });
      say(`${r.label}: ${d.name} — ${r.next || ""}`, r.color === "green" ? "switched" : "early");
      refresh();
    } catch (e) {
      say(e.message, "early");
    }
  });
}

export function sessionLine(d, s, reason) {
  const li = el("li", null, "session-line");
  li.dataset.session = s.id;
  if (s.in) {
    li.append(el("span", `${s.name}: có mặt ${s.in.time} tại ${s.in.station}`));
    li.append(undoButton(d, s, reason, li));
  } else if (!s.summoned) {
    li.append(el("span", `${s.name}: không được triệu tập`));
  } else {
    li.append(el("span", `${s.name}: chưa đến`), checkInButton(d, s));
  }
  return li;
}
