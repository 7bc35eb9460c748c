// The kiosk screen: scanner keystrokes, camera frames and name search become check-ins.
"use strict";
(() => {
  const { $, api, pct, send } = window.Kiosk;
  const resetMs = Number($("screen").dataset.resetMs) || 2000;
  const PAYLOAD = window.Kiosk.payloadPattern; // a complete badge payload
  let mode = "scan";
  let resetTimer = null;
  let busy = false;

  const session = () => $("session").value;
  // Time-ordered ids (milliseconds first): twin of kiosk/core/ids.py, and the hub's
  // check (web/checks.py ID_RE) must accept both. Retries reuse the id.
  const newId = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(10));
    const random = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return Date.now().toString(16).padStart(12, "0") + random;
  };

  // --- sound: one distinct tone pattern per colour, made here (no files to fetch)
  let audio = null;
  function beep(pattern) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      let t = audio.currentTime;
      for (const [freq, ms] of pattern) {
        const osc = audio.createOscillator(),
          gain = audio.createGain();
        osc.frequency.value = freq;
        osc.connect(gain);
        gain.connect(audio.destination);
        gain.gain.setValueAtTime(0.25, t);
        osc.start(t);
        osc.stop(t + ms / 1000);
        t += ms / 1000 + 0.05;
      }
    } catch {
      /* no audio device: the colours still speak */
    }
  }
  const SOUNDS = {
    green: [
      [880, 120],
      [1320, 160],
    ],
    amber: [
      [660, 150],
      [660, 150],
    ],
    red: [[220, 450]],
    blue: [
      [520, 150],
      [780, 200],
    ],
    grey: [
      [300, 200],
      [300, 200],
    ],
  };

  // --- the big answer
  function show(result) {
    const status = $("status");
    clearTimeout(resetTimer);
    status.className = "status " + (result.color === "green" ? "ok" : result.color);
    status.dataset.result = result.result;
    $("status-label").textContent = result.label;
    $("status-hint").textContent = "";
    const d = result.delegate;
    $("who").hidden = !d;
    if (d) {
      $("who-category").textContent = d.category;
      $("who-category").style.background = d.category_color;
      $("who-category").style.color = d.category_ink; // web/shapes.py: legible on it
      $("who-name").textContent = d.name;
      $("who-title").textContent = d.title || "";
      $("who-unit").textContent = d.unit || "";
      $("who-delegation").textContent = d.delegation || "";
      $("who-seat").textContent = d.seat || "—";
    }
    // what to do next comes from the hub (core/outcomes.py NEXT_STEP), in Vietnamese
    $("status-detail").textContent = result.next || "";
    if (result.stats) showStats(result.stats);
    beep(SOUNDS[result.color] || SOUNDS.red);
    // a bare delegate code waits for the volunteer to look (core/decision.py)
    awaiting = result.result === "confirm" && d ? d.code : null;
    $("confirm").hidden = !awaiting;
    // how long it stays: core/outcomes.py HOLD (green short, amber longer, red until
    // dismissed: the volunteer must not miss it)
    const hold = result.hold || "until-dismissed";
    $("dismiss").hidden = hold !== "until-dismissed" || Boolean(awaiting);
    if (hold === "short") resetTimer = setTimeout(ready, resetMs);
    if (hold === "long") resetTimer = setTimeout(ready, resetMs * 3);
  }

  // twin of core/decision.py: only a badge's full payload is let in by itself; a bare
  // code comes back "confirm", and the check-in is the same code sent with confirm: true
  let awaiting = null;
  $("confirm-yes").addEventListener("click", () => {
    const code = awaiting;
    awaiting = null;
    if (code) checkIn(code, "typed", true);
  });
  $("confirm-no").addEventListener("click", () => {
    awaiting = null;
    ready();
  });

  // e.status: the hub answered with an error (its Vietnamese message); none: the hub
  // could not be reached, so nothing was recorded: a state of its own, and the code goes
  // back into the input to be sent again with Enter
  function showError(e, code) {
    // not recorded, to be sent again: no hub, or a rehearsal that ended before this page
    // heard (the page follows the programme within seconds)
    if (!e.status || e.reason === "rehearsal_over") {
      show({
        result: "unsent",
        label: "Chưa ghi nhận — quét lại",
        color: "grey",
        delegate: null,
        hold: "until-dismissed",
        next: e.status
          ? e.message
          : "Không liên lạc được với máy chủ. Nhấn Enter để gửi lại, hoặc quét lại thẻ.",
      });
      if (code && mode === "scan" && !input.value) {
        input.value = code;
        input.focus();
      }
      return;
    }
    const label = e.status === 401 ? "Trạm chưa được cấp quyền" : "Không điểm danh được";
    show({
      result: "error",
      label,
      color: "red",
      delegate: null,
      hold: "until-dismissed",
      next: e.message,
    });
  }
  $("dismiss").addEventListener("click", () => ready());

  const HINTS = {
    scan: "Đưa mã QR trên thẻ vào máy quét, hoặc gõ mã đại biểu rồi nhấn Enter",
    camera: "Đưa thẻ vào khung camera (máy quét vẫn dùng được)",
    search: "Gõ tên để tìm (máy quét vẫn dùng được)",
  };
  function ready() {
    const status = $("status");
    awaiting = null;
    $("confirm").hidden = true;
    $("dismiss").hidden = true;
    status.className = "status ready";
    status.dataset.result = "";
    $("status-label").textContent = "Sẵn sàng";
    $("status-hint").textContent = HINTS[mode];
    $("who").hidden = true;
    $("status-detail").textContent = "";
  }

  function showStats(s) {
    $("present").textContent = s.present;
    $("expected").textContent = s.expected;
    $("percent").textContent = `(${pct(s.percent)})`;
  }

  async function refreshStats() {
    try {
      showStats(await api("/api/stats?session=" + encodeURIComponent(session())));
    } catch {
      /* next time */
    }
  }

  async function checkIn(code, method, confirm = false) {
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

  // --- scanner and typed codes: a USB scanner is a keyboard ending with Enter (or Tab,
  // or nothing: a complete badge code followed by a short pause is taken as done)
  const input = $("code");
  let idleTimer = null;
  // what a scanner or a person typed, however it arrived: a payload is a scan, the rest typed
  function submitText(text, method) {
    const value = text.trim();
    if (value) checkIn(value, method || (PAYLOAD.test(value) ? "scan" : "typed"));
  }
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
  // no key of a burst falls between two owners; in the other modes they are held here
  // and sent on Enter, Tab or a complete payload's pause. In the name search, keys that
  // come at a scanner's pace (a few ms apart) and end in Enter or Tab, or make a
  // complete payload, are a scan: taken out of the search box and checked in.
  const BURST_GAP = 50; // ms between a scanner's keys; people type 80 ms and more apart
  const BURST_MIN = 4; // keys at that pace before Enter that make a scan, not a search
  const takesText = (el) =>
    el &&
    (el.tagName === "TEXTAREA" ||
      (el.tagName === "INPUT" &&
        !["button", "submit", "checkbox", "radio", "file"].includes(el.type)));
  let held = "",
    heldTimer = null;
  function hold(key) {
    held += key;
    clearTimeout(heldTimer);
    // a payload then a pause is a scan; anything else left unfinished is dropped
    heldTimer = setTimeout(
      () => (PAYLOAD.test(held) ? sendHeld("scan") : (held = "")),
      PAYLOAD.test(held) ? 120 : 1500
    );
  }
  function sendHeld(method) {
    clearTimeout(heldTimer);
    const value = held;
    held = "";
    submitText(value, method);
  }
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
      } else if ((e.key === "Enter" || e.key === "Tab") && held) {
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

  // --- name search
  let searchTimer = null;
  $("search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 150);
  });
  async function runSearch() {
    const q = $("search").value.trim();
    const list = $("results");
    const more = $("results-more");
    if (!q) {
      list.replaceChildren();
      more.hidden = true;
      return;
    }
    try {
      const data = await api(
        `/api/delegates?q=${encodeURIComponent(q)}&session=${encodeURIComponent(session())}`
      );
      if ($("search").value.trim() !== q) return; // an answer to a query no longer typed
      list.replaceChildren(...data.results.map(resultItem));
      const rest = (data.total || 0) - data.results.length;
      more.hidden = rest <= 0 && data.results.length > 0;
      more.textContent =
        data.results.length === 0
          ? "Không tìm thấy ai với tên này."
          : `Còn ${rest}${data.total >= 500 ? "+" : ""} người khớp nữa chưa hiện — gõ thêm tên hoặc đơn vị để thu hẹp.`;
    } catch (e) {
      showError(e);
    }
  }
  function resultItem(d) {
    const li = document.createElement("li");
    const info = document.createElement("div");
    info.className = "info";
    const name = document.createElement("div");
    name.className = "name";
    name.textContent = d.name;
    const sub = document.createElement("div");
    sub.textContent = [d.code, d.title, d.unit].filter(Boolean).join(" · ");
    info.append(name, sub);
    li.append(info);
    if (d.present_time) {
      // already in: nothing to press
      const done = document.createElement("span");
      done.className = "done";
      done.textContent = "Đã có mặt " + d.present_time;
      li.append(done);
      return li;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Điểm danh";
    // picked from the list by a volunteer looking at the person: that is the confirmation;
    // then the search box again, its text selected for the next name (a scan still counts)
    button.addEventListener("click", async () => {
      await checkIn(d.code, "search", true);
      runSearch();
      if (held) return; // a scanner's keys are coming in meanwhile: they stay together
      $("search").focus();
      $("search").select();
    });
    li.append(button);
    return li;
  }

  // --- camera. Frames are read on the device (decoder.js: ZXing-C++ in WebAssembly, in a
  // worker); the hub gets the code read, as a scanner would send it, and a frame only when
  // the device saw a code it could not read (the hub's rescue pipeline, kiosk/qr). Where
  // the device cannot run the decoder, frames go to the hub as before, fewer while the
  // hub sees nothing code-like in them.
  let stream = null;
  let lastCode = null,
    lastCodeUntil = 0,
    region = "";
  let decoder = null; // the worker, once its decoder has loaded; null: upload frames
  const DEVICE_GAP = 100,
    RESCUE_GAP = 250,
    QUIET_GAP = 600; // ms between frames
  async function startCamera() {
    const status = $("camera-status");
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: "environment" },
        audio: false,
      });
    } catch (e) {
      status.textContent = !navigator.mediaDevices
        ? "Trình duyệt chỉ cho dùng camera qua HTTPS: mở trang bằng địa chỉ https:// của hub."
        : e.name === "NotAllowedError"
          ? "Trình duyệt không cho phép dùng camera."
          : e.name === "NotFoundError"
            ? "Không tìm thấy camera."
            : "Không mở được camera: " + e.name;
      return;
    }
    const video = $("video");
    video.srcObject = stream;
    await video.play();
    decoder = decoder || (await startDecoder());
    $("camera").dataset.decoder = decoder ? "device" : "hub";
    status.textContent = decoder
      ? "Đưa thẻ vào khung"
      : "Đưa thẻ vào khung (ảnh được gửi về hub để đọc)";
    scanLoop(video);
  }
  function stopCamera() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
  }
  // the worker answers its first message once the WebAssembly decoder has loaded
  function startDecoder() {
    return new Promise((resolve) => {
      if (!window.WebAssembly || !window.Worker) {
        resolve(null);
        return;
      }
      let worker;
      try {
        worker = new Worker($("screen").dataset.decoder);
      } catch {
        resolve(null);
        return;
      }
      const fail = () => {
        clearTimeout(timer);
        worker.terminate();
        resolve(null);
      };
      const timer = setTimeout(fail, 15000);
      worker.onerror = fail;
      worker.onmessage = (e) => {
        if (e.data.error) {
          fail();
          return;
        }
        clearTimeout(timer);
        resolve(worker);
      };
      worker.postMessage({ id: 0 });
    });
  }
  let frameId = 0;
  function readOnDevice(image) {
    return new Promise((resolve, reject) => {
      const id = ++frameId;
      decoder.onmessage = (e) => {
        if (e.data.id === id) e.data.error ? reject(new Error(e.data.error)) : resolve(e.data);
      };
      decoder.postMessage({ id, image }, [image.data.buffer]);
    });
  }
  // the badge just answered for is still held up: not sent again for a while
  function remember(result) {
    lastCode = result.delegate ? result.delegate.code : null;
    lastCodeUntil = Date.now() + resetMs + 3000;
  }
  // a frame for the hub to read: the rescue of a code seen but not read, or every frame
  // where the device has no decoder
  async function upload(canvas, ignore) {
    const blob = await new Promise((r) => canvas.toBlob(r, "image/jpeg", 0.8));
    const result = await api(
      `/api/scan?session=${encodeURIComponent(session())}&ignore=${encodeURIComponent(ignore || "")}&region=${region}&id=${newId()}`,
      { method: "POST", headers: { "Content-Type": "image/jpeg" }, body: blob }
    );
    region = result.region ? result.region.join(",") : "";
    if (result.result !== "no_code") {
      show(result);
      remember(result);
    }
    return result;
  }
  async function scanLoop(video) {
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    let quiet = 0; // uploads in a row in which the hub saw nothing code-like
    let lastRescue = 0;
    while (stream && mode === "camera") {
      if (busy || $("status").dataset.result) {
        await sleep(100);
        continue;
      }
      const started = performance.now();
      const w = Math.min(960, video.videoWidth || 640);
      const h = Math.round((w * (video.videoHeight || 480)) / (video.videoWidth || 640));
      canvas.width = w;
      canvas.height = h;
      context.drawImage(video, 0, 0, w, h);
      const ignore = Date.now() < lastCodeUntil ? lastCode : "";
      let gap = DEVICE_GAP;
      busy = true;
      try {
        if (decoder) {
          const read = await readOnDevice(context.getImageData(0, 0, w, h));
          const text = read.texts.find((t) => t.split(".")[0].toUpperCase() !== ignore);
          if (text) {
            const result = await checkIn(text, "camera");
            if (result) remember(result);
          } else if (read.unread && !read.texts.length && started - lastRescue > RESCUE_GAP) {
            lastRescue = started;
            await upload(canvas, ignore);
          }
        } else {
          const result = await upload(canvas, ignore);
          quiet = result.seen ? 0 : quiet + 1;
          gap = quiet > 2 ? QUIET_GAP : 0;
        }
      } catch (e) {
        showError(e);
        gap = 1000;
      } finally {
        busy = false;
      }
      await sleep(gap - (performance.now() - started));
    }
  }
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // --- modes
  document
    .querySelectorAll(".modes button")
    .forEach((b) => b.addEventListener("click", () => setMode(b.dataset.mode)));
  function setMode(next) {
    mode = next;
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

  // the live count: pushed by the hub's stream; a slow poll covers a stream that is down.
  // The stream beats every 2 s while idle (web/stream.py KEEPALIVE_SECONDS): two beats
  // missed, or the connection dropped, and the page says at once that the hub is gone,
  // before anyone scans; and again when it is back.
  const LOST_AFTER_MS = 4000;
  let lostTimer = null,
    lost = false;
  function hubLost() {
    clearTimeout(lostTimer);
    if (lost) return;
    lost = true;
    const box = $("hub-state");
    box.textContent =
      "Mất kết nối với máy chủ — lượt quét lúc này chưa được ghi. Đang thử nối lại…";
    box.className = "notice lost";
    box.hidden = false;
  }
  function alive() {
    clearTimeout(lostTimer);
    lostTimer = setTimeout(hubLost, LOST_AFTER_MS);
    if (!lost) return;
    lost = false;
    const box = $("hub-state");
    box.textContent = "Đã kết nối lại với máy chủ.";
    box.className = "notice switched";
    setTimeout(() => {
      if (!lost) box.hidden = true;
    }, 4000);
    refreshStats();
  }
  function listen() {
    // only each session's counts when they move: a burst of check-ins at every door is one
    // short message here, not every door's every scan
    const source = new EventSource("/api/stream?only=counts");
    source.addEventListener("counts", (e) => {
      alive();
      const ev = JSON.parse(e.data);
      if (ev.session === session()) showStats(ev.stats);
    });
    source.addEventListener("beat", alive);
    source.addEventListener("session", alive);
    source.onopen = () => {
      alive();
      refreshStats();
    }; // catch up after a reconnect
    source.onerror = () => {
      hubLost();
      // refused outright (the hub restarted without this page's login, a full hub):
      // the browser gives up, so this page tries again itself
      if (source.readyState === EventSource.CLOSED) setTimeout(listen, 3000);
    };
    window.Kiosk.followProgramme(source, $("screen"), () => refreshStats());
  }
  // on an entrance station: whether the hub is reachable, and what waits to be sent
  async function refreshLink() {
    const chip = $("link");
    try {
      const link = await api("/api/link");
      if (link.online === null) return;
      chip.hidden = false;
      chip.className = link.online ? "link online" : "link offline";
      chip.textContent = link.online
        ? link.waiting
          ? `Hub: đang gửi ${link.waiting}`
          : "Hub: đã kết nối"
        : `Mất kết nối hub · ${link.waiting} chờ gửi`;
    } catch {
      /* the page itself is served by the station: try again */
    }
  }
  refreshStats();
  listen();
  setInterval(refreshStats, 30000);
  // a station learns the hub's arrivals by pulling, not from its stream: poll the count too
  if ($("link")) {
    refreshLink();
    setInterval(() => {
      refreshLink();
      refreshStats();
    }, 3000);
  }
  input.focus();
})();
