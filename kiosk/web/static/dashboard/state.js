// What the dashboard's modules share: who is looking (the page's mode: organiser,
// viewer or projector), the session chosen, and the snapshot shown (snapshot.js fetches
// it, tally.js applies the stream's events to it, draw.js draws it).
import { $ } from "../common.js";

export const mode = $("dashboard").dataset.mode;
export const session = () => $("session").value;

export let snapshot = null;
export const setSnapshot = (s) => {
  snapshot = s;
};
