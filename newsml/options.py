"""How an item is written: one frozen, documented options object.

What the article *is* (its id, provider, dates, headline) lives in :class:`newsml.model.Metadata`;
how it is *written* lives here. ``newsml.to_newsml(article, **options)`` and
``newsml.convert(text, **fields)`` accept these fields as keyword arguments.
"""

from __future__ import annotations

import datetime as _dt
import os

import attrs

__all__ = ["DEFAULT_PROVIDER", "Options"]

#: Provider used in the guid and in ``itemMeta/provider`` when the caller names none.
DEFAULT_PROVIDER = "newsml.invalid"


def _aware(
    instance: object, attribute: attrs.Attribute[_dt.datetime | None], value: _dt.datetime | None
) -> None:
    if isinstance(value, _dt.datetime) and value.tzinfo is None:
        raise ValueError(f"{attribute.name} must carry a time zone, got {value.isoformat()}")


@attrs.frozen
class Options:
    """Options of the NewsML-G2 writer.

    Attributes:
        version_created: ``itemMeta/versionCreated``; None takes the clock (UTC). Fix it for
            byte-identical output.
        pub_status: 'usable', 'withheld' or 'canceled' (``stat:`` scheme).
        signal: None, 'update' or 'correction' (``sig:`` scheme), for a new version.
        generator: name written in ``itemMeta/generator``; its version is newsml's.
        schema_dir: folder holding IPTC's official XSDs; None looks at ``$NEWSML_SCHEMA_DIR``
            and the user cache (``newsml schema fetch``).
        validate: validate every item written (the command line always does).
        mark_entities: wrap entity mentions in NITF ``person``/``org``/``location``/``event``.
        mark_quotes: wrap quotes in NITF ``q`` (direct) and newsml's reported-speech element.
    """

    version_created: _dt.datetime | None = attrs.field(default=None, validator=_aware)
    pub_status: str = attrs.field(
        default="usable", validator=attrs.validators.in_(("usable", "withheld", "canceled"))
    )
    signal: str | None = attrs.field(
        default=None, validator=attrs.validators.in_((None, "update", "correction"))
    )
    generator: str = "newsml"
    schema_dir: str | None = None
    validate: bool = False
    mark_entities: bool = True
    mark_quotes: bool = True

    def resolved_schema_dir(self) -> str | None:
        """The official schema folder to use: the option, else ``$NEWSML_SCHEMA_DIR``."""
        return self.schema_dir or os.environ.get("NEWSML_SCHEMA_DIR") or None
