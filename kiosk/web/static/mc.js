// The MC's screen: the guests and the sector's leaders in the hall, in the roster's
// precedence order and said as they are read aloud; who arrived after the list was read
// ("mới đến"); the presidium, the votes taken and the speakers (a speaker not in the hall
// with the reserve proposed). It follows the live stream: a check-in moves the session's
// counts, and the hub announces every change of the MC's records in its programme event
// ("mc"); the sections are then read again, as the hub computed them. No polling.
import { $, api, button, el, followSession, send } from "./common.js";

const session = () => $("session").value;
const canMark = $("mc").dataset.canMark === "yes"; // organisers and the desk

async function load() {
  const wanted = session();
  const got = await api(`/api/mc?session=${encodeURIComponent(wanted)}`);
  if (got.session !== session()) return;
  $("mc-error").hidden = true;
  render(got);
}

function showError(err) {
  const box = $("mc-error");
  box.textContent = err.message || "Không tải được dữ liệu dẫn chương trình.";
  box.hidden = false;
}

async function act(path, body) {
  try {
    await send(path, Object.assign({ session: session() }, body));
    await load();
  } catch (err) {
    showError(err);
  }
}

// one person as read aloud: name, title, unit; the seat as a chip
function said(p) {
  const li = el("li");
  li.dataset.code = p.code;
  li.append(el("span", p.name, "name"));
  const about = [p.title, p.unit].filter(Boolean).join(", ");
  if (about) li.append(el("span", ` — ${about}`, "about"));
  return li;
}

function render(got) {
  renderIntroductions(got.introductions);
  for (const body of ["chu-tich", "thu-ky"]) {
    const list = got.presidium[body].map((p) => {
      const li = said(p);
      if (!p.present) li.append(el("span", "chưa có mặt", "flag away"));
      return li;
    });
    if (!list.length) list.push(el("li", "Chưa lập danh sách.", "none"));
    $(body).replaceChildren(...list);
  }
  const votes = got.votes.map((v) =>
    el("li", `${v.motion}: ${v.minutes} — ${v.passed ? "thông qua" : "không thông qua"}`)
  );
  if (!votes.length) votes.push(el("li", "Chưa ghi lần biểu quyết nào.", "none"));
  $("votes").replaceChildren(...votes);
  renderSpeakers(got.speakers);
}

function renderIntroductions(intro) {
  const late = intro.present.filter((p) => p.new);
  $("intro-count").textContent = `(${intro.present.length} có mặt)`;
  $("late").hidden = !late.length;
  $("late").textContent = late.length
    ? `Mới đến sau khi đã đọc danh sách: ${late.map((p) => p.name).join("; ")}`
    : "";
  const rows = intro.present.map((p) => {
    const li = said(p);
    if (p.new) li.append(el("span", "mới đến", "flag new"));
    if (p.introduced) li.append(el("span", "đã giới thiệu", "flag done"));
    else if (canMark) {
      const mark = () => act("/api/introductions/marks", { code: p.code, introduced: true });
      li.append(button("Đã giới thiệu", "mark", mark));
    }
    return li;
  });
  if (!rows.length)
    rows.push(el("li", "Chưa có khách mời hay lãnh đạo nào vào hội trường.", "none"));
  $("present").replaceChildren(...rows);
  const absent = intro.absent;
  $("absent-count").textContent = `(${intro.absent_count})`;
  $("absent").replaceChildren(...(Array.isArray(absent) ? absent.map((p) => said(p)) : []));
}

function renderSpeakers(made) {
  const rows = made.speakers.map((s) => {
    const li = said(s);
    li.append(el("span", ` — “${s.topic}” (${s.minutes} phút)`, "topic"));
    if (!s.present) {
      const instead = s.propose_reserve
        ? `chưa có mặt — đề nghị mời dự phòng: ${s.reserve.name}`
        : "chưa có mặt";
      li.append(el("span", instead, "flag away"));
    }
    return li;
  });
  if (!rows.length) rows.push(el("li", "Chưa có danh sách tham luận.", "none"));
  $("speakers").replaceChildren(...rows);
  const left = made.minutes_left;
  $("speakers-time").textContent = made.ends
    ? `Tổng ${made.total} phút; phiên kết thúc lúc ${made.ends}, còn ${left} phút` +
      (made.over ? " — không đủ thời gian." : ".")
    : `Tổng ${made.total} phút.`;
  $("speakers-time").className = made.over ? "time over" : "time";
}

const read = $("read");
if (read) read.addEventListener("click", () => act("/api/introductions/read", {}));
$("session").addEventListener("change", () => load().catch(showError));
load().catch(showError);
followSession($("mc"), () => load().catch(showError), { session, counter: "mc" });
