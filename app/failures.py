"""The kinds of failure the program reports, each with its documented exit code.

The command line's entry point (``app.cli.main``) turns every failure into one
message and one of these codes; the window shows the same message. A module
raises the kind that says what happened, never an exit code:

====  =====================  ====================================================
code  exception              meaning
====  =====================  ====================================================
0                            done
1                            a fault in the program itself: one line naming its
                             kind; ``motcua --debug COMMAND`` logs the traceback
2     ``UsageError``         bad input: the message names the field and the rule
3     ``CatalogueError``     the catalogue cannot be used
4     ``NotFound``           no such dossier, file or record
5     ``CentralFailure``     the central database refused or could not be reached
6     ``StoreUnusable``      the local store is damaged, missing, replaced or full,
                             or its folder cannot be written
7     ``PolicyRefusal``      refused by a rule of the program: not allowed here
130                          interrupted (Ctrl+C)
====  =====================  ====================================================
"""

from __future__ import annotations

from app.i18n import Refusal

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BAD_CATALOGUE = 3
EXIT_NOT_FOUND = 4
EXIT_CENTRAL = 5
EXIT_STORE = 6
EXIT_REFUSED = 7


class NotFound(Refusal):
    """What was asked for does not exist; the message names it."""


class CentralFailure(Refusal):
    """The central database refused or could not be reached; the message says which."""


class StoreUnusable(Refusal):
    """The local store cannot be used as it is; the message names the file and what to do."""


class PolicyRefusal(Refusal):
    """A rule of the program refuses this here and now; the message names the rule."""
