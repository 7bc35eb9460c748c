// The camera. Frames are read on the device (decoder.js: ZXing-C++ in WebAssembly, in a
// worker); the hub gets the code read, as a scanner would send it, and a frame only when
// the device saw a code it could not read (the hub's rescue pipeline, kiosk/qr). Where
// the device cannot run the decoder, frames go to the hub as before, fewer while the
// hub sees nothing code-like in them.
import { mode, newId, resetMs, session, sleep } from "./state.js";
import { show, showError } from "./answer.js";
import { checkIn } from "./checkin.js";
import { $, api } from "../common.js";

let busy = false;
let stream = null;
let lastCode = null,
  lastCodeUntil = 0,
  region = "";
let decoder = null; // the worker, once its decoder has loaded; null: upload frames
const DEVICE_GAP = 100,
  RESCUE_GAP = 250,
  QUIET_GAP = 600; // ms between frames
export async function startCamera() {
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
export function stopCamera() {
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
