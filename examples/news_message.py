"""Bundle several items into one newsMessage for a wire system.

Run from the project's root:  python examples/news_message.py
"""

import datetime as dt

import newsml
from newsml.render.newsml import news_message

when = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.timezone.utc)
stories = {
    "story-1": "Rain is expected across the north on Friday, forecasters said.",
    "story-2": "“We will reopen on Monday,” the museum's director, Ana Ruiz, said.",
}
items = [
    newsml.convert(text, id=story_id, provider="example.com", version_created=when)
    for story_id, text in stories.items()
]
message = news_message(items, sent=when, sender="example.com", transmit_id="example-0001")
print(message.decode("utf-8")[:400])
print("valid:", newsml.validate(message).valid)
