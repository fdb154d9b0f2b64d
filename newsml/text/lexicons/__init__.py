"""Data tables of the text stage: abbreviations, sentence openers, stop words per language."""
