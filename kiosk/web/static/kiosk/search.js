// The name search: a volunteer types a name, picks the person, and that pick is the
// check-in (the volunteer is looking at the person: that is the confirmation).
import { session } from "./state.js";
import { showError } from "./answer.js";
import { checkIn } from "./checkin.js";
import { holding } from "./held.js";
import { $, api } from "../common.js";

let searchTimer = null;
$("search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 150);
});
export async function runSearch() {
  const q = $("search").value.trim();
  const list = $("results");
  const more = $("results-more");
  if (!q) {
    list.replaceChildren();
    more.hidden = true;
    return;
  }
  try {
    const data = await api(
      `/api/delegates?q=${encodeURIComponent(q)}&session=${encodeURIComponent(session())}`
    );
    if ($("search").value.trim() !== q) return; // an answer to a query no longer typed
    list.replaceChildren(...data.results.map(resultItem));
    const rest = (data.total || 0) - data.results.length;
    more.hidden = rest <= 0 && data.results.length > 0;
    more.textContent =
      data.results.length === 0
        ? "Không tìm thấy ai với tên này."
        : `Còn ${rest}${data.total >= 500 ? "+" : ""} người khớp nữa chưa hiện — gõ thêm tên hoặc đơn vị để thu hẹp.`;
  } catch (e) {
    showError(e);
  }
}
function resultItem(d) {
  const li = document.createElement("li");
  const info = document.createElement("div");
  info.className = "info";
  const name = document.createElement("div");
  name.className = "name";
  name.textContent = d.name;
  const sub = document.createElement("div");
  sub.textContent = [d.code, d.title, d.unit].filter(Boolean).join(" · ");
  info.append(name, sub);
  li.append(info);
  if (d.present_time) {
    // already in: nothing to press
    const done = document.createElement("span");
    done.className = "done";
    done.textContent = "Đã có mặt " + d.present_time;
    li.append(done);
    return li;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Điểm danh";
  // picked from the list by a volunteer looking at the person: that is the confirmation;
  // then the search box again, its text selected for the next name (a scan still counts)
  button.addEventListener("click", async () => {
    await checkIn(d.code, "search", true);
    runSearch();
    if (holding()) return; // a scanner's keys are coming in meanwhile: they stay together
    $("search").focus();
    $("search").select();
  });
  li.append(button);
  return li;
}
