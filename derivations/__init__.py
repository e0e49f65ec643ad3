"""The notes' derivations as claims: one module per topic, matching ``numerics/<topic>.py``.

Every module-level ``Claim`` here is found by ``checks.discover()``; there is no list to keep."""
