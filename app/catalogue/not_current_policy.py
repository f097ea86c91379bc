"""The department's setting for a day the catalogue version in force may no longer apply.

Apart from ``app.catalogue.currency`` (which says why a day is past its version, with the
catalogue's models) so that the settings, read before the sign-in dialog shows, load no
catalogue model (issue 19).
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import Message

# The label of the department's setting (app.settings.options), named in the refusal.
SETTING_LABEL = Message(
    "Khi danh mục thủ tục có thể không còn áp dụng",
    "When the procedure catalogue may no longer apply",
)


class NotCurrentPolicy(StrEnum):
    """The department's choice (the setting ``catalogue_not_current``) for a day on which the
    version in force may no longer apply."""

    WARN = "warn"  # receive, with the warning stored and shown
    REFUSE = "refuse"  # receive nothing until a current version is installed
