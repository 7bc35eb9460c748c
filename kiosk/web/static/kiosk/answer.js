// The answer card: the big coloured answer to a check-in, who it is, what to do next,
// how long it stays, and the question asked of a bare delegate code.
import { mode, resetMs } from "./state.js";
import { sound } from "./sound.js";
import { showStats } from "./hub.js";
import { $ } from "../common.js";

let resetTimer = null;

// --- the big answer
export function show(result) {
  const status = $("status");
  clearTimeout(resetTimer);
  status.className = "status " + (result.color === "green" ? "ok" : result.color);
  status.dataset.result = result.result;
  $("status-label").textContent = result.label;
  $("status-hint").textContent = "";
  const d = result.delegate;
  $("who").hidden = !d;
  if (d) {
    $("who-category").textContent = d.category;
    $("who-category").style.background = d.category_color;
    $("who-category").style.color = d.category_ink; // web/shapes.py: legible on it
    $("who-name").textContent = d.name;
    $("who-title").textContent = d.title || "";
    $("who-unit").textContent = d.unit || "";
    $("who-delegation").textContent = d.delegation || "";
    $("who-seat").textContent = d.seat || "—";
  }
  // what to do next comes from the hub (core/outcomes.py NEXT_STEP), in Vietnamese
  $("status-detail").textContent = result.next || "";
  if (result.stats) showStats(result.stats);
  sound(result.color);
  // a bare delegate code waits for the volunteer to look (core/decision.py)
  awaiting = result.result === "confirm" && d ? d.code : null;
  $("confirm").hidden = !awaiting;
  // how long it stays: core/outcomes.py HOLD (green short, amber longer, red until
  // dismissed: the volunteer must not miss it)
  const hold = result.hold || "until-dismissed";
  $("dismiss").hidden = hold !== "until-dismissed" || Boolean(awaiting);
  if (hold === "short") resetTimer = setTimeout(ready, resetMs);
  if (hold === "long") resetTimer = setTimeout(ready, resetMs * 3);
}

// twin of core/decision.py: only a badge's full payload is let in by itself; a bare
// code comes back "confirm", and the check-in is the same code sent with confirm: true
// (checkin.js sends it when "Đúng người" is pressed)
let awaiting = null;
export function takeAwaiting() {
  const code = awaiting;
  awaiting = null;
  return code;
}
$("confirm-no").addEventListener("click", () => {
  awaiting = null;
  ready();
});

// e.status: the hub answered with an error (its Vietnamese message); none: the hub
// could not be reached, so nothing was recorded: a state of its own, and the code goes
// back into the input to be sent again with Enter
export function showError(e, code) {
  // not recorded, to be sent again: no hub, or a rehearsal that ended before this page
  // heard (the page follows the programme within seconds)
  if (!e.status || e.reason === "rehearsal_over") {
    show({
      result: "unsent",
      label: "Chưa ghi nhận — quét lại",
      color: "grey",
      delegate: null,
      hold: "until-dismissed",
      next: e.status
        ? e.message
        : "Không liên lạc được với máy chủ. Nhấn Enter để gửi lại, hoặc quét lại thẻ.",
    });
    const input = $("code");
    if (code && mode === "scan" && !input.value) {
      input.value = code;
      input.focus();
    }
    return;
  }
  const label = e.status === 401 ? "Trạm chưa được cấp quyền" : "Không điểm danh được";
  show({
    result: "error",
    label,
    color: "red",
    delegate: null,
    hold: "until-dismissed",
    next: e.message,
  });
}
$("dismiss").addEventListener("click", () => ready());

const HINTS = {
  scan: "Đưa mã QR trên thẻ vào máy quét, hoặc gõ mã đại biểu rồi nhấn Enter",
  camera: "Đưa thẻ vào khung camera (máy quét vẫn dùng được)",
  search: "Gõ tên để tìm (máy quét vẫn dùng được)",
};
export function ready() {
  const status = $("status");
  awaiting = null;
  $("confirm").hidden = true;
  $("dismiss").hidden = true;
  status.className = "status ready";
  status.dataset.result = "";
  $("status-label").textContent = "Sẵn sàng";
  $("status-hint").textContent = HINTS[mode];
  $("who").hidden = true;
  $("status-detail").textContent = "";
}
