"""The site as a whole: the entity index (ids, URLs, references, backlinks), the timeline model, verification."""
