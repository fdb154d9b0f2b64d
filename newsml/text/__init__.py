"""The text stage: bytes to text, and the text's structure (paragraphs, sentences, headline,
byline, dateline, language, diagnostics). Nothing here moves an offset: every span indexes
the caller's string.

Modules: ``decode`` (bytes in), ``structure`` (:func:`segment`: paragraphs, headline,
byline, dateline, diagnostics), ``sentences``, ``language``, ``xmlchars`` (the rule for
characters XML cannot carry); the data tables are in ``lexicons/``.
"""

from newsml.text.decode import DecodeError, decode
from newsml.text.structure import segment

__all__ = ["DecodeError", "decode", "segment"]
