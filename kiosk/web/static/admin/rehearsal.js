// The rehearsal (organisers only): on, off, and its check-ins cleared in one action.
import { say } from "./page.js";
import { $, api, send } from "../common.js";

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
