// Paper: print a delegation's signing roll, then tick who signed it (method paper, at
// the time written on the paper).
import { $, api, el, notice, send } from "./common.js";

const delegation = () => $("paper-form").elements.delegation.value;
const session = () => $("session").value;

const say = notice("paper-message");

function links() {
  const base = `/admin/signing-roll.pdf?session=${encodeURIComponent(session())}`;
  $("roll-one").href = `${base}&delegation=${encodeURIComponent(delegation())}`;
  $("roll-all").href = base;
}

async function load() {
  links();
  const wanted = `session=${encodeURIComponent(session())}&delegation=${encodeURIComponent(delegation())}`;
  try {
    const { people } = await api(`/api/admin/paper?${wanted}`);
    const now = `session=${encodeURIComponent(session())}&delegation=${encodeURIComponent(delegation())}`;
    if (now !== wanted) return; // the choice changed meanwhile: that answer is not wanted
    $("roll").replaceChildren(
      ...people.map((p) => {
        const li = el("li", null, p.present ? "present" : "");
        li.dataset.code = p.code;
        const label = el("label");
        const tick = el("input");
        tick.type = "checkbox";
        tick.value = p.code;
        tick.disabled = !!p.present;
        label.append(
          tick,
          ` ${p.name}`,
          el(
            "span",
            ` — ${[p.title, p.unit].filter(Boolean).join(", ")} · Ghế ${p.seat || "—"}`,
            "info"
          ),
          el("span", p.present ? ` · đã có mặt ${p.present}` : "", "state")
        );
        li.append(label);
        return li;
      })
    );
    if (!people.length) say("Đoàn này không có ai được triệu tập vào phiên này.", "early");
  } catch (e) {
    say(e.message, "early");
  }
}

$("entry-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const codes = [...$("roll").querySelectorAll("input:checked")].map((x) => x.value);
  try {
    const r = await send("/api/admin/paper", {
      session: session(),
      codes,
      at: e.target.elements.at.value,
    });
    const ok = r.answers.filter((a) => a.result === "ok").length;
    const other = r.answers.filter((a) => a.result !== "ok").map((a) => `${a.code}: ${a.label}`);
    say(
      `Đã ghi nhận ${ok} người theo giấy.` +
        (other.length ? " Không ghi: " + other.join("; ") : ""),
      other.length ? "early" : "switched"
    );
    load();
  } catch (err) {
    say(err.message, "early");
  }
});
$("paper-form").elements.delegation.addEventListener("change", load);
$("session").addEventListener("change", load);
load();
