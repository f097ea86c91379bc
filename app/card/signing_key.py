"""The counter's key for signing card batches: made once per data folder, kept secret.

A batch's tag manifest is signed with Ed25519 (card-data.md §7). The key pair is made
once per data folder, at set-up or at the first export (``ensure_signing_key``); its public
half is registered at the centre by the next sync round (``db.card_batches``,
``motcua.register_card_key``), which lets anyone check a batch against it.

The private half is kept as the central password is (``app.central_secret``): in the
platform's credential store through ``keyring`` when one answers (service
``motcua-card-key``, account the data folder's path), else in the data folder's
``card-signing.key``, written 0600 whatever the umask (``db.sync.passfile.write_secret``).
Never in the store, ``settings.json`` or a log. It is 32 bytes, kept as 64 hex digits.

A key that is lost cannot be made again: a new one has another public key, which the centre
refuses for a counter that registered one until IT staff release the counter
(``motcua central release-counter``).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringError

from app.central_secret import platform_backend
from app.failures import NotFound
from app.i18n import Message
from db.sync.passfile import write_secret
from printing.card_batch import new_signing_key, public_key_hex

SERVICE = "motcua-card-key"
KEY_FILE = "card-signing.key"
_HEX_KEY = re.compile(r"[0-9a-f]{64}")
log = logging.getLogger(__name__)

NO_SIGNING_KEY = Message(
    "quầy chưa có khóa ký lô dữ liệu in thẻ (thư mục dữ liệu {folder}); hãy chạy cài đặt",
    "this counter has no key to sign card data batches (data folder {folder}); run the set-up",
)
DAMAGED_SIGNING_KEY = Message(
    "khóa ký lô dữ liệu in thẻ của quầy bị hỏng (thư mục dữ liệu {folder}); báo cán bộ IT",
    "this counter's key to sign card data batches is damaged (data folder {folder}); tell IT staff",
)


class SigningKeyMissing(NotFound):
    """The data folder has no signing key yet (or it cannot be read)."""


def ensure_signing_key(data_dir: Path, backend: KeyringBackend | None = None) -> str:
    """The public key (hex) of the data folder's signing key, made and kept now if it has
    none. ``backend``: the credential store to use (default: the platform's, when it has
    one that answers; else the file)."""
    chosen = _backend(backend)
    kept = _read(data_dir, chosen)
    if kept is None:
        key = new_signing_key()
        _save(data_dir, chosen, _hex(key))
        log.info("a card signing key was made for this data folder")
        return public_key_hex(key.public_key())
    return public_key_hex(_key(kept, data_dir).public_key())


def signing_key(data_dir: Path, backend: KeyringBackend | None = None) -> Ed25519PrivateKey:
    """The data folder's signing key; ``SigningKeyMissing`` when it has none."""
    kept = _read(data_dir, _backend(backend))
    if kept is None:
        raise SigningKeyMissing(NO_SIGNING_KEY, folder=str(data_dir))
    return _key(kept, data_dir)


def _backend(given: KeyringBackend | None) -> KeyringBackend | None:
    # keyring's null and fail backends keep nothing: the file then.
    chosen = given if given is not None else platform_backend()
    return None if isinstance(chosen, (fail.Keyring, null.Keyring)) else chosen


def _account(data_dir: Path) -> str:
    # One key per data folder: its absolute path names it in the credential store.
    return str(data_dir.resolve())


def _read(data_dir: Path, backend: KeyringBackend | None) -> str | None:
    if backend is not None:
        try:
            found = backend.get_password(SERVICE, _account(data_dir))
        except KeyringError as error:  # locked or gone: the file may still have it
            log.warning("credential store unavailable: %s", type(error).__name__)
        else:
            if found is not None:
                return found
    file = data_dir / KEY_FILE
    return file.read_text(encoding="ascii").strip() if file.is_file() else None


def _save(data_dir: Path, backend: KeyringBackend | None, secret: str) -> None:
    if backend is not None:
        try:
            backend.set_password(SERVICE, _account(data_dir), secret)
        except KeyringError as error:
            log.warning("credential store refused the key: %s", type(error).__name__)
        else:
            if _read_back(data_dir, backend) == secret:
                return
            log.warning("credential store did not keep the key")
    write_secret(data_dir / KEY_FILE, f"{secret}\n".encode("ascii"))


def _read_back(data_dir: Path, backend: KeyringBackend) -> str | None:
    try:
        return backend.get_password(SERVICE, _account(data_dir))
    except KeyringError:
        return None


def _hex(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()


def _key(kept: str, data_dir: Path) -> Ed25519PrivateKey:
    if not _HEX_KEY.fullmatch(kept):
        raise SigningKeyMissing(DAMAGED_SIGNING_KEY, folder=str(data_dir))
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(kept))
