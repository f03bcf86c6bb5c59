"""Build dist/local_thesisdesk.zip, installable with Moodle's plugin installer.

The zip holds one top-level folder `thesisdesk/` (the plugin's folder name under local/, what
Moodle's plugin installer expects), with every file of moodle/local_thesisdesk except editor
and OS debris.
Entries are sorted and dated from version.php's version, so the same sources give the same zip.

Usage: python tools/build_plugin.py [--source DIR] [--output dist/local_thesisdesk.zip]
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Moodle's installer wants the plugin's folder name (local/<name>) as the zip's only top folder.
ROOT_FOLDER = "thesisdesk"
SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "__pycache__", ".git", ".idea", ".vscode"}
SKIPPED_SUFFIXES = (".swp", ".orig", ".rej", "~")


def plugin_version(source: Path) -> str:
    """The `$plugin->version` of version.php (YYYYMMDDXX)."""
    text = (source / "version.php").read_text(encoding="utf-8")
    match = re.search(r"\$plugin->version\s*=\s*(\d{10})\s*;", text)
    if not match:
        raise SystemExit(f"{source / 'version.php'}: no $plugin->version = YYYYMMDDXX;")
    return match.group(1)


def plugin_files(source: Path) -> list[Path]:
    files = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if any(part in SKIPPED_NAMES for part in relative.parts):
            continue
        if path.is_file() and not path.name.endswith(SKIPPED_SUFFIXES):
            files.append(path)
    return files


def build(source: Path, output: Path) -> Path:
    version = plugin_version(source)
    date_time = (int(version[0:4]), int(version[4:6]), int(version[6:8]), 0, 0, 0)
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        folders: set[str] = set()
        for path in plugin_files(source):
            relative = path.relative_to(source).as_posix()
            parts = relative.split("/")[:-1]
            for depth in range(len(parts) + 1):
                folder = "/".join([ROOT_FOLDER, *parts[:depth]]) + "/"
                if folder not in folders:
                    folders.add(folder)
                    info = zipfile.ZipInfo(folder, date_time)
                    info.external_attr = (0o40755 << 16) | 0x10
                    archive.writestr(info, b"")
            info = zipfile.ZipInfo(f"{ROOT_FOLDER}/{relative}", date_time)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    temporary.replace(output)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "moodle" / "local_thesisdesk")
    parser.add_argument("--output", type=Path, default=ROOT / "dist" / "local_thesisdesk.zip")
    options = parser.parse_args(argv)
    if not (options.source / "version.php").is_file():
        print(f"{options.source}: not a plugin folder (no version.php)", file=sys.stderr)
        return 2
    path = build(options.source, options.output)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
