// What the door's modules share: the session chosen, the mode shown (scan, camera or
// search), the hub's pattern of a badge payload, and ids for check-ins.
import { $, payloadPattern } from "../common.js";

export const resetMs = Number($("screen").dataset.resetMs) || 2000;
export const PAYLOAD = payloadPattern; // a complete badge payload

export let mode = "scan";
export const changeMode = (next) => {
  mode = next;
};

export const session = () => $("session").value;

// Time-ordered ids (milliseconds first): twin of kiosk/core/ids.py, and the hub's
// check (web/checks.py ID_RE) must accept both. Retries reuse the id.
export const newId = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return Date.now().toString(16).padStart(12, "0") + random;
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
