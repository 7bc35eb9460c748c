// What the head's page modules share: the hub's calls (common.js's, with a withdrawn link
// shown at once), "Đã nhận" buttons, and the page's reload (set by doan.js).
import { $, api, button, send } from "../common.js";

export const hooks = { reload: async () => {}, source: null };

// the link was withdrawn or replaced: the page says so and stops following the hub
export function gone() {
  $("lost").hidden = false;
  $("doan").hidden = true;
  if (hooks.source) hooks.source.close();
  $("live").textContent = "Đã ngắt";
  $("live").className = "live off";
}

// GET (no body) or POST (a body) as common.js sends them; a 401 means the link is gone
export async function call(path, body) {
  try {
    return body === undefined ? await api(path) : await send(path, body);
  } catch (err) {
    if (err.status === 401) gone();
    throw err;
  }
}

// "Đã nhận": sends `body` to `path`, says `done(answer)` (or the hub's refusal) in the
// line `saidId`, then draws the delegation again
export function receivedButton(path, body, saidId, done) {
  const take = button("Đã nhận", "received", async () => {
    take.disabled = true;
    const said = $(saidId);
    said.className = "said";
    try {
      said.textContent = done(await call(path, body));
    } catch (error) {
      said.textContent = error.message;
      said.className = "said error";
    }
    hooks.reload();
  });
  return take;
}
