// The live dashboard: a snapshot from /api/dashboard, then Server-Sent Events.
// Counts come from the server with every event, so a dropped and resumed stream
// never leaves the screen miscounted. An arrival updates the snapshot in the page (its
// category, its delegation, the delegates' figure, the chart, the absent list, the
// refused scans): a hundred open screens cost the hub no query per check-in. The whole
// snapshot is fetched again only when the page cannot tell what changed: an undo, a
// guest of the protocol list, a roster that grew, a new five minutes on the chart, a
// reconnection.
"use strict";
(() => {
  const { $, api, el, fold, send } = window.Kiosk;
  const fmtPct = window.Kiosk.pct;
  const REFUSED = window.Kiosk.shortLabels; // refused scans' codes in short Vietnamese
  const mode = $("dashboard").dataset.mode;
  const session = () => $("session").value;
  let snapshot = null;
  let lastSeq = null; // the log's position the first snapshot stood at
  let source = null;
  let refreshTimer = null;
  let opened = false; // the stream has been open once: a later open is a reconnection
  const sortState = {};

  // The snapshot stands at the log's position `last_seq`: events that come while it is
  // on its way are held, then those after its position applied to it. (Refetching on
  // each of them made a busy page ask again and again through a burst.)
  let loading = 0;
  let held = [];

  async function load() {
    const wanted = session();
    if (!loading++) held = [];
    let got;
    try {
      got = await api(`/api/dashboard?session=${encodeURIComponent(wanted)}`);
    } finally {
      loading--;
    }
    if (lastSeq === null) lastSeq = got.last_seq; // where the stream takes over
    // an answer for a session no longer chosen (the select changed meanwhile) is dropped
    if (got.session !== session()) return snapshot;
    snapshot = got;
    const missed = held.filter((ev) => ev.seq > got.last_seq && !applied(ev));
    render();
    $("dashboard").dataset.shown = got.session;
    if (missed.length) scheduleRefresh();
    return snapshot;
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => load().catch(() => {}), 800);
  }

  function showCounts(present, expected, percent) {
    $("present").textContent = present;
    $("expected").textContent = expected;
    $("percent").textContent = fmtPct(percent);
  }

  function render() {
    const s = snapshot;
    showCounts(s.present, s.expected, s.percent);
    if (s.delegates) {
      // the credentials report's figure, labelled as such
      const d = s.delegates;
      $("delegates-only").textContent =
        `Đại biểu (số liệu báo cáo tư cách): ${d.present} / ${d.expected}` +
        (d.expected ? ` — ${fmtPct(d.percent)}` : "");
    }
    if (s.refused && $("refused")) {
      // organisers and the desk only, and not on the projector (which has no such line:
      // an organiser's projector once stopped drawing here, every table left empty)
      $("refused").textContent = Object.entries(s.refused)
        .map(([k, v]) => `${v} ${REFUSED[k] || k}`)
        .join(" · ");
    }
    table("by-category", s.by_category, (r) => {
      const name = el("td");
      const dot = el("span", "", "dot");
      dot.style.background = r.color;
      name.append(dot, document.createTextNode(r.name));
      return [name, el("td", r.present), el("td", r.expected), el("td", fmtPct(r.percent))];
    });
    table("by-delegation", s.by_delegation, (r) => [
      el("td", r.delegation),
      el("td", r.present),
      el("td", r.expected),
      el("td", r.missing, r.missing ? "missing" : ""),
    ]);
    list(
      "latest",
      s.latest,
      (r) => `${r.time}  ${r.name} — ${r.delegation || r.unit || ""}`,
      "Chưa có ai đến phiên này."
    );
    list(
      "protocol",
      s.protocol,
      (r) => `${r.name}, ${r.title || ""} ${r.unit ? "(" + r.unit + ")" : ""}`,
      "Chưa có khách mời hay lãnh đạo nào đến."
    );
    chart(s.timeline);
    if (mode === "organiser") renderAbsent();
    fitWhole();
  }

  // The projector shows whole rows only: what does not fit its box is left out (from the
  // end; the heading says how many), never cut in half at the bottom. The dashboard's
  // "Vừa đến" shows the latest ten whole, and says how many more the hub sent.
  const BOXES = [
    [".categories", "#by-category tbody tr"],
    [".delegations", "#by-delegation tbody tr"],
    [".latest", "#latest li"],
    [".protocol", "#protocol li"],
  ];
  const LATEST_ON_DASHBOARD = 10;
  function fitWhole() {
    const boxes = mode === "projector" ? BOXES : BOXES.filter(([box]) => box === ".latest");
    for (const [box, rows] of boxes) {
      const section = document.querySelector(box);
      const items = [...section.querySelectorAll(rows)];
      items.forEach((r) => {
        r.hidden = false;
      });
      let more = section.querySelector("h2 .more");
      if (!more) {
        more = el("small", "", "more");
        section.querySelector("h2").append(more);
      }
      more.textContent = "";
      const limit = () =>
        section.getBoundingClientRect().bottom -
        parseFloat(getComputedStyle(section).paddingBottom) +
        0.5;
      let hidden = 0;
      for (let pass = 0; pass < 2; pass++) {
        // the note may wrap the heading: look again
        const over = (i) =>
          mode === "projector"
            ? items[i].getBoundingClientRect().bottom > limit()
            : i >= LATEST_ON_DASHBOARD;
        for (let i = items.length - 1 - hidden; i >= 0 && over(i); i--) {
          items[i].hidden = true;
          hidden++;
        }
        more.textContent = hidden ? ` · còn ${hidden} chưa hiện` : "";
      }
    }
  }
  window.addEventListener("resize", fitWhole);

  function sorted(id, rows) {
    const state = sortState[id];
    if (!state) return rows;
    const copy = rows.slice();
    copy.sort((a, b) => {
      const x = a[state.key],
        y = b[state.key];
      const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "vi");
      return state.dir * c;
    });
    return copy;
  }

  function table(id, rows, cells) {
    const body = $(id).querySelector("tbody");
    body.replaceChildren(
      ...sorted(id, rows).map((r) => {
        const tr = el("tr");
        tr.append(...cells(r));
        return tr;
      })
    );
  }

  function list(id, rows, text, none) {
    $(id).replaceChildren(
      ...(rows.length ? rows.map((r) => el("li", text(r))) : [el("li", none, "none")])
    );
  }

  document.querySelectorAll("table.sortable th").forEach((th) =>
    th.addEventListener("click", () => {
      const id = th.closest("table").id;
      const prev = sortState[id];
      sortState[id] = {
        key: th.dataset.key,
        dir:
          prev && prev.key === th.dataset.key
            ? -prev.dir
            : th.dataset.key === "delegation" || th.dataset.key === "name"
              ? 1
              : -1,
      };
      render();
    })
  );

  // The bars and the running total are drawn in SVG; the words (the empty message, the
  // first and last times) are HTML below it, at the page's own size: an SVG stretched to
  // its box drew them at 11 px.
  function chart(timeline) {
    const svg = $("chart");
    const ns = "http://www.w3.org/2000/svg";
    svg.replaceChildren();
    $("chart-empty").hidden = timeline.length > 0;
    $("chart-from").textContent = timeline.length ? timeline[0].start : "";
    $("chart-to").textContent = timeline.length > 1 ? timeline[timeline.length - 1].start : "";
    if (!timeline.length) return;
    const w = 600,
      h = 200,
      n = timeline.length;
    const maxCount = Math.max(...timeline.map((b) => b.count), 1);
    const total = timeline[n - 1].cumulative || 1;
    const bw = w / Math.max(n, 12); // at least an hour wide: one bucket is not a wall
    timeline.forEach((b, i) => {
      const r = document.createElementNS(ns, "rect");
      const bh = (b.count / maxCount) * (h - 10);
      r.setAttribute("x", i * bw + 1);
      r.setAttribute("width", Math.max(bw - 2, 1));
      r.setAttribute("y", h - bh);
      r.setAttribute("height", bh);
      r.setAttribute("class", "bar");
      const title = document.createElementNS(ns, "title");
      title.textContent = `${b.start}: ${b.count} người (cộng dồn ${b.cumulative})`;
      r.append(title);
      svg.append(r);
    });
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute(
      "points",
      timeline
        .map((b, i) => `${i * bw + bw / 2},${h - (b.cumulative / total) * (h - 10)}`)
        .join(" ")
    );
    line.setAttribute("class", "cumulative");
    svg.append(line);
  }

  function renderAbsent() {
    const q = fold($("absent-filter").value.trim());
    const rows = (snapshot.absent || []).filter(
      (r) => !q || fold([r.name, r.code, r.unit, r.delegation].join(" ")).includes(q)
    );
    $("absent-count").textContent = `(${rows.length})`;
    // those absent with a reason are marked: nobody need ring them
    let number = 0;
    table("absent", rows, (r) => [
      el("td", ++number, "row-number"),
      el("td", r.code),
      el("td", r.name, "name"),
      el("td", r.title),
      el("td", r.unit),
      el("td", r.delegation),
      el("td", r.phone || ""),
      el("td", r.reason ? `Vắng có lý do: ${r.reason}` : "", r.reason ? "excused" : ""),
    ]);
  }

  // --- live updates

  // One event applied to the snapshot in the page, then drawn; false when only a fresh
  // snapshot can say what changed.
  function applied(ev) {
    const s = snapshot;
    if (ev.kind !== "scan" || ev.stats.expected !== s.expected) return false;
    s.last_seq = Math.max(s.last_seq, ev.seq);
    if (ev.result === "duplicate") return true;
    if (ev.result !== "ok") {
      if (ev.result === "confirm") return false; // pending while it is its door's last
      if (s.refused) s.refused[ev.result] = (s.refused[ev.result] || 0) + 1;
      render();
      return true;
    }
    const d = ev.delegate;
    const category = d && s.by_category.find((c) => c.name === d.category);
    const delegation = d && s.by_delegation.find((r) => r.delegation === (d.delegation || "—"));
    const bucket = s.timeline.length && bucketFor(s.timeline, fiveMinutes(ev.time));
    if (!category || !delegation || !bucket || category.protocol) return false;
    for (const row of [category, delegation]) {
      row.present += 1;
      row.missing = row.expected - row.present;
      row.percent = percentOf(row.present, row.expected);
    }
    s.by_delegation.sort((a, b) => b.missing - a.missing || a.rank - b.rank);
    if (category.is_delegate && s.delegates) {
      s.delegates.present += 1;
      s.delegates.percent = percentOf(s.delegates.present, s.delegates.expected);
    }
    let after = false;
    for (const b of s.timeline) {
      if (b === bucket) {
        b.count += 1;
        after = true;
      }
      if (after) b.cumulative += 1;
    }
    s.latest = [{ ...d, time: ev.time, station: ev.station }, ...s.latest].slice(0, 20);
    if (s.absent) s.absent = s.absent.filter((r) => r.code !== d.code);
    Object.assign(s, {
      present: ev.stats.present,
      expected: ev.stats.expected,
      percent: ev.stats.percent,
    });
    render();
    return true;
  }

  // The chart's bucket starting at `start`; a later one of the same day is added, with the
  // empty buckets before it (reports/tally.py: 5 minutes each, at most 168)
  function bucketFor(timeline, start) {
    const found = timeline.find((b) => b.start === start);
    if (found) return found;
    const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    const last = timeline[timeline.length - 1];
    const missing = (minutes(start) - minutes(last.start)) / 5;
    if (missing < 1 || timeline.length + missing > 168) return null; // earlier, or too far
    for (let m = minutes(last.start) + 5; m <= minutes(start); m += 5) {
      const at = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
      timeline.push({ start: at, count: 0, cumulative: last.cumulative });
    }
    return timeline[timeline.length - 1];
  }

  // "07:42" -> "07:40": the chart's five-minute bucket (reports/tally.py BUCKET_MINUTES)
  function fiveMinutes(time) {
    const [h, m] = time.split(":");
    return `${h}:${String(m - (m % 5)).padStart(2, "0")}`;
  }

  // as the hub rounds a share (core/counts.py percent): one decimal
  const percentOf = (part, whole) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

  function connect() {
    if (source) source.close();
    source = new EventSource(`/api/stream?after=${lastSeq === null ? "" : lastSeq}`);
    const live = $("live");
    source.onopen = () => {
      live.textContent = "Trực tiếp";
      live.className = "live on";
      if (opened) load().catch(() => {}); // back after a drop: the whole snapshot again
      opened = true;
    };
    source.onerror = () => {
      live.textContent = "Mất kết nối — đang nối lại…";
      live.className = "live off";
    };
    const handle = (e) => {
      const ev = JSON.parse(e.data);
      if (ev.session !== session()) return;
      showCounts(ev.stats.present, ev.stats.expected, ev.stats.percent);
      if (loading) held.push(ev);
      else if (!snapshot || (ev.seq > snapshot.last_seq && !applied(ev))) scheduleRefresh();
    };

    source.addEventListener("scan", handle);
    source.addEventListener("undo", handle);
    window.Kiosk.followProgramme(source, $("dashboard"), () => load().catch(() => {}));
  }

  $("session").addEventListener("change", () => load().catch(() => {}));
  if (mode === "organiser") {
    // a delegate looked up from the dashboard: in or not in the session shown, when, where;
    // the help desk page does the rest (check in, undo, reprint)
    let lookupTimer = null;
    const lookup = async () => {
      const q = $("dash-lookup").value.trim();
      if (!q) {
        $("dash-found").replaceChildren();
        return;
      }
      let data;
      try {
        data = await api(`/api/admin/delegates?q=${encodeURIComponent(q)}`);
      } catch (e) {
        $("dash-found").replaceChildren(el("li", e.message, "none"));
        return;
      }
      if (q !== $("dash-lookup").value.trim()) return; // typed on meanwhile
      const rows = data.results.slice(0, 8).map((d) => {
        const here = d.sessions.find((s) => s.id === session());
        const state = !here
          ? ""
          : here.in
            ? `Có mặt ${here.in.time} tại ${here.in.station}`
            : here.summoned
              ? "Chưa đến"
              : "Không được triệu tập";
        const li = el("li", null, here && here.in ? "in" : "out");
        li.dataset.code = d.code;
        const desk = el("a", "Bàn hỗ trợ →");
        desk.href = `/admin?q=${encodeURIComponent(d.code)}`;
        li.append(
          el("strong", d.name),
          el("span", d.code, "code"),
          el("span", [d.title, d.unit].filter(Boolean).join(", "), "info"),
          el("span", `Ghế ${d.seat || "—"}`, "info"),
          el("span", state, "state"),
          desk
        );
        return li;
      });
      $("dash-found").replaceChildren(
        ...(rows.length ? rows : [el("li", "Không tìm thấy ai khớp với điều đã gõ.", "none")])
      );
    };
    $("dash-lookup").addEventListener("input", () => {
      clearTimeout(lookupTimer);
      lookupTimer = setTimeout(lookup, 200);
    });
    $("session").addEventListener("change", lookup);
    $("absent-filter").addEventListener("input", renderAbsent);
    $("print-absent").addEventListener("click", async () => {
      // the paper says what it is: the event, the session, the hub's time (a laptop's
      // clock may be a day off), the filter if any; a fresh list first
      await load().catch(() => {});
      const filter = $("absent-filter").value.trim();
      const at = snapshot.as_of;
      $("print-title").replaceChildren(
        el("div", document.querySelector(".bar .event").textContent),
        el("div", "DANH SÁCH ĐẠI BIỂU CHƯA ĐẾN", "print-heading"),
        el(
          "div",
          `${snapshot.session_name} — tính đến ${at.time}, ngày ${at.date}` +
            (filter ? ` — lọc: “${filter}”` : "")
        )
      );
      document.body.classList.add("print-absent");
      window.print();
      document.body.classList.remove("print-absent");
    });
    document.querySelectorAll("[data-export]").forEach((a) =>
      a.addEventListener("click", (e) => {
        e.preventDefault();
        window.location = `/dashboard/export?format=${a.dataset.export}&session=${encodeURIComponent(session())}`;
      })
    );
  }
  // a station's clock against the hub's: "nhanh 3 phút" (ahead), "chậm 1 giờ 2 phút" (behind)
  function clockOff(seconds) {
    const total = Math.round(Math.abs(seconds) / 60);
    const h = Math.floor(total / 60),
      m = total % 60;
    return (seconds > 0 ? "nhanh " : "chậm ") + (h ? `${h} giờ ` : "") + `${m} phút`;
  }

  const shareLink = $("share-link");
  if (shareLink) shareLink.addEventListener("click", () => shareLink.select());
  // a link handed around or a screen in the wrong room: a new one, the old one stops
  const renew = $("share-renew");
  if (renew)
    renew.addEventListener("click", async () => {
      if (!confirm("Đổi liên kết trình chiếu? Các máy chiếu đang mở bằng liên kết cũ sẽ ngừng."))
        return;
      try {
        shareLink.value = (await send("/api/admin/share/renew", {})).url;
        shareLink.select();
      } catch (e) {
        alert(e.message);
      }
    });

  // organisers: which door has gone quiet (a station calls every few seconds)
  async function refreshDoors() {
    try {
      const { doors } = await api("/api/doors");
      $("doors").replaceChildren(
        ...doors.map((d) =>
          el(
            "li",
            `${d.station}: ${d.seconds_ago === null ? "chưa liên lạc" : d.seconds_ago < 5 ? "vừa xong" : d.seconds_ago + " giây trước"}` +
              (d.clock_off ? ` · đồng hồ ${clockOff(d.clock_offset)}, hãy chỉnh giờ máy` : ""),
            [d.quiet ? "quiet" : "", d.clock_off ? "clock-off" : ""].join(" ").trim()
          )
        )
      );
    } catch {
      /* next time */
    }
  }
  if (mode === "organiser") {
    refreshDoors();
    setInterval(refreshDoors, 5000);
  }
  load()
    .then(connect)
    .catch(() => {
      $("live").textContent = "Không tải được dữ liệu";
      connect();
    });
})();
