// The door's three panels (scan or type a code, the camera, the name search) and the
// session list: what changes when the volunteer switches either.
import { changeMode } from "./state.js";
import { ready } from "./answer.js";
import { refreshStats } from "./hub.js";
import { startCamera, stopCamera } from "./camera.js";
import { $ } from "../common.js";

const input = $("code");

document
  .querySelectorAll(".modes button")
  .forEach((b) => b.addEventListener("click", () => setMode(b.dataset.mode)));
function setMode(next) {
  changeMode(next);
  document.body.dataset.mode = next;
  document
    .querySelectorAll(".modes button")
    .forEach((b) => b.classList.toggle("active", b.dataset.mode === next));
  document.querySelectorAll("[data-panel]").forEach((p) => {
    p.hidden = p.dataset.panel !== next;
  });
  if (next === "camera") startCamera();
  else stopCamera();
  if (next === "scan") input.focus();
  if (next === "search") $("search").focus();
  ready();
}
$("session").addEventListener("change", () => {
  refreshStats();
  input.focus();
});
