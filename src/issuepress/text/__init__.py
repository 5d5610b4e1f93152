"""Text stage: set_paragraph() breaks one paragraph of styled characters into positioned lines."""
