"""Rendering badges: one badge, print sheets and a PNG preview."""

from .badge import BadgeData
from .sheets import LAYOUTS, render, to_png

__all__ = ["BadgeData", "LAYOUTS", "render", "to_png"]
