"""Queries for the dashboard and the reports."""
