// The scanner router: a USB scanner is a keyboard ending with Enter (or Tab, or nothing:
// a complete badge code followed by a short pause is taken as done). Its keys reach the
// check-in whatever has focus: the code box, the page, or the name search.
import { PAYLOAD, mode } from "./state.js";
import { submitText } from "./checkin.js";
import { hold, holding, sendHeld } from "./held.js";
import { runSearch } from "./search.js";
import { $ } from "../common.js";

// --- scanner and typed codes
const input = $("code");
let idleTimer = null;
function submitInput(method) {
  clearTimeout(idleTimer);
  const value = input.value;
  input.value = "";
  submitText(value, method);
}
// a complete badge payload followed by a pause: a scanner that sends no terminator
function armIdle() {
  clearTimeout(idleTimer);
  if (PAYLOAD.test(input.value.trim())) idleTimer = setTimeout(() => submitInput("scan"), 120);
}
$("scan-form").addEventListener("submit", (e) => {
  e.preventDefault();
  submitInput();
});
input.addEventListener("keydown", (e) => {
  if (e.key === "Tab" && input.value.trim()) {
    e.preventDefault();
    submitInput();
  }
});
input.addEventListener("input", armIdle);

// A scanner burst is taken whole whatever has focus. Keys typed while nothing that
// takes text is focused (a button just pressed, an answer, the page's background, the
// session list, whose type-ahead would change the session) are the check-in's: in
// scan mode they go into the code box, which takes focus with the first of them, so
// no key of a burst falls between two owners; in the other modes they are held
// (held.js) and sent on Enter, Tab or a complete payload's pause. In the name search,
// keys that come at a scanner's pace (a few ms apart) and end in Enter or Tab, or make a
// complete payload, are a scan: taken out of the search box and checked in.
const BURST_GAP = 50; // ms between a scanner's keys; people type 80 ms and more apart
const BURST_MIN = 4; // keys at that pace before Enter that make a scan, not a search
const takesText = (el) =>
  el &&
  (el.tagName === "TEXTAREA" ||
    (el.tagName === "INPUT" &&
      !["button", "submit", "checkbox", "radio", "file"].includes(el.type)));
// In the search box, the keys that came at a scanner's pace just before Enter or Tab
// (or before a pause, when they make a whole payload) are a scan: a payload, or a bare
// code of BURST_MIN keys or more. A person's slower keys before them stay a search. If
// a busy page spread a burst out, a payload at the end of the box is still a scan (no
// one types a dot and 26 secret characters).
const PAYLOAD_AT_END = new RegExp(PAYLOAD.source.replace(/^\^/, ""), "i");
let typed = [],
  typedTimer = null; // the search box's recent keys: [character, time]
function searchKey(e) {
  if (e.key.length === 1) {
    typed.push([e.key, e.timeStamp]);
    if (typed.length > 80) typed.shift();
    clearTimeout(typedTimer);
    typedTimer = setTimeout(() => {
      const scan = scanned(typed.length ? typed[typed.length - 1][1] : 0);
      if (scan && scan.payload) takeScan(scan);
    }, 120);
  } else if (e.key === "Enter" || e.key === "Tab") {
    const scan = scanned(e.timeStamp);
    if (scan) {
      e.preventDefault();
      takeScan(scan);
    }
  } else if (e.key !== "Shift" && e.key !== "CapsLock") {
    typed = []; // an edit: what came before is no longer at the end of the box
  }
}
function scanned(until) {
  let i = typed.length,
    t = until;
  while (i > 0 && t - typed[i - 1][1] <= BURST_GAP) {
    t = typed[i - 1][1];
    i--;
  }
  const fast = typed
    .slice(i)
    .map((k) => k[0])
    .join("");
  const value = $("search").value.trim();
  const payload = fast.match(PAYLOAD_AT_END) || value.match(PAYLOAD_AT_END);
  if (payload) return { text: payload[0], payload: true };
  if (fast.length >= BURST_MIN && !/\s/.test(fast) && value.endsWith(fast)) return { text: fast };
  return null;
}
function takeScan(scan) {
  clearTimeout(typedTimer);
  typed = [];
  const box = $("search");
  const value = box.value.trimEnd();
  if (value.endsWith(scan.text)) box.value = value.slice(0, -scan.text.length);
  runSearch();
  submitText(scan.text);
}
document.addEventListener(
  "keydown",
  (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const target = document.activeElement;
    if (target === input) return; // the code box's own keys
    if (target === $("search")) {
      searchKey(e);
      return;
    }
    if (takesText(target)) return; // a field of another purpose keeps its keys
    if (e.key.length === 1) {
      e.preventDefault();
      if (mode === "scan") {
        input.value += e.key;
        input.focus();
        armIdle();
      } else hold(e.key);
    } else if ((e.key === "Enter" || e.key === "Tab") && holding()) {
      e.preventDefault();
      sendHeld();
    }
  },
  true
);
// the code box has focus whenever the scan panel shows and nothing else needs it
const refocus = () => {
  if (mode === "scan" && !takesText(document.activeElement)) input.focus();
};
document.addEventListener("click", (e) => {
  if (!e.target.closest("select, input")) refocus();
});
setInterval(() => {
  if (document.activeElement.tagName !== "SELECT") refocus();
}, 1000);
