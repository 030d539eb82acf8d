"""The build: its stages, the plan of what to render again, the build cache, the preview's fast path."""
