// A Web Worker that reads QR codes in camera frames on the device, off the page's thread,
// with ZXing-C++ compiled to WebAssembly (static/vendor/zxing-wasm, vendored and pinned
// by scripts/vendor-zxing-wasm; the hub serves it, no CDN). The kiosk page (kiosk.js)
// posts {id} once to load the decoder, then {id, image: ImageData} per frame; it gets
// back {id, texts, unread}: the codes read, and how many codes were seen but not read
// (those frames go to the hub's rescue pipeline), or {id, error}.
"use strict";
importScripts("vendor/zxing-wasm/zxing-reader.js");

const OPTIONS = { formats: ["QRCode"], tryHarder: true, returnErrors: true, maxNumberOfSymbols: 4 };
const WASM = new URL("vendor/zxing-wasm/", self.location.href).href;
let loading = null;

function load() {
  loading =
    loading ||
    self.ZXingWASM.prepareZXingModule({
      overrides: {
        locateFile: (path, prefix) => (path.endsWith(".wasm") ? WASM + path : prefix + path),
      },
      fireImmediately: true,
    });
  return loading;
}

self.onmessage = async (event) => {
  const { id, image } = event.data;
  try {
    await load();
    if (!image) {
      self.postMessage({ id, texts: [], unread: 0 });
      return;
    }
    const results = await self.ZXingWASM.readBarcodes(image, OPTIONS);
    self.postMessage({
      id,
      texts: results.filter((r) => r.isValid && r.text).map((r) => r.text),
      unread: results.filter((r) => !r.isValid).length,
    });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
