"""What the place a file lives in allows: network file systems and folders we cannot write.

SQLite's WAL keeps its index in shared memory (the -shm file, mapped by every process),
which does not work across machines: on a network file system WAL can damage the file.
There tertial uses a rollback journal and keeps the file locked while it is open.
"""

from __future__ import annotations

import ntpath
import os
import sys
from pathlib import Path

# File system types (Linux /proc/self/mountinfo) that live on another machine.
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "davfs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
    }
)
_DRIVE_REMOTE = 4  # GetDriveTypeW
MOUNTINFO = Path("/proc/self/mountinfo")


def is_network_path(path: Path) -> bool:
    """Whether `path` (or, if it does not exist yet, its folder) is on a network file system."""
    path = Path(path).absolute()
    if sys.platform == "win32":
        return _windows_remote(path)
    if sys.platform.startswith("linux"):
        try:
            text = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        fs_type = mount_fs_type(text, _existing(path).resolve())
        return fs_type is not None and fs_type in NETWORK_FS
    return False  # other systems: no cheap, dependable test; WAL as before


def _existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in paths as \040, \011, \012, \134.
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_fs_type(mountinfo: str, path: Path) -> str | None:
    """The file system type of the mount holding `path`: the longest mount point above it."""
    best: tuple[int, str] | None = None
    target = str(path)
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        mount_point = _unescape(fields[4])
        after = line.split(" - ", 1)[1].split()
        if not after:
            continue
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        # Later lines win a tie: a mount over the same point hides the earlier one.
        if inside and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), after[0])
    return best[1] if best else None


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\?\\UNC\\") or (text.startswith("\\\\") and text[2:3] not in "?."):
        return True  # \\server\share\...
    if text.startswith("\\\\?\\"):
        text = text[4:]  # \\?\C:\... is a local path written long
    drive = ntpath.splitdrive(text)[0]
    if len(drive) != 2 or drive[1] != ":":
        return False
    import ctypes

    get_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    return bool(get_type(drive + "\\") == _DRIVE_REMOTE)


def sqlite_uri(path: Path, query: str) -> str:
    """A `file:` URI SQLite accepts, also for a Windows share (\\\\server\\share\\r.db)."""
    return f"{unc_safe(Path(path).resolve().as_uri())}?{query}"


def unc_safe(uri: str) -> str:
    # as_uri() writes a share as file://server/share/..., and SQLite refuses an authority
    # other than localhost; file:////server/share/... passes it on as the path //server/...
    if uri.startswith("file://") and not uri.startswith("file:///"):
        return "file:////" + uri[len("file://") :]
    return uri


def can_write(p: Path) -> bool:
    # The mode bits count as well, so a file marked read-only is one even for root.
    return bool(os.access(p, os.W_OK) and p.stat().st_mode & 0o222)
