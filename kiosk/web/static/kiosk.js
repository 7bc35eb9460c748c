// The kiosk screen: scanner keystrokes, camera frames and name search become check-ins.
// Each behaviour is a module in kiosk/, loaded by <script type="module">, importing
// common.js (the helpers every page shares): state.js what they share, answer.js the
// answer card, checkin.js the check-in sent, scanner.js (with held.js) the scanner
// router, search.js the name search, camera.js the camera, modes.js the panels, hub.js
// the count and the hub's and the station's link state.
import { $ } from "./common.js";
import "./kiosk/scanner.js";
import "./kiosk/modes.js";
import { followHub } from "./kiosk/hub.js";

followHub();
$("code").focus();
