// The event's settings (services/settings.py): its names, organiser and place as the
// badges and reports print them; the report's kind, the Quy chế it cites and its quorum;
// the vote rule and the motions the run sheet plans. A form sends only what changed; a
// refusal names its field, which is marked.
import { say, markField } from "./page.js";
import { $, api, el, send } from "../common.js";

const EVENT = ["name", "short_name", "organiser", "venue", "place"];
const REPORT = ["report_kind", "rules", "rules_article", "quorum", "vote_rule", "motions"];
let shown = {};

// the report's kinds as radio buttons, their titles from the hub (reports/credentials.py)
function kinds(all, chosen) {
  const box = $("report-kinds");
  box.replaceChildren(
    el("legend", "Loại báo cáo về đại biểu"),
    ...Object.entries(all).map(([code, title]) => {
      const label = el("label", null, "check");
      const radio = el("input");
      Object.assign(radio, { type: "radio", name: "report_kind", value: code });
      radio.checked = code === chosen;
      label.append(radio, " " + title);
      return label;
    })
  );
}

function fill(s) {
  shown = s;
  const event = $("event-settings").elements;
  for (const key of EVENT) event[key].value = s[key];
  kinds(s.kinds, s.report_kind);
  const report = $("report-settings").elements;
  for (const key of REPORT.slice(1, -1)) report[key].value = s[key];
  report.motions.value = s.motions.join("\n");
}

export async function loadSettings() {
  try {
    fill(await api("/api/admin/settings"));
  } catch (e) {
    say(e.message, "early");
  }
}

// what the form holds now, as the hub takes it
function typed(form, keys) {
  const out = {};
  for (const key of keys) {
    const input = form.elements[key];
    if (key === "motions") {
      out[key] = input.value
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
    } else out[key] = input.value.trim();
  }
  return out;
}

function saving(id, keys, done) {
  $(id).addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const now = typed(form, keys);
    const changed = {};
    for (const key of keys)
      if (JSON.stringify(now[key]) !== JSON.stringify(shown[key])) changed[key] = now[key];
    if (!Object.keys(changed).length) {
      say("Không có gì thay đổi.");
      return;
    }
    try {
      fill(await send("/api/admin/settings", changed));
      markField(form, null);
      say(done);
    } catch (err) {
      markField(form, err);
      say(err.message, "early");
    }
  });
}

saving(
  "event-settings",
  EVENT,
  "Đã lưu thông tin Đại hội; thẻ, báo cáo và các trang in lại theo thông tin mới."
);
saving(
  "report-settings",
  REPORT,
  "Đã lưu loại báo cáo, quy chế và quy định biểu quyết; báo cáo và kịch bản in ra theo thiết lập mới."
);
