"""Markdown for explainers: the Python-Markdown set-up, its extensions (wiki links, mention linking), tables of contents, conversion."""
