"""The check-in core: the decision and everything it needs to be fast and exact.

`decision` (the rule: a scanned or typed code becomes one outcome), `ledger` (where it
reads and writes), `batcher` and `snapshot` (the hub's group commit and its copy in
memory), `outcomes` (the reason codes and their Vietnamese labels), `counts`, `ids`,
`clock`. No Flask here and nothing from `kiosk.web`: the HTTP layer only translates.
"""
