"""Readers: a NewsML-G2 item (``newsml.py``) and its NITF body (``nitf.py``) back into the model."""
