"""Turn a plain-text article into a NewsML-G2 item and validate it.

Run from the project's root:  python examples/convert_and_validate.py
A fixed ``version_created`` makes the output byte-identical from run to run.
"""

import datetime as dt

import newsml

text = """Fed holds rates steady

By Jane Smith

WASHINGTON, March 3 (Reuters) - The Federal Reserve kept interest rates unchanged on Wednesday.
“We are in no hurry,” Fed Chair Jerome Powell told reporters.
"""

item = newsml.convert(
    text,
    id="fed-rates-0303",
    provider="example.com",
    version_created=dt.datetime(2026, 3, 3, 18, 0, tzinfo=dt.timezone.utc),
)
report = newsml.validate(item)
print(item.decode("utf-8"))
print("valid:", report.valid, "against the", report.schema, "schema")
for problem in report.problems:
    print(problem)
