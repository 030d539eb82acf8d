"""`build.py serve`: the preview server, its watcher, live builds and the error overlay."""
