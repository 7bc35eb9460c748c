// A check-in sent to the hub, whatever brought the code: a scanner, typing, the camera,
// a pick from the name search, or "Đúng người" after a bare code.
import { PAYLOAD, newId, session, sleep } from "./state.js";
import { show, showError, takeAwaiting } from "./answer.js";
import { $, send } from "../common.js";

export async function checkIn(code, method, confirm = false) {
  if (!code) return;
  // one id for every retry: if a lost answer's request did reach the hub, the retry
  // gets the same decision back instead of a duplicate
  const body = { code, session: session(), method, id: newId(), confirm };
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await send("/api/checkins", body);
      show(result);
      return result;
    } catch (e) {
      if (e.status || attempt >= 2) {
        showError(e, code);
        return;
      }
      await sleep(400 * (attempt + 1)); // a network error: try again
    }
  }
}

// what a scanner or a person typed, however it arrived: a payload is a scan, the rest typed
export function submitText(text, method) {
  const value = text.trim();
  if (value) checkIn(value, method || (PAYLOAD.test(value) ? "scan" : "typed"));
}

// the volunteer looked at the person and the bare code is theirs (answer.js: twin of
// core/decision.py): the same code again, with confirm: true
$("confirm-yes").addEventListener("click", () => {
  const code = takeAwaiting();
  if (code) checkIn(code, "typed", true);
});
