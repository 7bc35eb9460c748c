// The dashboard's chart of arrivals: five-minute bars and the running total.
import { $ } from "../common.js";

// The bars and the running total are drawn in SVG; the words (the empty message, the
// first and last times) are HTML below it, at the page's own size: an SVG stretched to
// its box drew them at 11 px.
export function chart(timeline) {
  const svg = $("chart");
  const ns = "http://www.w3.org/2000/svg";
  svg.replaceChildren();
  $("chart-empty").hidden = timeline.length > 0;
  $("chart-from").textContent = timeline.length ? timeline[0].start : "";
  $("chart-to").textContent = timeline.length > 1 ? timeline[timeline.length - 1].start : "";
  if (!timeline.length) return;
  const w = 600,
    h = 200,
    n = timeline.length;
  const maxCount = Math.max(...timeline.map((b) => b.count), 1);
  const total = timeline[n - 1].cumulative || 1;
  const bw = w / Math.max(n, 12); // at least an hour wide: one bucket is not a wall
  timeline.forEach((b, i) => {
    const r = document.createElementNS(ns, "rect");
    const bh = (b.count / maxCount) * (h - 10);
    r.setAttribute("x", i * bw + 1);
    r.setAttribute("width", Math.max(bw - 2, 1));
    r.setAttribute("y", h - bh);
    r.setAttribute("height", bh);
    r.setAttribute("class", "bar");
    const title = document.createElementNS(ns, "title");
    title.textContent = `${b.start}: ${b.count} người (cộng dồn ${b.cumulative})`;
    r.append(title);
    svg.append(r);
  });
  const line = document.createElementNS(ns, "polyline");
  line.setAttribute(
    "points",
    timeline.map((b, i) => `${i * bw + bw / 2},${h - (b.cumulative / total) * (h - 10)}`).join(" ")
  );
  line.setAttribute("class", "cumulative");
  svg.append(line);
}
