"""Validation of NewsML-G2 items: IPTC's official schemas or newsml's own profile, plus checks
the schemas cannot express."""
