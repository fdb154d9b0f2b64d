"""The text stage: bytes to text, and the text's structure (paragraphs, sentences, headline,
byline, dateline). Nothing here moves an offset: every span indexes the caller's string."""

from newsml.text.decode import DecodeError, decode
from newsml.text.structure import segment

__all__ = ["DecodeError", "decode", "segment"]
