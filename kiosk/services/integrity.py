"""The integrity verdict, asked once for `kiosk verify-log`, /admin/log and whoever else
judges the record: the four hash-chained logs walked (core/chain.py; the ceremony's
also held against its tables), who is counted
against the check-in log they are derived from, the roster against its log, and with a
head printed earlier, the check-ins appended after it that carry an earlier time. Read
only: a copy under suspicion is not written. No Flask here.

The credentials report's annex prints the chains' heads from core/chain.verify_database,
the walk this verdict makes: reports sit below the services and cannot ask here."""

from dataclasses import dataclass

from .. import db as store
from ..core import chain


@dataclass(frozen=True)
class Integrity:
    chains: list  # per log, in chain.LOGS order: table, name, rows, head, broken (message),
    # kind (of the break: 'changed', 'removed', 'removed_at_end', 'head', 'drift')
    extra: list  # counted present with no live check-in behind them: (id, code, session)
    missing: list  # live check-ins nobody counts: (id, code, session)
    drift: list  # roster rows changed outside the hub (store.roster_drift)
    late: list  # after the printed check-in head, with earlier times (store.late_for_head)

    @property
    def whole(self) -> bool:
        """The logs whole, and the counts and the roster what they say (late rows aside:
        they change the paper's figures, not the record's truth)."""
        return not (any(c["broken"] for c in self.chains) or self.extra or self.missing
                    or self.drift)


def verify(db, heads: dict | None = None) -> Integrity:
    """`heads`: table -> a head printed earlier (on the credentials report), to be found
    in its chain; the check-ins' is also the mark for `late`."""
    heads = {k: v for k, v in (heads or {}).items() if v}
    names = dict(chain.LOGS)
    chains = [{"table": table, "name": names[table], "rows": verdict.rows,
               "head": verdict.head, "broken": verdict.broken.message if verdict.broken else None,
               "kind": verdict.broken.kind if verdict.broken else None}
              for table, verdict in chain.verify_database(db, heads).items()]
    against = store.presence_against_log(db)
    late = store.late_for_head(db, heads["checkins"]) if heads.get("checkins") else []
    return Integrity(chains, against["extra"], against["missing"], store.roster_drift(db), late)
