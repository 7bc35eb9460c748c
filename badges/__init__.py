"""Everything before the doors open: rosters, badge codes and printed badges.

This package never imports `kiosk`.
"""

import os

# One thread of OpenBLAS (numpy, which sqlite-utils imports): its idle worker thread could
# take the Ctrl+C a volunteer presses at a command's question (`kiosk purge`), and the
# main thread, blocked reading the terminal, never heard it (1 run in 7 hung). Nothing
# here does linear algebra worth a thread. Set before numpy is first imported; `kiosk`
# imports this package first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
