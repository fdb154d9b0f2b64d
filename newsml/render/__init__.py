"""Writers: an Article as a NewsML-G2 2.35 newsItem with an NITF 3.6 body (``newsml.py``,
``nitf.py``), guids and XML ids (``ids.py``)."""
