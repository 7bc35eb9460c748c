// The snapshot from /api/dashboard, fetched when the page opens, when the session chosen
// changes, and again only when the page cannot tell what an event changed.
import { session, setSnapshot, snapshot } from "./state.js";
import { render } from "./draw.js";
import { applied } from "./tally.js";
import { $, api } from "../common.js";

export let lastSeq = null; // the log's position the first snapshot stood at
let refreshTimer = null;

// The snapshot stands at the log's position `last_seq`: events that come while it is
// on its way are held, then those after its position applied to it. (Refetching on
// each of them made a busy page ask again and again through a burst.)
let loading = 0;
let held = [];

export async function load() {
  const wanted = session();
  if (!loading++) held = [];
  let got;
  try {
    got = await api(`/api/dashboard?session=${encodeURIComponent(wanted)}`);
  } finally {
    loading--;
  }
  if (lastSeq === null) lastSeq = got.last_seq; // where the stream takes over
  // an answer for a session no longer chosen (the select changed meanwhile) is dropped
  if (got.session !== session()) return snapshot;
  setSnapshot(got);
  const missed = held.filter((ev) => ev.seq > got.last_seq && !applied(ev));
  render();
  $("dashboard").dataset.shown = got.session;
  if (missed.length) scheduleRefresh();
  return snapshot;
}

export function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => load().catch(() => {}), 800);
}

// an event of the stream for the session shown: applied to the snapshot, held while a
// snapshot is on its way, or a reason to fetch it again
export function heard(ev) {
  if (loading) held.push(ev);
  else if (!snapshot || (ev.seq > snapshot.last_seq && !applied(ev))) scheduleRefresh();
}

$("session").addEventListener("change", () => load().catch(() => {}));
