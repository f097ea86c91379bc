"""The applicant's sex, as the ID card and the licence record it.

Apart from the request's models (``app.dossier.request``) so that the licence classes' ages,
which differ by sex, are read without loading them (issue 19).
"""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
