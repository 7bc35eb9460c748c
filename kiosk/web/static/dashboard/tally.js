// An arrival applied to the snapshot in the page, so that a hundred open screens cost the
// hub no query per check-in. Twins of the hub's tally (reports/tally.py, core/counts.py).
import { snapshot } from "./state.js";
import { render } from "./draw.js";

// One event applied to the snapshot in the page, then drawn; false when only a fresh
// snapshot can say what changed.
export function applied(ev) {
  const s = snapshot;
  if (ev.kind !== "scan" || ev.stats.expected !== s.expected) return false;
  s.last_seq = Math.max(s.last_seq, ev.seq);
  if (ev.result === "duplicate") return true;
  if (ev.result !== "ok") {
    if (ev.result === "confirm") return false; // pending while it is its door's last
    if (s.refused) s.refused[ev.result] = (s.refused[ev.result] || 0) + 1;
    render();
    return true;
  }
  const d = ev.delegate;
  const category = d && s.by_category.find((c) => c.name === d.category);
  const delegation = d && s.by_delegation.find((r) => r.delegation === (d.delegation || "—"));
  const bucket = s.timeline.length && bucketFor(s.timeline, fiveMinutes(ev.time));
  if (!category || !delegation || !bucket || category.protocol) return false;
  for (const row of [category, delegation]) {
    row.present += 1;
    row.missing = row.expected - row.present;
    row.percent = percentOf(row.present, row.expected);
  }
  s.by_delegation.sort((a, b) => b.missing - a.missing || a.rank - b.rank);
  if (category.is_delegate && s.delegates) {
    s.delegates.present += 1;
    s.delegates.percent = percentOf(s.delegates.present, s.delegates.expected);
  }
  let after = false;
  for (const b of s.timeline) {
    if (b === bucket) {
      b.count += 1;
      after = true;
    }
    if (after) b.cumulative += 1;
  }
  s.latest = [{ ...d, time: ev.time, station: ev.station }, ...s.latest].slice(0, 20);
  if (s.absent) s.absent = s.absent.filter((r) => r.code !== d.code);
  Object.assign(s, {
    present: ev.stats.present,
    expected: ev.stats.expected,
    percent: ev.stats.percent,
  });
  render();
  return true;
}

// The chart's bucket starting at `start`; a later one of the same day is added, with the
// empty buckets before it (reports/tally.py: 5 minutes each, at most 168)
function bucketFor(timeline, start) {
  const found = timeline.find((b) => b.start === start);
  if (found) return found;
  const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const last = timeline[timeline.length - 1];
  const missing = (minutes(start) - minutes(last.start)) / 5;
  if (missing < 1 || timeline.length + missing > 168) return null; // earlier, or too far
  for (let m = minutes(last.start) + 5; m <= minutes(start); m += 5) {
    const at = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    timeline.push({ start: at, count: 0, cumulative: last.cumulative });
  }
  return timeline[timeline.length - 1];
}

// "07:42" -> "07:40": the chart's five-minute bucket (reports/tally.py BUCKET_MINUTES)
function fiveMinutes(time) {
  const [h, m] = time.split(":");
  return `${h}:${String(m - (m % 5)).padStart(2, "0")}`;
}

// as the hub rounds a share (core/counts.py percent): one decimal
const percentOf = (part, whole) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);
