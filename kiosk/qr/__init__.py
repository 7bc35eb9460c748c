"""QR codes from pictures: camera frames and images in, badge texts out.

`pipeline` (zxing-cpp first, then image fixes within a time budget), `finders` (a code
with one corner hidden, repaired), `images` (encoded bytes to a frame for the pipeline),
`camera` (the native camera loop that posts what it reads through `kiosk.client`).
No Flask here and nothing from `kiosk.web`.
"""
