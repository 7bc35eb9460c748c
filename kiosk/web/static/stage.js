// The stage screen for the backstage coordinator: the batch on stage, the next one (who
// is in the hall and where they sit), the awards nobody present can receive, and the
// batches handed. It follows the live stream: a check-in or an undo may change who is
// called, and the hub announces every ceremony change (a presenter, a proxy, a batch
// handed) in its programme event; the programme is then read again (common.js
// followSession, debounced there). No polling.
// The hub freezes the batch on stage and the next once a batch is handed; a late arrival
// goes to a later batch or a supplementary one (core/ceremony.py), which is announced
// here. "Đã trao" names the recipients shown: the hub refuses (409) a batch that changed
// since, and answers with the programme as it stands after, which is drawn as it comes.
// Modules: stage/page.js what they share, stage/batch.js a batch, stage/absent.js the
// absent recipients and the desk's decisions for them.
import { $, api, el, followSession, send } from "./common.js";
import { missingList } from "./stage/absent.js";
import { batch } from "./stage/batch.js";
import { canMark, hooks, session, showError } from "./stage/page.js";

let shown = null; // the programme on screen
let onStage = null; // the batch shown on stage: what "Đã trao" names

async function load() {
  const wanted = session();
  const got = await api(`/api/ceremony?session=${encodeURIComponent(wanted)}`);
  if (got.session !== session()) return;
  shown = got;
  render();
}
hooks.load = load;

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
  missingList(shown, waiting[1] || waiting[0]);
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

$("stage").addEventListener("focusout", () => setTimeout(() => held && shown && render(), 0));
$("session").addEventListener("change", () => load().catch(showError));
load().catch(showError);
// who came in moves the counts; the programme event carries the ceremony's counter
followSession($("stage"), () => load().catch(showError), { session, counter: "ceremony" });
