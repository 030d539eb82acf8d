"""Turning views into HTML with Jinja2, and the fingerprinted static assets pages point at."""
