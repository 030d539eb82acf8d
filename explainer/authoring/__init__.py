"""Commands that write content: `new` (scaffold) and `extract` (reading a source document)."""
