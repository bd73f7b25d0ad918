#!/usr/bin/env python3
"""Checks the layering of plumb's libraries: every `#include "..."` of a
layer's sources (and of its unit tests in tests/unit/<layer>/) names a header
of that layer or the public header (include/plumb/<dep>/) of a layer it
declares, directly or through the layers those declare. A layer's `src/` is
private to it (and to its tests).

usage: tools/check_layers.py [ROOT]   (exit 1 and a list of violations)
"""
import pathlib
import re
import sys

# The allowed graph, written once: each layer and the layers it declares.
# meson.build gives each library the include directories of exactly these.
LAYERS = {
    "support": [],
    "diagnostics": ["support"],
    "parser": ["diagnostics", "support"],
    "wasm": ["diagnostics", "support"],
    "model": ["diagnostics", "support"],
    "component": ["wasm", "model"],
    "resolver": ["component", "model", "parser"],
    "registry-client": ["support"],
    "registry-server": ["registry-client"],
    "cli": ["resolver", "model", "diagnostics", "registry-server"],
}
# Folders outside the layers that may use any layer's public headers.
CLIENTS = ["bench", "tests/fuzz"]

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCE_SUFFIXES = {".h", ".cc", ".inc", ".def"}


def closure(layer):
    seen, todo = set(), [layer]
    while todo:
        cur = todo.pop()
        if cur in seen:
            continue
        seen.add(cur)
        todo.extend(LAYERS[cur])
    return seen


def private_dirs(root, layer):
    """The folders of a layer's private headers: src/ and below (a layer
    without src/, as cli, keeps them beside its sources)."""
    src = root / layer / "src"
    if not src.is_dir():
        return [root / layer]
    return [src] + [d for d in src.rglob("*") if d.is_dir()]


def sources(folder):
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file())


def check_file(root, path, layer, allowed, errors):
    """`layer` is the layer whose private files `path` may see (None: none)."""
    for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        name = m.group(1)
        where = f"{path.relative_to(root)}:{lineno}"
        if name.startswith("plumb/"):
            target = name.split("/")[1]
            if target not in LAYERS:
                errors.append(f"{where}: includes {name} of no layer")
            elif target not in allowed:
                errors.append(f"{where}: includes {name}, but {layer or path.parts[0]} does not declare {target}")
            continue
        if ".." in pathlib.PurePosixPath(name).parts:
            errors.append(f"{where}: includes {name} by a relative path out of its folder")
            continue
        # A header beside the including file (or generated into the build tree).
        if (path.parent / name).exists():
            continue
        # What protoc makes of schemas/proto/X.proto (the registry-client layer's).
        if name.endswith(".pb.h") and (root / "schemas" / "proto" / (name[:-5] + ".proto")).exists():
            if layer == "registry-client":
                continue
        if layer and any((d / name).exists() for d in private_dirs(root, layer)):
            continue  # a private header of the layer (its tests see them)
        # Test data shared by the unit tests of several layers (no layer code).
        if path.is_relative_to(root / "tests" / "unit") and (root / "tests" / "unit" / name).exists():
            continue
        errors.append(f"{where}: includes {name}, which is not a header of {layer or path.parts[0]}")


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    errors = []
    for layer in LAYERS:
        allowed = closure(layer)
        for path in sources(root / layer):
            check_file(root, path, layer, allowed, errors)
        for path in sources(root / "tests" / "unit" / layer):
            check_file(root, path, layer, allowed, errors)
    everything = set(LAYERS)
    for client in CLIENTS:
        for path in sources(root / client):
            check_file(root, path, None, everything, errors)
    for e in errors:
        print(e)
    if errors:
        print(f"{len(errors)} include(s) break the layering (tools/check_layers.py)")
        return 1
    print("layers ok: " + ", ".join(f"{k} -> {' '.join(v) or '-'}" for k, v in LAYERS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
