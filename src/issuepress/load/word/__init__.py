"""Word articles (.docx): read into the same Markdown article text the loader reads from a .md file."""
