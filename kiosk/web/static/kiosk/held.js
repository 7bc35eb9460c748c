// Keys held for the check-in while nothing that takes text has focus outside the scan
// panel (camera and search modes): sent on Enter, Tab or a complete payload's pause.
import { PAYLOAD } from "./state.js";
import { submitText } from "./checkin.js";

let held = "",
  heldTimer = null;

// whether a scanner's keys are coming in
export const holding = () => Boolean(held);

export function hold(key) {
  held += key;
  clearTimeout(heldTimer);
  // a payload then a pause is a scan; anything else left unfinished is dropped
  heldTimer = setTimeout(
    () => (PAYLOAD.test(held) ? sendHeld("scan") : (held = "")),
    PAYLOAD.test(held) ? 120 : 1500
  );
}
export function sendHeld(method) {
  clearTimeout(heldTimer);
  const value = held;
  held = "";
  submitText(value, method);
}
