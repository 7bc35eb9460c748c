// Organisers' setup. Each behaviour is a module in setup/, loaded by
// <script type="module"> importing common.js: page.js what they share (the
// message line, confirmations, a refused field marked, the file pickers), stations.js
// the doors' credentials, users.js the logins, event.js the sessions and categories,
// roster.js the roster upload, hall.js the hall and its seats, ceremony.js the honours'
// order, settings.js the event's and the report's settings, presidium.js the presidium
// and the secretariat.
import { loadStations } from "./setup/stations.js";
import { loadUsers } from "./setup/users.js";
import { loadEvent } from "./setup/event.js";
import "./setup/roster.js";
import { loadHall } from "./setup/hall.js";
import { loadCeremony } from "./setup/ceremony.js";
import { loadSettings } from "./setup/settings.js";
import { loadPresidium } from "./setup/presidium.js";

loadHall();
loadCeremony();
loadSettings();
loadPresidium();
loadStations();
setInterval(loadStations, 10000);
loadUsers();
loadEvent();
