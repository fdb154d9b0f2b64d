"""Decoding bytes: BOMs, UTF-16, error messages with the byte offset, named encodings."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.text import DecodeError, decode

TEXT = "Lavrov\u2019s \u2018fantasies\u2019: caf\u00e9 \u041c\u043e\u0441\u043a\u0432\u0430\r\nnext\rline\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 LE", "utf-16 BE"],
)
def test_accepted_encodings_give_the_text_unchanged(data: bytes) -> None:
    assert decode(data) == TEXT


def test_line_ends_are_not_normalised() -> None:
    assert decode(b"a\r\nb\rc\n") == "a\r\nb\rc\n"


def test_invalid_utf8_names_input_and_byte_offset() -> None:
    data = b"x" * 1234 + b"\xff rest"
    with pytest.raises(DecodeError) as raised:
        decode(data, name="news/a.txt")
    assert str(raised.value) == "news/a.txt: not valid UTF-8 at byte 1234 (invalid start byte)"


def test_offset_counts_the_bom() -> None:
    with pytest.raises(DecodeError, match=r"at byte 5 "):
        decode(codecs.BOM_UTF8 + b"ab\xff")


def test_truncated_utf16_is_reported_with_its_offset() -> None:
    with pytest.raises(DecodeError, match=r"^<input>: not valid UTF-16 at byte 2 "):
        decode(codecs.BOM_UTF16_LE + b"a")


def test_decode_error_is_a_value_error_on_one_line() -> None:
    with pytest.raises(ValueError) as raised:
        decode(b"\xc3(")
    assert "\n" not in str(raised.value)


def test_latin1_without_a_named_encoding_is_refused() -> None:
    with pytest.raises(DecodeError, match="not valid UTF-8 at byte 3"):
        decode("caf\u00e9".encode("latin-1"))


def test_named_encoding_wins() -> None:
    assert decode("caf\u00e9".encode("latin-1"), encoding="latin-1") == "caf\u00e9"
    assert decode("caf\u00e9".encode("cp1252"), encoding="cp1252") == "caf\u00e9"


def test_named_encoding_drops_its_own_bom() -> None:
    assert decode(codecs.BOM_UTF8 + b"abc", encoding="utf-8") == "abc"
    assert decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le"), encoding="utf-16-le") == "ab"


def test_named_encoding_errors_keep_the_offset() -> None:
    with pytest.raises(DecodeError, match=r"^f\.txt: not valid utf-8 at byte 2 "):
        decode(b"ab\xfe", encoding="utf-8", name="f.txt")


def test_named_utf32_is_read() -> None:
    assert decode("abc".encode("utf-32"), encoding="utf-32") == "abc"


def test_unnamed_utf32_is_refused_clearly() -> None:
    with pytest.raises(DecodeError, match="UTF-32 byte order mark"):
        decode(codecs.BOM_UTF32_LE + "abc".encode("utf-32-le"))


@pytest.mark.parametrize("encoding", ["no-such-encoding", "rot13"])
def test_unknown_or_non_text_encoding(encoding: str) -> None:
    with pytest.raises(DecodeError, match=encoding):
        decode(b"abc", encoding=encoding)


def test_binary_data_is_reported() -> None:
    with pytest.raises(DecodeError) as raised:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", name="photo.txt")
    message = str(raised.value)
    assert message.startswith("photo.txt: looks like binary data")
    assert "first NUL at byte 8" in message


@pytest.mark.parametrize(("codec", "endian"), [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_without_bom_is_reported_with_a_hint(codec: str, endian: str) -> None:
    for text in (
        "Plain news text",
        "Plain news text in Moscow, \u041c\u043e\u0441\u043a\u0432\u0430, with more words",
    ):
        with pytest.raises(
            DecodeError, match=f"UTF-16 \\({endian} endian\\).*name the encoding {codec}"
        ):
            decode(text.encode(codec))


def test_a_stray_nul_in_text_is_kept() -> None:
    assert decode(b"one NUL \x00 in a line of text") == "one NUL \x00 in a line of text"


def test_empty_input() -> None:
    assert decode(b"") == ""


def test_text_instead_of_bytes_is_a_programmer_error() -> None:
    with pytest.raises(TypeError):
        decode("text")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_every_text_survives_utf16_with_a_bom(text: str) -> None:
    if not text.startswith("\x00"):  # else its bytes open with the UTF-32 LE byte order mark
        assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_utf8_text_comes_back_or_is_called_binary(text: str) -> None:
    try:
        assert decode(text.encode("utf-8")) == text.removeprefix("\ufeff")
    except DecodeError as error:
        assert "looks like" in str(error) and text.count("\x00") >= 2


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_any_bytes_give_text_or_a_one_line_decode_error(data: bytes) -> None:
    try:
        assert isinstance(decode(data, name="in.txt"), str)
    except DecodeError as error:
        message = str(error)
        assert message.startswith("in.txt: ") and "\n" not in message
        assert "byte" in message
