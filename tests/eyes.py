"""Looking at a page as the eye does, not as the DOM holds it: axe-core's verdict, the
least font size of what is shown, words broken across lines, boxes wider than the window,
and the contrast of one line against what is really behind it.

axe-core comes from npm (package.json pins it; `scripts/dev-setup --test` installs it):
never from a CDN. A page is checked in a context opened with `bypass_csp=True`, since the
hub's Content-Security-Policy would refuse an injected script."""

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# What a kiosk, a projector and a phone need of the engine: text that can be read, controls
# that say what they are, a page in Vietnamese that can be zoomed.
RULES = ["color-contrast", "label", "button-name", "link-name", "image-alt", "html-has-lang",
         "html-lang-valid", "document-title", "meta-viewport", "select-name",
         "aria-allowed-attr", "aria-required-attr", "aria-valid-attr", "aria-valid-attr-value",
         "duplicate-id-aria", "list", "listitem", "nested-interactive", "frame-title"]


def axe(page, rules=RULES) -> list[str]:
    """axe-core's violations on the page as shown now, one line each (rule, target, what
    it measured); empty when it passes."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("""rules => axe.run(document, {runOnly: {type: 'rule', values: rules},
        resultTypes: ['violations']}).then(r => r.violations.flatMap(v => v.nodes.map(n =>
        v.id + ' ' + n.target.join(' ') + ': ' + (n.any.concat(n.all)
          .map(c => c.message).join('; ')).slice(0, 220))))""", rules)
    return found


# The text a page shows: every element with a text node of its own that is rendered and
# inside the window (a list scrolled out of its box counts: it is on the page).
_SHOWN = """root => {
  const out = [];
  const base = root ? document.querySelector(root) : document.body;
  if (!base) return out;
  const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.textContent.trim()) continue;
    const el = t.parentElement;
    if (!el || el.closest('script,style,template,noscript,option,[hidden],[aria-hidden=true]'))
      continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    const boxes = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!boxes.length) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || parseFloat(s.opacity) === 0) continue;
    if (el.closest('.visually-hidden')) continue;
    const inside = boxes.some(b => b.right > 0 && b.bottom > 0 && b.left < innerWidth
                                   && b.top < innerHeight);
    if (!inside) continue;
    out.push({text: t.textContent.trim().slice(0, 40), size: parseFloat(s.fontSize),
              tag: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                   + (el.className && typeof el.className === 'string'
                      ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
              lines: new Set(boxes.map(b => Math.round(b.top))).size});
  }
  return out;
}"""


def shown_text(page, within: str | None = None) -> list[dict]:
    """Each text shown in the window (inside the first element matching `within`, or
    anywhere): its words, font size in px, element, and the lines it takes."""
    return page.evaluate(_SHOWN, within)


def smaller_than(page, least: float, within: str | None = None) -> list[str]:
    """The texts shown (within a selector, or anywhere) in a font under `least` px."""
    return [f"{t['size']:.1f}px {t['tag']} «{t['text']}»" for t in shown_text(page, within)
            if t["size"] < least - 0.05]


def broken_words(page, selector: str, longest: int = 20) -> list[str]:
    """The words (no space inside: a time, a seat, a code, "STT") that take more than one
    line within the elements matching `selector`: "17:0 / 1" cannot be read. A heading of
    several words may wrap between them; it may not cut one. A token longer than `longest`
    (a whole scanned payload) may break where it must."""
    return page.locator(selector).evaluate_all("""(els, longest) => {
      const out = [];
      for (const e of els) {
        if (!e.getClientRects().length) continue;
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          for (const m of t.textContent.matchAll(/\\S+/g)) {
            if (m[0].length > longest) continue;
            const range = document.createRange();
            range.setStart(t, m.index);
            range.setEnd(t, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                 .map(r => Math.round(r.top)));
            if (tops.size > 1) out.push(m[0]);
          }
        }
      }
      return out;
    }""", longest)


def too_wide(page) -> list[str]:
    """Elements reaching past the window's right edge, except inside a box that scrolls
    sideways by design (overflow-x auto or scroll): a page the eye must pan is not read."""
    return page.evaluate("""() => {
      const out = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (!r.width || r.right <= innerWidth + 1) continue;
        let p = el.parentElement, scrolls = false;
        while (p && p !== document.body) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') { scrolls = true; break; }
          p = p.parentElement;
        }
        if (!scrolls) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                               + ' ' + Math.round(r.right) + 'px');
      }
      return out.slice(0, 10);
    }""")


def contrast(page, selector: str) -> float:
    """The contrast ratio of an element's text colour against the first opaque background
    up its ancestors (what axe leaves 'incomplete' when boxes overlap)."""
    return page.locator(selector).first.evaluate("""e => {
      const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => { const f = v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const fg = rgb(getComputedStyle(e).color);
      let p = e, bg = [255, 255, 255];
      while (p) { const c = rgb(getComputedStyle(p).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) { bg = c.slice(0, 3); break; }
        p = p.parentElement; }
      const [a, b] = [lum(fg.slice(0, 3)), lum(bg)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }""")


def cut_placeholders(page) -> list[str]:
    """Inputs shown whose placeholder (what to type) does not fit inside them: "Mã người
    nhận tl" tells nobody what the box is for."""
    return page.evaluate("""() => [...document.querySelectorAll('input[placeholder]')]
      .filter(e => e.getClientRects().length && !e.value)
      .filter(e => { const s = getComputedStyle(e);
        const c = document.createElement('canvas').getContext('2d'); c.font = s.font;
        const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        return c.measureText(e.placeholder).width > room + 1; })
      .map(e => e.placeholder)""")
