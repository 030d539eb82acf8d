"""What each page shows, as plain data for the templates: records, glossary, graphs, timeline, page metadata."""
