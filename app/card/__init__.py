"""The PET-card record: what the counter hands to the card-printing system for one dossier.

- ``record.makes_card(procedure)``: whether a procedure's result is a card (the catalogue's
  ``card`` key);
- ``record.card_record(...)``: the record of a stored accepted dossier and its portrait,
  with the classes of the law in force on the day of receipt (``app.licence_classes``);
- ``record.record_fields(record)``: the JSON-ready mapping ``printing.card_batch`` writes;
- ``preflight.preflight(record, photo_bytes)``: every reason the record may not enter a
  batch, in the officer's words;
- ``states``: the lifecycle's operations (export, answers, release), ``signing_key``: the
  counter's batch-signing key.

See docs/card-data.md (the record, card-data.md §7 of the domain notes).
"""
