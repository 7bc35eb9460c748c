// The live dashboard: a snapshot from /api/dashboard, then Server-Sent Events.
// Counts come from the server with every event, so a dropped and resumed stream
// never leaves the screen miscounted. An arrival updates the snapshot in the page (its
// category, its delegation, the delegates' figure, the chart, the absent list, the
// refused scans): a hundred open screens cost the hub no query per check-in. The whole
// snapshot is fetched again only when the page cannot tell what changed: an undo, a
// guest of the protocol list, a roster that grew, a new five minutes on the chart, a
// reconnection.
// Each behaviour is a module in dashboard/, loaded by <script type="module"> importing
// common.js (the helpers every page shares): state.js what they share, snapshot.js the snapshot,
// stream.js the events, tally.js an arrival applied in the page, draw.js and chart.js
// the drawing, organiser.js the organisers' tools.
import { $ } from "./common.js";
import { connect } from "./dashboard/stream.js";
import { load } from "./dashboard/snapshot.js";
import "./dashboard/organiser.js";

load()
  .then(connect)
  .catch(() => {
    $("live").textContent = "Không tải được dữ liệu";
    connect();
  });
