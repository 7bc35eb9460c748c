// The stage screen for the backstage coordinator: the batch on stage, the next one (who
// is in the hall and where they sit), the awards nobody present can receive, and the
// batches handed. It follows the live stream: a check-in or an undo may change who is
// called, and the hub announces every ceremony change (a presenter, a proxy, a batch
// handed) in its programme event; the programme is then read again. No polling.
// The hub freezes the batch on stage and the next once a batch is handed; a late arrival
// goes to a later batch or a supplementary one (core/ceremony.py), which is announced
// here. "Đã trao" names the recipients shown: the hub refuses (409) a batch that changed
// since, and answers with the programme as it stands after, which is drawn as it comes.
"use strict";
(() => {
  const { $, api, el, send } = window.Kiosk;
  const session = () => $("session").value;
  const canMark = $("stage").dataset.canMark === "yes"; // organisers and the desk
  const canName = $("stage").dataset.canName === "yes"; // organisers: who presents
  let shown = null; // the programme on screen
  let onStage = null; // the batch shown on stage: what "Đã trao" names
  let timer = null;

  async function load() {
    const wanted = session();
    const got = await api(`/api/ceremony?session=${encodeURIComponent(wanted)}`);
    if (got.session !== session()) return;
    shown = got;
    render();
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(() => load().catch(showError), 300);
  }

  function person(r) {
    const li = el("li");
    const who = el("span", r.name, "name");
    li.append(who);
    const about = [r.title, r.unit].filter(Boolean).join(", ");
    if (about) li.append(el("span", ` — ${about}`, "about"));
    if (r.collective) li.append(el("span", ` (nhận cho ${r.collective})`, "collective"));
    if (r.on_behalf_of) li.append(el("span", ` (nhận thay ${r.on_behalf_of.name})`, "proxy"));
    // the seat an usher reads on a phone: a chip of its own, never split across lines
    li.append(" ", el("span", r.seat ? `Ghế ${r.seat}` : "Chưa có ghế", "seat"));
    return li;
  }

  function batch(holder, b, none) {
    holder.replaceChildren();
    if (!b) {
      holder.append(el("p", none, "none"));
      return;
    }
    const title = el(
      "h3",
      b.supplementary ? `Lượt bổ sung — ${b.award}` : `Lượt ${b.number} — ${b.award}`
    );
    if (b.supplementary) title.append(el("small", ` (lượt ${b.number})`));
    holder.append(title);
    holder.append(
      el("p", b.presenter ? `Đồng chí ${b.presenter} lên trao` : "Chưa có người trao", "presenter")
    );
    if (canName) holder.append(presenterForm(b));
    const list = el("ol");
    b.recipients.forEach((r) => list.append(person(r)));
    holder.append(list);
  }

  // organisers: the leader who presents a batch ("đồng chí … lên trao")
  function presenterForm(b) {
    const field = { name: "presenter", value: b.presenter || "", maxLength: 200 };
    field.placeholder = "Họ tên, chức vụ người trao";
    return inlineForm("presenter-form", field, "Lưu người trao", (presenter) =>
      act(`/api/ceremony/presenters`, { session: session(), batch: b.number, presenter })
    );
  }

  // a form of one field on a line, sent with its button (`submit` gets the field's text)
  function inlineForm(cls, field, label, submit) {
    const form = el("form", null, `inline-form ${cls}`);
    const input = Object.assign(el("input"), field);
    form.append(input, el("button", label));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      submit(input.value.trim());
    });
    return form;
  }

  // the desk: for an absent recipient, a present delegate receives, or the award is kept
  function absentItem(a) {
    const li = el(
      "li",
      `${a.collective ? a.collective + " — " : ""}${a.name}` +
        (a.decision === "kept"
          ? " (giữ lại để trao sau)"
          : a.proxy
            ? ` (người nhận thay ${a.proxy.name} chưa có mặt)`
            : " (chưa quyết định)")
    );
    if (!canMark) return li;
    if (a.handed_over_to) {
      li.append(el("span", ` — đã bàn giao cho ${a.handed_over_to}`, "handed-over"));
    } else {
      li.append(a.decision === "kept" ? handoverForm(a) : proxyForm(a));
    }
    return li;
  }

  // who receives on the absent recipient's behalf (a present delegate's code), or kept;
  // one not checked in to the session is asked about first (409 "not_checked_in")
  function proxyForm(a) {
    const path = `/api/ceremony/awards/${a.award_id}/absent`;
    const field = { name: "proxy", placeholder: "Mã người nhận thay", maxLength: 16, size: 12 };
    if (a.head) {
      // the head of the recipient's delegation, offered first; still the desk's to change
      field.value = a.head.code;
      field.title = `Trưởng đoàn: ${a.head.name}`;
    }
    const propose = (proxy, confirm) =>
      act(path, { proxy, session: session(), confirm }, (err) => {
        if (err.reason !== "not_checked_in") return false;
        askConfirm(err.message, () => propose(proxy, true));
        return true;
      });
    const form = inlineForm("absent-form", field, "Nhận thay", (proxy) => propose(proxy, false));
    if (a.head) form.prepend(el("span", `Trưởng đoàn ${a.head.name}: `, "head"));
    const keep = el("button", "Giữ lại");
    keep.type = "button";
    keep.addEventListener("click", () => act(path, { proxy: null }));
    form.append(keep);
    return form;
  }

  // kept for later: given to the head of the delegation, who signs the roll
  function handoverForm(a) {
    const field = { name: "received_by", placeholder: "Họ tên người nhận bàn giao" };
    field.maxLength = 200;
    if (a.head) field.value = a.head.name; // the head of the delegation, who signs the roll
    return inlineForm("handover-form", field, "Ghi bàn giao", (receivedBy) =>
      act(`/api/ceremony/awards/${a.award_id}/handover`, { received_by: receivedBy })
    );
  }

  // `refused(err)`: a refusal the caller handles itself (true), else it is shown
  async function act(path, body, refused = () => false) {
    $("stage-error").hidden = true;
    $("proxy-confirm").hidden = true;
    if (document.activeElement) document.activeElement.blur(); // done typing: draw again
    try {
      await send(path, body);
      await load();
    } catch (err) {
      if (!refused(err)) showError(err);
    }
  }

  // the hub's question in words, answered on the page (not window.confirm): yes resends
  let confirmed = null;
  function askConfirm(message, yes) {
    $("proxy-confirm-text").textContent = message;
    $("proxy-confirm").hidden = false;
    confirmed = yes;
    $("proxy-confirm-yes").focus();
  }
  if (canMark) {
    $("proxy-confirm-yes").addEventListener("click", () => confirmed && confirmed());
    $("proxy-confirm-no").addEventListener("click", () => {
      $("proxy-confirm").hidden = true;
      confirmed = null;
    });
  }

  // Someone typing a proxy's code or a presenter's name keeps what they typed: the
  // screen is drawn again when they leave the field.
  let held = false;
  function render() {
    if (
      document.activeElement &&
      $("stage").contains(document.activeElement) &&
      document.activeElement.tagName === "INPUT"
    ) {
      held = true;
      return;
    }
    held = false;
    const waiting = shown.batches.filter((b) => !b.handed);
    const done = shown.batches.filter((b) => b.handed);
    batch($("now"), waiting[0], "Không còn lượt nào chờ trao.");
    batch($("next"), waiting[1], "Không còn lượt sau.");
    onStage = waiting[0] || null;
    if (canMark) {
      $("handed").hidden = !waiting.length;
      $("handed").dataset.number = waiting.length ? waiting[0].number : "";
    }
    announce(waiting.filter((b) => b.supplementary));
    missingList(waiting[1] || waiting[0]);
    $("done-count").textContent = `(${done.length})`;
    $("done").replaceChildren(
      ...done.map((b) =>
        el(
          "li",
          `Lượt ${b.number} — ${b.supplementary ? "bổ sung — " : ""}${b.award}: ` +
            `${b.recipients.length} người`
        )
      )
    );
    $("stage").dataset.shown = `${shown.session}:${waiting.length ? waiting[0].number : 0}`;
  }

  // a supplementary batch, made for late arrivals after the batches lined up
  function announce(extra) {
    const box = $("supplementary");
    box.hidden = !extra.length;
    box.textContent = extra.length
      ? "Có người mới đến: thêm " +
        extra
          .map((b) => `lượt bổ sung — ${b.award} (lượt ${b.number}, ${b.recipients.length} người)`)
          .join("; ")
      : "";
  }

  // the absent: by name for the organisers and the desk; a viewer gets counts by form
  function missingList(next) {
    if (typeof shown.not_present === "number") {
      $("missing-count").textContent = `(${shown.not_present_count})`;
      $("missing").replaceChildren(
        ...shown.not_present_by_form.map((f) => el("li", `${f.award}: ${f.count} người vắng`))
      );
      return;
    }
    // the next form's absent first: who the ushers will not find
    const missing = [
      ...shown.not_present.filter((a) => next && a.award === next.award),
      ...shown.not_present.filter((a) => !next || a.award !== next.award),
    ];
    $("missing-count").textContent = `(${missing.length})`;
    $("missing").replaceChildren(
      ...missing.map((a) => {
        const li = absentItem(a);
        li.prepend(el("span", `${a.award}: `, "form"));
        return li;
      })
    );
  }

  function showError(err) {
    const box = $("stage-error");
    box.textContent = err.message;
    box.hidden = false;
  }

  if (canMark) {
    $("handed").addEventListener("click", async () => {
      const number = Number($("handed").dataset.number);
      const recipients = onStage ? onStage.recipients.map((r) => r.award_id) : [];
      const wanted = session();
      $("stage-error").hidden = true;
      try {
        const got = await send(`/api/ceremony/batches/${number}/handed`, {
          session: wanted,
          recipients,
        });
        if (got.session !== session()) return;
        shown = got; // the programme as it stands after: drawn, not read again
        render();
      } catch (err) {
        showError(err);
        load().catch(() => {});
      }
    });
  }

  function connect() {
    // who came in moves the counts; the programme event carries the ceremony's counter
    window.Kiosk.followSession($("stage"), session, soon, "ceremony");
  }

  $("stage").addEventListener("focusout", () => setTimeout(() => held && shown && render(), 0));
  $("session").addEventListener("change", () => load().catch(showError));
  load().catch(showError);
  connect();
})();
