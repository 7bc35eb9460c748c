// The hub's stream: every arrival and undo, with the counts (so a dropped and resumed
// stream never leaves the screen miscounted), and the programme's changes.
import { session, snapshot } from "./state.js";
import { showCounts } from "./draw.js";
import { heard, lastSeq, load } from "./snapshot.js";
import { $, followProgramme } from "../common.js";

let source = null;
let opened = false; // the stream has been open once: a later open is a reconnection

export function connect() {
  if (source) source.close();
  // no snapshot yet (its first load failed): the stream from now, and the snapshot once
  // it opens ("?after=" with no number was refused, and an EventSource refused stays shut)
  source = new EventSource(lastSeq === null ? "/api/stream" : `/api/stream?after=${lastSeq}`);
  const live = $("live");
  source.onopen = () => {
    live.textContent = "Trực tiếp";
    live.className = "live on";
    // back after a drop, or the first snapshot never came: the whole snapshot again
    if (opened || !snapshot) load().catch(() => {});
    opened = true;
  };
  source.onerror = () => {
    live.textContent = "Mất kết nối — đang nối lại…";
    live.className = "live off";
  };
  const handle = (e) => {
    const ev = JSON.parse(e.data);
    if (ev.session !== session()) return;
    showCounts(ev.stats.present, ev.stats.expected, ev.stats.percent);
    heard(ev);
  };

  source.addEventListener("scan", handle);
  source.addEventListener("undo", handle);
  followProgramme(source, $("dashboard"), () => load().catch(() => {}));
}
