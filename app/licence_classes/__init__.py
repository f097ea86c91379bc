"""Driving-licence classes as versioned data: each law's classes and validity, and the
mapping between two laws (Law 36/2024 art. 89). See docs/licence-classes.md.

- ``systems.class_system_on(day)``: the class system a card follows for a receipt that day;
- ``exchange.classes_for_card(...)``: the classes (restrictions, certificates, problems) an
  exchange puts on the card;
- ``validity.expiry_of(...)``: the expiry date of a class on a card, or None.
"""
