"""Everything at the doors: check-in, hub, stations, dashboard and reports."""
