// The dashboard drawn from the snapshot: the counts, the tables (sortable by a click on
// a heading), the lists, the chart, the absent list, and only whole rows on the projector.
import { mode, snapshot } from "./state.js";
import { chart } from "./chart.js";
import { $, el, fold, pct, shortLabels } from "../common.js";

const fmtPct = pct;
const REFUSED = shortLabels; // refused scans' codes in short Vietnamese
const sortState = {};

export function showCounts(present, expected, percent) {
  $("present").textContent = present;
  $("expected").textContent = expected;
  $("percent").textContent = fmtPct(percent);
}

export function render() {
  const s = snapshot;
  showCounts(s.present, s.expected, s.percent);
  if (s.delegates) {
    // the credentials report's figure, labelled as such
    const d = s.delegates;
    $("delegates-only").textContent =
      `Đại biểu (số liệu báo cáo tư cách): ${d.present} / ${d.expected}` +
      (d.expected ? ` — ${fmtPct(d.percent)}` : "");
  }
  if (s.refused && $("refused")) {
    // organisers and the desk only, and not on the projector (which has no such line:
    // an organiser's projector once stopped drawing here, every table left empty)
    $("refused").textContent = Object.entries(s.refused)
      .map(([k, v]) => `${v} ${REFUSED[k] || k}`)
      .join(" · ");
  }
  table("by-category", s.by_category, (r) => {
    const name = el("td");
    const dot = el("span", "", "dot");
    dot.style.background = r.color;
    name.append(dot, document.createTextNode(r.name));
    return [name, el("td", r.present), el("td", r.expected), el("td", fmtPct(r.percent))];
  });
  table("by-delegation", s.by_delegation, (r) => [
    el("td", r.delegation),
    el("td", r.present),
    el("td", r.expected),
    el("td", r.missing, r.missing ? "missing" : ""),
  ]);
  list(
    "latest",
    s.latest,
    (r) => `${r.time}  ${r.name} — ${r.delegation || r.unit || ""}`,
    "Chưa có ai đến phiên này."
  );
  list(
    "protocol",
    s.protocol,
    (r) => `${r.name}, ${r.title || ""} ${r.unit ? "(" + r.unit + ")" : ""}`,
    "Chưa có khách mời hay lãnh đạo nào đến."
  );
  chart(s.timeline);
  if (mode === "organiser") renderAbsent();
  fitWhole();
}

// The projector shows whole rows only: what does not fit its box is left out (from the
// end; the heading says how many), never cut in half at the bottom. The dashboard's
// "Vừa đến" shows the latest ten whole, and says how many more the hub sent.
const BOXES = [
  [".categories", "#by-category tbody tr"],
  [".delegations", "#by-delegation tbody tr"],
  [".latest", "#latest li"],
  [".protocol", "#protocol li"],
];
const LATEST_ON_DASHBOARD = 10;
function fitWhole() {
  const boxes = mode === "projector" ? BOXES : BOXES.filter(([box]) => box === ".latest");
  for (const [box, rows] of boxes) {
    const section = document.querySelector(box);
    const items = [...section.querySelectorAll(rows)];
    items.forEach((r) => {
      r.hidden = false;
    });
    let more = section.querySelector("h2 .more");
    if (!more) {
      more = el("small", "", "more");
      section.querySelector("h2").append(more);
    }
    more.textContent = "";
    const limit = () =>
      section.getBoundingClientRect().bottom -
      parseFloat(getComputedStyle(section).paddingBottom) +
      0.5;
    let hidden = 0;
    for (let pass = 0; pass < 2; pass++) {
      // the note may wrap the heading: look again
      const over = (i) =>
        mode === "projector"
          ? items[i].getBoundingClientRect().bottom > limit()
          : i >= LATEST_ON_DASHBOARD;
      for (let i = items.length - 1 - hidden; i >= 0 && over(i); i--) {
        items[i].hidden = true;
        hidden++;
      }
      more.textContent = hidden ? ` · còn ${hidden} chưa hiện` : "";
    }
  }
}
window.addEventListener("resize", fitWhole);

function sorted(id, rows) {
  const state = sortState[id];
  if (!state) return rows;
  const copy = rows.slice();
  copy.sort((a, b) => {
    const x = a[state.key],
      y = b[state.key];
    const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "vi");
    return state.dir * c;
  });
  return copy;
}

function table(id, rows, cells) {
  const body = $(id).querySelector("tbody");
  body.replaceChildren(
    ...sorted(id, rows).map((r) => {
      const tr = el("tr");
      tr.append(...cells(r));
      return tr;
    })
  );
}

function list(id, rows, text, none) {
  $(id).replaceChildren(
    ...(rows.length ? rows.map((r) => el("li", text(r))) : [el("li", none, "none")])
  );
}

document.querySelectorAll("table.sortable th").forEach((th) =>
  th.addEventListener("click", () => {
    const id = th.closest("table").id;
    const prev = sortState[id];
    sortState[id] = {
      key: th.dataset.key,
      dir:
        prev && prev.key === th.dataset.key
          ? -prev.dir
          : th.dataset.key === "delegation" || th.dataset.key === "name"
            ? 1
            : -1,
    };
    render();
  })
);

export function renderAbsent() {
  const q = fold($("absent-filter").value.trim());
  const rows = (snapshot.absent || []).filter(
    (r) => !q || fold([r.name, r.code, r.unit, r.delegation].join(" ")).includes(q)
  );
  $("absent-count").textContent = `(${rows.length})`;
  // those absent with a reason are marked: nobody need ring them
  let number = 0;
  table("absent", rows, (r) => [
    el("td", ++number, "row-number"),
    el("td", r.code),
    el("td", r.name, "name"),
    el("td", r.title),
    el("td", r.unit),
    el("td", r.delegation),
    el("td", r.phone || ""),
    el("td", r.reason ? `Vắng có lý do: ${r.reason}` : "", r.reason ? "excused" : ""),
  ]);
}
