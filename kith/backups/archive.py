"""A backup: one tar file holding the database (engines.py), the uploaded documents, and a
manifest that says what is in it (Kith's version, the migrations, the rows in every table as of
the moment it was taken) with a SHA-256 checksum of every part. `restore` checks every checksum
before it touches anything, restores only into an empty database, and then counts every table
again against the manifest."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from kith.backups import engines
from kith.backups.engines import BackupFailed, Counts

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = "manifest.json"
FORMAT = 1


@dataclass
class Manifest:
    kith_version: str
    database: str  # "sqlite" or "postgresql"
    taken_at: str
    migrations: list[str]
    counts: Counts
    checksums: dict[str, str] = field(default_factory=dict)  # part name: SHA-256
    format: int = FORMAT

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def kith_version() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return version
    return f"{version} ({commit})"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _copy_documents(media: Path, into: Path) -> list[tuple[Path, str]]:
    """A copy of every document as it is now, so each part's checksum is of the bytes the
    backup holds. A file being written (*.partial) is not yet a document; one removed while
    the backup is taken is simply not in it."""
    found = []
    for path in sorted(media.rglob("*")) if media.exists() else []:
        if not path.is_file() or path.name.endswith(".partial"):
            continue
        copy = into / path.relative_to(media)
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(path, copy)
        except FileNotFoundError:
            continue
        found.append((copy, f"media/{path.relative_to(media)}"))
    return found


def _inside(media: Path, name: str) -> Path:
    """Where a document of the backup goes: inside the documents folder, or refused (a
    backup altered to write elsewhere)."""
    target = (media / name.removeprefix("media/")).resolve()
    if not name.startswith("media/") or not target.is_relative_to(media.resolve()):
        raise BackupFailed(f"The backup names a file outside the documents folder ({name}).")
    return target


def back_up(output: Path) -> Manifest:
    """Take a backup into `output` (and its checksum into OUTPUT.sha256)."""
    if output.exists():
        raise BackupFailed(f"{output} already exists: choose a new name, so no backup is lost.")
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="kith-backup-") as folder:
        dump = Path(folder) / engines.DUMP_NAME[engines.vendor()]
        counts, migrations = engines.dump(dump)
        manifest = Manifest(
            kith_version=kith_version(),
            database=engines.vendor(),
            taken_at=timezone.now().isoformat(),
            migrations=migrations,
            counts=counts,
        )
        parts = [(dump, dump.name), *_copy_documents(media, Path(folder) / "media")]
        manifest.checksums = {name: sha256(path) for path, name in parts}
        partial = output.with_name(output.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                text = json.dumps(manifest.__dict__, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(text)
                tar.addfile(info, io.BytesIO(text))
                for path, name in parts:
                    tar.add(path, arcname=name)
            partial.rename(output)  # only a whole backup ever has the name asked for
        finally:
            partial.unlink(missing_ok=True)
    Path(f"{output}.sha256").write_text(f"{sha256(output)}  {output.name}\n")
    return manifest


def read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise KeyError(MANIFEST)
        fields = json.loads(member.read())
        return Manifest(**fields)
    except (KeyError, ValueError, TypeError) as failure:
        raise BackupFailed("This is not a Kith backup: it has no readable manifest.") from failure


def restore(backup: Path) -> Manifest:
    """Restore a backup into the (empty) database and media folder Kith is set up with."""
    if not backup.exists():
        raise BackupFailed(f"There is no file {backup}.")
    beside = Path(f"{backup}.sha256")
    if beside.exists() and beside.read_text().split()[0] != sha256(backup):
        raise BackupFailed(f"{backup} does not match its checksum in {beside}: it is damaged.")
    try:
        tar = tarfile.open(backup, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as failure:
        raise BackupFailed(f"{backup} is not a Kith backup, or it is damaged.") from failure
    with tar, tempfile.TemporaryDirectory(prefix="kith-restore-") as folder:
        manifest = read_manifest(tar)
        if manifest.database != engines.vendor():
            raise BackupFailed(
                f"This backup is of a {manifest.database} database; Kith is set up with "
                f"{engines.vendor()}. Restore it into the same kind of database."
            )
        there = engines.tables_in_target()
        if there:
            raise BackupFailed(
                f"The database Kith is set up with is not empty ({len(there)} tables), and a "
                "restore never overwrites anything. Create a new, empty database and point "
                "DATABASE_URL (or KITH_SQLITE_PATH) at it."
            )
        unpacked = Path(folder)
        media = Path(settings.MEDIA_ROOT)
        dump_name = engines.DUMP_NAME[manifest.database]
        documents = {n: _inside(media, n) for n in manifest.checksums if n != dump_name}
        try:
            tar.extractall(unpacked, filter="data")  # refuses links and paths out of it
        except (tarfile.TarError, OSError) as failure:
            raise BackupFailed(f"{backup} is damaged, or is not a Kith backup.") from failure
        for name, expected in manifest.checksums.items():
            part = unpacked / name
            if not part.is_file() or sha256(part) != expected:
                raise BackupFailed(f"The backup is damaged: {name} does not match its checksum.")
        clashes = [
            n
            for n, target in documents.items()
            if target.exists() and sha256(target) != manifest.checksums[n]
        ]
        if clashes:
            raise BackupFailed(
                f"The documents folder {media} already holds other files of the same names "
                f"({', '.join(clashes[:3])}): restore into an empty documents folder."
            )
        counts = engines.restore(unpacked / dump_name)
        for name, target in documents.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():  # one already there is this very file (checked above)
                shutil.move(unpacked / name, target)
    differ = [
        f"{table} ({n:,} in the backup, {counts.get(table, 0):,} restored)"
        for table, n in manifest.counts.items()
        if counts.get(table) != n
    ]
    if differ:
        raise BackupFailed(
            "The backup was restored, but some tables do not hold what its manifest says: "
            f"{'; '.join(differ[:5])}. Do not use this database: restore the backup again "
            "into a new, empty one, and tell your system administrator."
        )
    return manifest
