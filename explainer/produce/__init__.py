"""Output files besides the HTML pages: feeds, exports, hover previews, the search page and index."""
