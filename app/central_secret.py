"""The central database's password: kept apart from the URL, joined only when connecting.

Where it lives: the platform's credential store (Windows Credential Manager, the macOS
Keychain, the Secret Service on Linux) through ``keyring`` when one answers; otherwise the
data folder's password file (``db.sync.passfile``: 0600, libpq's format). Never the store,
``settings.json``, a log or a command line: ``motcua sync --password-from FILE|-`` reads it
from a file, standard input or a prompt.

The key in the credential store is the account, ``user@host:port/database``, so the same
centre's password serves every data folder of that Windows/Linux user. A password the
upgrade to 0007 moved into the file is moved on to the credential store the first time it
is read where one answers.

``use_for_connections`` tells the sync engine (``db.sync.connection``) where to ask.
"""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringError

from db.central.urls import account_of, without_password
from db.store import Store
from db.sync.connection import CentralAccess, use_access
from db.sync.local import local_sync_state
from db.sync.passfile import PASSFILE, read_password, write_password

SERVICE = "motcua-central"
log = logging.getLogger(__name__)


def platform_backend() -> KeyringBackend | None:
    """The platform's credential store, or None when it has none that answers (a server
    without a desktop session: keyring's fail or null backend)."""
    backend = keyring.get_keyring()
    return None if isinstance(backend, (fail.Keyring, null.Keyring)) else backend


class CentralSecrets:
    """The central password of one data folder's counter."""

    def __init__(self, data_dir: Path, backend: KeyringBackend | None = None) -> None:
        """``backend``: the credential store to use (None: the password file only); the
        program passes ``platform_backend()``, tests a backend of their own."""
        self.passfile = data_dir / PASSFILE
        self.backend = backend

    def password(self, url: str) -> str | None:
        """The password kept for the URL's account, if any."""
        account = account_of(url)
        if self.backend is not None:
            try:
                found = self.backend.get_password(SERVICE, account)
            except KeyringError as error:  # locked or gone: the file may still have it
                log.warning("credential store unavailable: %s", type(error).__name__)
            else:
                if found is not None:
                    return found
        in_file = read_password(self.passfile, without_password(url))
        if in_file is not None and self.backend is not None:
            self._move_to_backend(url, in_file)
        return in_file

    def save(self, url: str, password: str) -> str:
        """Keep the password for the URL's account; where it went (for IT staff's message)."""
        if self.backend is not None:
            try:
                self.backend.set_password(SERVICE, account_of(url), password)
            except KeyringError as error:
                log.warning("credential store refused the password: %s", type(error).__name__)
            else:
                write_password(self.passfile, without_password(url), None)
                return type(self.backend).__name__  # e.g. WinVaultKeyring
        write_password(self.passfile, without_password(url), password)
        return str(self.passfile)

    def _move_to_backend(self, url: str, password: str) -> None:
        assert self.backend is not None
        try:
            self.backend.set_password(SERVICE, account_of(url), password)
        except KeyringError:
            return  # it stays in the file, which is private too
        write_password(self.passfile, without_password(url), None)


def secrets_of(store: Store, backend: KeyringBackend | None = None) -> CentralSecrets:
    """The secrets of the data folder ``store`` is in, in the platform's credential store."""
    return CentralSecrets(store.path.parent, backend or platform_backend())


def use_for_connections(store: Store, secrets: CentralSecrets | None = None) -> None:
    """From now on, connections to the centre take their password from ``secrets`` (default:
    those of the store's data folder) and the allowance of an unverified host from the
    store's sync state. Called before every round and catch-up of that store."""
    chosen = secrets or secrets_of(store)

    def access(url: str) -> CentralAccess:
        return CentralAccess(
            password=chosen.password(url),
            unverified_host=local_sync_state(store).unverified_host,
        )

    use_access(access)
