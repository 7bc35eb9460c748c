"""Everything before the doors open: rosters, badge codes and printed badges.

This package never imports `kiosk`.
"""
