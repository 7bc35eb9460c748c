// The presidium and the secretariat (Đoàn Chủ tịch, Đoàn Thư ký) in their order
// (services/mc.py set_presidium, as `kiosk presidium`): a delegate found by code or
// name and added to a body, moved up or down, taken off; saved together. The order is
// the one the MC invites them in and the stage seats them by (#1 at the centre).
import { say } from "./page.js";
import { $, api, button, el, send } from "../common.js";

const BODIES = { "chu-tich": "Đoàn Chủ tịch", "thu-ky": "Đoàn Thư ký" };
const members = { "chu-tich": [], "thu-ky": [] };
let timer = null;

const who = (m) => `${m.name} (${m.code})` + (m.title ? ` — ${m.title}` : "");

function draw(body) {
  const list = members[body];
  $(`presidium-${body}`).replaceChildren(
    ...(list.length
      ? list.map((m, i) => {
          const li = el("li", who(m));
          li.dataset.code = m.code;
          const move = (step) => () => {
            [list[i], list[i + step]] = [list[i + step], list[i]];
            draw(body);
          };
          const up = button("↑", "up", move(-1));
          up.disabled = i === 0;
          up.setAttribute("aria-label", `Đưa ${m.name} lên trên`);
          const down = button("↓", "down", move(1));
          down.disabled = i === list.length - 1;
          down.setAttribute("aria-label", `Đưa ${m.name} xuống dưới`);
          const off = button("Bỏ", "remove", () => {
            list.splice(i, 1);
            draw(body);
          });
          off.setAttribute("aria-label", `Bỏ ${m.name} khỏi ${BODIES[body]}`);
          li.append(" ", up, down, off);
          return li;
        })
      : [el("li", "Chưa có ai.", "empty")])
  );
}

export async function loadPresidium() {
  try {
    const kept = await api("/api/presidium");
    for (const body of Object.keys(BODIES)) {
      members[body] = kept[body].map(({ code, name, title }) => ({ code, name, title }));
      draw(body);
    }
    // a member the desk withdrew since: left out of the lists, the plates and the stage
    const gone = kept.withdrawn || [];
    if (gone.length)
      say(
        `${gone.map((m) => `${m.name} (${m.code}, ${BODIES[m.body]})`).join(", ")} đã rút ` +
          "khỏi danh sách đại biểu: không còn trong đoàn, hãy chọn người thay rồi lưu.",
        "early"
      );
  } catch (e) {
    say(e.message, "early");
  }
}

function add(body, d) {
  if (members[body].some((m) => m.code === d.code)) {
    say(`${d.name} đã có trong ${BODIES[body]}.`, "early");
    return;
  }
  members[body].push({ code: d.code, name: d.name, title: d.title });
  draw(body);
  say(`Đã thêm ${d.name} vào ${BODIES[body]} (chưa lưu).`);
}

function found(d) {
  const li = el("li", who(d) + (d.unit ? `, ${d.unit}` : ""));
  li.dataset.code = d.code;
  for (const [body, name] of Object.entries(BODIES))
    li.append(
      " ",
      button(`Thêm vào ${name}`, `add-${body}`, () => add(body, d))
    );
  return li;
}

async function search() {
  const q = $("presidium-find").value.trim();
  if (!q) {
    $("presidium-found").replaceChildren();
    return;
  }
  try {
    const { results } = await api(`/api/admin/delegates?q=${encodeURIComponent(q)}`);
    if (q !== $("presidium-find").value.trim()) return; // typed on: a newer one comes
    const active = results.filter((d) => d.active).slice(0, 10);
    $("presidium-found").replaceChildren(
      ...(active.length ? active.map(found) : [el("li", "Không tìm thấy ai.")])
    );
  } catch (e) {
    say(e.message, "early");
  }
}

$("presidium-find").addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(search, 200);
});

$("presidium-save").addEventListener("click", async () => {
  const codes = {};
  for (const body of Object.keys(BODIES)) codes[body] = members[body].map((m) => m.code);
  try {
    await send("/api/presidium", codes);
    say(
      `Đã lưu ${BODIES["chu-tich"]} (${codes["chu-tich"].length} người) và ` +
        `${BODIES["thu-ky"]} (${codes["thu-ky"].length} người).`
    );
    loadPresidium();
  } catch (err) {
    say(err.message, "early");
  }
});
