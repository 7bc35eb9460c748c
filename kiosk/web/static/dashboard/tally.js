// An arrival applied to the snapshot in the page, so that a hundred open screens cost the
// hub no query per check-in. The hub says where it goes (the event's `bucket`) and how
// (the snapshot's `rules`: the chart's bucket size and length, how many latest arrivals,
// the decimals of a share, reports/tally.py RULES): the page keeps no rule of its own.
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
  const bucket = s.timeline.length && bucketFor(s.timeline, ev.bucket, s.rules);
  if (!category || !delegation || !bucket || category.protocol) return false;
  for (const row of [category, delegation]) {
    row.present += 1;
    row.missing = row.expected - row.present;
    row.percent = percentOf(row.present, row.expected, s.rules);
  }
  s.by_delegation.sort((a, b) => b.missing - a.missing || a.rank - b.rank);
  if (category.is_delegate && s.delegates) {
    s.delegates.present += 1;
    s.delegates.percent = percentOf(s.delegates.present, s.delegates.expected, s.rules);
  }
  let after = false;
  for (const b of s.timeline) {
    if (b === bucket) {
      b.count += 1;
      after = true;
    }
    if (after) b.cumulative += 1;
  }
  // newest first by when it happened: a door's check-in synced late goes where its time is
  const arrival = { ...d, time: ev.time, at: ev.at, station: ev.station };
  const later = s.latest.filter((r) => r.at > ev.at);
  const rest = s.latest.filter((r) => !(r.at > ev.at));
  s.latest = [...later, arrival, ...rest].slice(0, s.rules.latest);
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
// empty buckets before it, as long as the chart stays within the hub's length
function bucketFor(timeline, start, rules) {
  const found = timeline.find((b) => b.start === start);
  if (found) return found;
  const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const step = rules.bucket_minutes;
  const last = timeline[timeline.length - 1];
  const missing = (minutes(start) - minutes(last.start)) / step;
  // earlier than the chart, or past its length
  if (missing < 1 || timeline.length + missing > rules.max_buckets) return null;
  for (let m = minutes(last.start) + step; m <= minutes(start); m += step) {
    const at = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    timeline.push({ start: at, count: 0, cumulative: last.cumulative });
  }
  return timeline[timeline.length - 1];
}

// a share rounded as the hub rounds it (core/counts.py percent, to `rules.decimals`)
function percentOf(part, whole, rules) {
  const scale = 10 ** rules.decimals;
  return whole ? Math.floor((100 * scale * part) / whole + 0.5) / scale : 0;
}
