#!/usr/bin/env python3
"""Checks schemas/resolve.schema.json, the shape of `plumb print --json`.

usage: resolve_schema_test.py --plumb PATH --schemas DIR --shared DIR [unittest args]

  (a) every expected `X.wit.json` of the reference's ui suite
      (DIR/conformance/wit-parser-ui) validates: the schema accepts what
      wasm-tools really prints. Skipped, with a message, when the shared
      folder is absent (a failure when PLUMB_REQUIRE_SHARED=1, as in CI).
  (b) `plumb print --json` of every ui input plumb accepts, of the WASI
      corpus, and of the project's own packages validates.
  (c) deliberately wrong documents are rejected, so the schema is not
      vacuous.

Some rules cannot be written in JSON Schema (ids in range, a map key equal
to the name it maps to); `reference_errors` checks those on every document of
(a) and (b) as well.
"""
import argparse
import copy
import json
import os
import re
import subprocess
import sys
import unittest
from pathlib import Path

import jsonschema

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# The project's own WIT packages.
OWN_PACKAGES = [
    ROOT / "examples" / "calculator" / "wit",
    ROOT / "tests" / "e2e" / "data" / "valid",
    ROOT / "docs" / "examples" / "greet.wit",
]
PLUMB = None
SCHEMAS = None
SHARED = None
FIGURES = {}


def schema():
    return json.loads((Path(SCHEMAS) / "resolve.schema.json").read_text())


def validator():
    return jsonschema.Draft7Validator(schema())


def first_error(v, doc):
    """A one-line description of the deepest first error, or None."""
    err = jsonschema.exceptions.best_match(v.iter_errors(doc))
    if err is None:
        return None
    path = "/".join(str(p) for p in err.absolute_path)
    return f"at /{path}: {err.message[:300]}"


def print_json(path):
    p = subprocess.run([PLUMB, "print", "--json", "--features", "active", str(path)],
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def ui_inputs():
    """(name, input path) of every reference ui case, as the reference finds them."""
    ui = Path(SHARED) / "conformance" / "wit-parser-ui"
    out = []
    for exp in sorted(ui.glob("*.wit.json")):
        stem = exp.name[: -len(".wit.json")]
        for cand in (ui / (stem + ".wit"), ui / stem, ui / (stem + ".wat")):
            if cand.exists():
                out.append((stem, cand))
                break
    return out


def reference_errors(doc):
    """Cross references the schema cannot express; a list of messages."""
    errs = []
    worlds, interfaces, types, packages = (doc[k] for k in ("worlds", "interfaces", "types", "packages"))

    def in_range(what, arena, i, where):
        if not 0 <= i < len(arena):
            errs.append(f"{where}: {what} id {i} out of range (0..{len(arena) - 1})")
            return False
        return True

    def resolves_to_resource(i, where):
        seen = set()
        while in_range("type", types, i, where) and i not in seen:
            seen.add(i)
            kind = types[i]["kind"]
            if kind == "resource":
                return
            if isinstance(kind, dict) and isinstance(kind.get("type"), int):
                i = kind["type"]
                continue
            errs.append(f"{where}: type {i} is not a resource")
            return

    def type_ref(t, where):
        if isinstance(t, int):
            in_range("type", types, t, where)

    def function(f, where):
        for p in f["params"]:
            type_ref(p["type"], where)
        if "result" in f:
            type_ref(f["result"], where)
        if isinstance(f["kind"], dict):
            (res,) = f["kind"].values()
            resolves_to_resource(res, f"{where} kind")
            if in_range("type", types, res, where):
                rname = types[res]["name"]
                if rname is not None and f["name"].split("]", 1)[1].split(".")[0] != rname:
                    errs.append(f"{where}: name {f['name']!r} does not name its resource {rname!r}")

    for ti, t in enumerate(types):
        where = f"types[{ti}]"
        kind, owner = t["kind"], t["owner"]
        if isinstance(owner, dict):
            (okind, oid), = owner.items()
            arena = interfaces if okind == "interface" else worlds
            if in_range(okind, arena, oid, where) and okind == "interface":
                if interfaces[oid]["types"].get(t["name"]) != ti:
                    errs.append(f"{where}: owned by interface {oid}, which does not list it as {t['name']!r}")
        if isinstance(kind, str):
            continue
        (tag, val), = kind.items()
        refs = {
            "record": lambda: [f["type"] for f in val["fields"]],
            "variant": lambda: [c["type"] for c in val["cases"]],
            "tuple": lambda: val["types"],
            "result": lambda: [val["ok"], val["err"]],
            "map": lambda: val,
            "fixed-length-list": lambda: val[:1],
            "handle": lambda: [],
            "flags": lambda: [],
            "enum": lambda: [],
        }.get(tag, lambda: [val])()
        for r in refs:
            type_ref(r, where)
            if r == ti:
                errs.append(f"{where}: refers to itself")
        if tag == "handle":
            (_, target), = val.items()
            resolves_to_resource(target, where)

    for ii, iface in enumerate(interfaces):
        where = f"interfaces[{ii}]"
        for name, tid in iface["types"].items():
            if in_range("type", types, tid, where) and types[tid]["name"] != name:
                errs.append(f"{where}.types[{name!r}] is type {tid}, named {types[tid]['name']!r}")
        for name, f in iface["functions"].items():
            if f["name"] != name:
                errs.append(f"{where}.functions[{name!r}] has name {f['name']!r}")
            function(f, f"{where}.functions[{name!r}]")
        if iface["package"] is not None:
            in_range("package", packages, iface["package"], where)
        if "clone_of" in iface:
            in_range("interface", interfaces, iface["clone_of"], where)

    for wi, world in enumerate(worlds):
        where = f"worlds[{wi}]"
        if world["package"] is not None:
            in_range("package", packages, world["package"], where)
        for side in ("imports", "exports"):
            for key, item in world[side].items():
                at = f"{where}.{side}[{key!r}]"
                (tag, val), = item.items()
                if tag == "function":
                    if val["name"] != key:
                        errs.append(f"{at}: function named {val['name']!r}")
                    function(val, at)
                elif tag == "type":
                    if in_range("type", types, val, at) and types[val]["name"] != key:
                        errs.append(f"{at}: type {val} is named {types[val]['name']!r}")
                else:
                    if not in_range("interface", interfaces, val["id"], at):
                        continue
                    # `interface-N` is also a valid kebab name; only an
                    # interface imported by path has N == its id, and a
                    # named import called `interface-N` is not worth a rule.
                    m = re.fullmatch(r"interface-(\d+)", key)
                    if m and int(m[1]) != val["id"] and interfaces[val["id"]]["name"] is not None:
                        errs.append(f"{at}: key names interface {m[1]} but the item is interface {val['id']}")

    for pi, pkg in enumerate(packages):
        where = f"packages[{pi}]"
        for field, arena in (("interfaces", interfaces), ("worlds", worlds)):
            for name, i in pkg[field].items():
                if in_range(field[:-1], arena, i, where):
                    if arena[i]["name"] != name or arena[i]["package"] != pi:
                        errs.append(f"{where}.{field}[{name!r}] is {field[:-1]} {i} "
                                    f"(name {arena[i]['name']!r}, package {arena[i]['package']})")
    return errs


class SchemaItself(unittest.TestCase):
    def test_is_a_valid_draft7_schema(self):
        jsonschema.Draft7Validator.check_schema(schema())


def skip_without_shared(test, why):
    """Skips `test` for want of the shared folder, or fails it when
    PLUMB_REQUIRE_SHARED=1 (CI has the folder, so a skip there hides a
    broken setup)."""
    if os.environ.get("PLUMB_REQUIRE_SHARED") == "1":
        test.fail(f"{why}, and PLUMB_REQUIRE_SHARED=1 forbids skipping")
    test.skipTest(why)


class ReferenceOutputs(unittest.TestCase):
    """(a) The reference's real outputs are accepted."""

    def test_every_expected_ui_json_validates(self):
        ui = Path(SHARED) / "conformance" / "wit-parser-ui"
        if not ui.is_dir():
            skip_without_shared(
                self, f"{ui} not found; the reference's outputs need the shared folder beside the repository")
        v = validator()
        files = sorted(ui.glob("*.wit.json"))
        self.assertGreater(len(files), 0)
        failures = []
        for f in files:
            doc = json.loads(f.read_text())
            err = first_error(v, doc)
            if err:
                failures.append(f"{f.name}: {err}")
            failures += [f"{f.name}: {e}" for e in reference_errors(doc)]
        FIGURES["reference .wit.json validated"] = f"{len(files) - len({x.split(':')[0] for x in failures})}/{len(files)}"
        self.assertEqual(failures, [])


class PlumbOutputs(unittest.TestCase):
    """(b) plumb's own output is accepted."""

    def check(self, paths, label, only_accepted):
        v = validator()
        failures, validated, rejected = [], 0, []
        for name, path in paths:
            rc, out, err = print_json(path)
            if rc != 0:
                if only_accepted:
                    rejected.append(name)
                    continue
                failures.append(f"{name}: plumb print --json exited {rc}: {err.strip()[:300]}")
                continue
            doc = json.loads(out)
            problem = first_error(v, doc)
            if problem:
                failures.append(f"{name}: {problem}")
            failures += [f"{name}: {e}" for e in reference_errors(doc)]
            validated += 1
        FIGURES[f"plumb output validated ({label})"] = (
            f"{validated - len({f.split(':')[0] for f in failures})}/{validated}"
            + (f", {len(rejected)} input(s) plumb rejects: {', '.join(rejected)}" if rejected else ""))
        self.assertEqual(failures, [])
        return validated

    def test_own_packages(self):
        self.assertEqual(self.check([(str(p.relative_to(ROOT)), p) for p in OWN_PACKAGES], "own packages", False),
                         len(OWN_PACKAGES))

    def test_ui_inputs(self):
        ui = Path(SHARED) / "conformance" / "wit-parser-ui"
        if not ui.is_dir():
            skip_without_shared(self, f"{ui} not found; the ui inputs need the shared folder beside the repository")
        self.assertGreater(self.check(ui_inputs(), "ui inputs", True), 0)

    def test_corpus(self):
        corpus = sorted((Path(SHARED) / "corpus").glob("*/wit"))
        if not corpus:
            skip_without_shared(self, f"{Path(SHARED) / 'corpus'} not found")
        self.check([(p.parent.name, p) for p in corpus], "WASI corpus", False)


# (c) A small valid document; each case below breaks it in one place.
VALID = {
    "worlds": [{
        "name": "w",
        "imports": {
            "interface-0": {"interface": {"id": 0}},
            "log": {"function": {"name": "log", "kind": "freestanding",
                                 "params": [{"name": "msg", "type": "string"}]}},
        },
        "exports": {"run": {"function": {"name": "run", "kind": "async-freestanding", "params": [],
                                         "result": 4}}},
        "package": 0,
        "docs": {"contents": "A world."},
    }],
    "interfaces": [{
        "name": "i",
        "types": {"r": 0, "point": 2, "a": 6},
        "functions": {
            "[constructor]r": {"name": "[constructor]r", "kind": {"constructor": 0}, "params": [], "result": 1},
            "[method]r.get": {"name": "[method]r.get", "kind": {"method": 0},
                              "params": [{"name": "self", "type": 3}], "result": "u32"},
            "[static]r.make": {"name": "[static]r.make", "kind": {"async-static": 0}, "params": [], "result": 1,
                               "stability": {"unstable": {"feature": "active", "deprecated": "0.2.0"}}},
        },
        "stability": {"stable": {"since": "0.1.0"}},
        "package": 0,
    }],
    "types": [
        {"name": "r", "kind": "resource", "owner": {"interface": 0}, "external_id": "ext"},
        {"name": None, "kind": {"handle": {"own": 0}}, "owner": None},
        {"name": "point", "kind": {"record": {"fields": [{"name": "x", "type": "s32", "docs": {"contents": "x"}}]}},
         "owner": {"interface": 0}},
        {"name": None, "kind": {"handle": {"borrow": 0}}, "owner": None},
        {"name": None, "kind": {"result": {"ok": None, "err": "string"}}, "owner": None},
        {"name": None, "kind": {"map": ["string", {"$": "placeholder"}]}, "owner": None},
        {"name": "a", "kind": {"fixed-length-list": [2, 4]}, "owner": {"interface": 0}},
    ],
    "packages": [{"name": "a:b@0.1.0", "docs": {"contents": "pkg"}, "interfaces": {"i": 0}, "worlds": {"w": 0}}],
}
VALID["types"][5]["kind"]["map"][1] = 2


def mutate(path, value=..., delete=False):
    """A copy of VALID with the element at `path` replaced or deleted."""
    doc = copy.deepcopy(VALID)
    *parents, last = path
    node = doc
    for p in parents:
        node = node[p]
    if delete:
        del node[last]
    else:
        node[last] = value
    return doc


WRONG = {
    "missing top-level `packages`": mutate(["packages"], delete=True),
    "extra top-level field": mutate(["extra"], []),
    "type without `owner`": mutate(["types", 0, "owner"], delete=True),
    "type without `name`": mutate(["types", 1, "name"], delete=True),
    "extra field on a type": mutate(["types", 0, "span"], 3),
    "extra field on a function": mutate(["interfaces", 0, "functions", "[method]r.get", "async"], True),
    "function without `params`": mutate(["worlds", 0, "imports", "log", "function", "params"], delete=True),
    "unknown kind `lists`": mutate(["types", 6, "kind"], {"lists": "u32"}),
    "kind with two tags": mutate(["types", 6, "kind"], {"list": "u32", "option": "u32"}),
    "kind `resource` as an object": mutate(["types", 0, "kind"], {"resource": {}}),
    "handle `weak`": mutate(["types", 1, "kind"], {"handle": {"weak": 0}}),
    "handle to a primitive": mutate(["types", 1, "kind"], {"handle": {"own": "u32"}}),
    "result without `err`": mutate(["types", 4, "kind"], {"result": {"ok": None}}),
    "map key f32": mutate(["types", 5, "kind"], {"map": ["f32", "u8"]}),
    "map with three elements": mutate(["types", 5, "kind"], {"map": ["u8", "u8", "u8"]}),
    "fixed-length list of negative length": mutate(["types", 6, "kind"], {"fixed-length-list": ["u8", -1]}),
    "unknown primitive `int`": mutate(["worlds", 0, "imports", "log", "function", "params", 0, "type"], "int"),
    "negative type id": mutate(["types", 6, "kind"], {"list": -1}),
    "record without a name": mutate(["types", 2, "name"], None),
    "anonymous type with an owner": mutate(["types", 1, "owner"], {"interface": 0}),
    "owner `package`": mutate(["types", 0, "owner"], {"package": 0}),
    "function kind `method` as a string": mutate(["interfaces", 0, "functions", "[method]r.get", "kind"], "method"),
    "function kind `async`": mutate(["worlds", 0, "exports", "run", "function", "kind"], "async"),
    "method named like a freestanding function": mutate(["interfaces", 0, "functions", "[method]r.get", "name"], "get"),
    "method without `self`": mutate(["interfaces", 0, "functions", "[method]r.get", "params"], []),
    "constructor without a result": mutate(["interfaces", 0, "functions", "[constructor]r", "result"], delete=True),
    "null result": mutate(["worlds", 0, "exports", "run", "function", "result"], None),
    "world item `interface` as a bare id": mutate(["worlds", 0, "imports", "interface-0"], {"interface": 0}),
    "world item with two forms": mutate(["worlds", 0, "imports", "interface-0"], {"interface": {"id": 0}, "type": 1}),
    "world item `world`": mutate(["worlds", 0, "imports", "interface-0"], {"world": 0}),
    "resource function key bound to a type item": mutate(["worlds", 0, "imports", "[method]r.get"], {"type": 0}),
    "world key that is not a kebab name": mutate(["worlds", 0, "imports", "Log"],
                                                 VALID["worlds"][0]["imports"]["log"]),
    "world without `exports`": mutate(["worlds", 0, "exports"], delete=True),
    "world `package` omitted": mutate(["worlds", 0, "package"], delete=True),
    "interface `package` omitted": mutate(["interfaces", 0, "package"], delete=True),
    "`clone_of` null": mutate(["interfaces", 0, "clone_of"], None),
    "docs as a string": mutate(["worlds", 0, "docs"], "A world."),
    "docs with null contents": mutate(["worlds", 0, "docs"], {"contents": None}),
    "stability `stable` without `since`": mutate(["interfaces", 0, "stability"], {"stable": {}}),
    "stability with both forms": mutate(["interfaces", 0, "stability"],
                                        {"stable": {"since": "1.0.0"}, "unstable": {"feature": "x"}}),
    "stability `unknown`": mutate(["interfaces", 0, "stability"], "unknown"),
    "version that is not semver": mutate(["interfaces", 0, "stability"], {"stable": {"since": "1.0"}}),
    "package name without namespace": mutate(["packages", 0, "name"], "b@0.1.0"),
    "package without `worlds`": mutate(["packages", 0, "worlds"], delete=True),
    "external_id not a string": mutate(["types", 0, "external_id"], 1),
}


class WrongDocuments(unittest.TestCase):
    """(c) The schema rejects what is not the reference's shape."""

    def test_the_base_document_is_valid(self):
        self.assertIsNone(first_error(validator(), VALID))
        self.assertEqual(reference_errors(VALID), [])

    def test_each_wrong_document_is_rejected(self):
        v = validator()
        accepted = [name for name, doc in WRONG.items() if v.is_valid(doc)]
        FIGURES["wrong documents rejected"] = f"{len(WRONG) - len(accepted)}/{len(WRONG)}"
        self.assertEqual(accepted, [], "the schema accepted these wrong documents")

    def test_a_real_output_broken_is_rejected(self):
        rc, out, err = print_json(ROOT / "examples" / "calculator" / "wit")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        v = validator()
        self.assertTrue(v.is_valid(doc))
        del doc["types"][0]["kind"]
        self.assertFalse(v.is_valid(doc))

    def test_cross_references_are_checked(self):
        self.assertTrue(reference_errors(mutate(["types", 6, "kind"], {"list": 99})))
        self.assertTrue(reference_errors(mutate(["interfaces", 0, "types", "r"], 2)))
        self.assertTrue(reference_errors(mutate(["types", 1, "kind"], {"handle": {"own": 2}})))
        self.assertTrue(reference_errors(mutate(["worlds", 0, "imports", "interface-0", "interface", "id"], 5)))
        self.assertTrue(reference_errors(mutate(["packages", 0, "worlds", "w"], 1)))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--shared", required=True)
    args, rest = ap.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    SCHEMAS = args.schemas
    SHARED = args.shared
    result = unittest.main(argv=[sys.argv[0], *rest], verbosity=2, exit=False).result
    for what, figure in FIGURES.items():
        print(f"{what}: {figure}")
    sys.exit(0 if result.wasSuccessful() else 1)
