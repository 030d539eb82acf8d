"""Reading `content/`: the typed records, the schema of every field, YAML with line marks, the loader."""
