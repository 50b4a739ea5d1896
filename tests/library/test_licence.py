#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_licence.py - every source file says under which licence it is shared.

The project is MIT licensed (LICENSE at the top of the tree). Each file a
packager or an integrator may copy on its own carries the SPDX line
"SPDX-License-Identifier: MIT" in its first lines, so the licence travels
with the file. This walks the source tree and fails on any source file
without it, naming each one.

    test_licence.py SOURCE_DIR      check the tree
    test_licence.py --self-test     prove the check catches a missing line
"""
import os
import sys
import tempfile

SPDX = "SPDX-License-Identifier: MIT"
# Where the line must be: after a "#!" line or an opening comment.
HEAD_LINES = 5

SOURCE_SUFFIXES = (".c", ".h", ".py", ".sh", ".mjs", ".js", ".css", ".cmake", ".in")
SOURCE_NAMES = ("CMakeLists.txt", "Makefile")
# Not sources: build trees, fetched packages, test data and generated files.
SKIP_DIRS = {".git", "node_modules", "Testing", "__pycache__"}
SKIP_PREFIXES = ("build", "tests/fuzz/")


def is_source(rel, path):
    name = os.path.basename(rel)
    if name.endswith(SOURCE_SUFFIXES) or name in SOURCE_NAMES:
        return True
    # Programs without a suffix: scripts that start with "#!".
    if "." not in name and os.access(path, os.X_OK):
        with open(path, "rb") as f:
            return f.read(2) == b"#!"
    return False


def has_spdx(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        head = [f.readline() for _ in range(HEAD_LINES)]
    return any(SPDX in line for line in head)


def missing(root):
    out = []
    for top, dirs, files in os.walk(root):
        rel_top = os.path.relpath(top, root)
        rel_top = "" if rel_top == "." else rel_top + "/"
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and
                         not (rel_top + d + "/").startswith(SKIP_PREFIXES))
        for name in sorted(files):
            rel, path = rel_top + name, os.path.join(top, name)
            if rel.startswith(SKIP_PREFIXES) or os.path.islink(path):
                continue
            if is_source(rel, path) and not has_spdx(path):
                out.append(rel)
    return out


def check_licence_file(root):
    path = os.path.join(root, "LICENSE")
    if not os.path.isfile(path):
        return "LICENSE is missing"
    text = open(path, encoding="utf-8").read()
    if not text.startswith("MIT License") or "Permission is hereby granted" not in text:
        return "LICENSE is not the MIT licence"
    return None


def self_test():
    with tempfile.TemporaryDirectory() as d:
        def write(rel, text, mode=0o644):
            path = os.path.join(d, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, mode)
        write("a/good.c", "/* " + SPDX + " */\nint x;\n")
        write("a/bad.c", "/* no licence */\nint x;\n")
        write("a/late.h", "\n" * HEAD_LINES + "/* " + SPDX + " */\n")
        write("run", "#!/bin/sh\necho\n", 0o755)
        write("data.csv", "a,b\n")
        write("build-x/gen.c", "int x;\n")
        write("tests/fuzz/case", "x")
        got = sorted(missing(d))
        want = ["a/bad.c", "a/late.h", "run"]
        if got != want:
            print("FAIL: self-test found %r, expected %r" % (got, want))
            return 1
        if check_licence_file(d) != "LICENSE is missing":
            print("FAIL: self-test: a tree without LICENSE passed")
            return 1
    print("ok: the check names each source file without the SPDX line")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) != 2:
        print("usage: test_licence.py SOURCE_DIR | --self-test", file=sys.stderr)
        return 2
    root = argv[1]
    failures = 0
    problem = check_licence_file(root)
    if problem:
        print("FAIL: " + problem)
        failures += 1
    for rel in missing(root):
        print("FAIL: %s has no line '%s' in its first %d lines" % (rel, SPDX, HEAD_LINES))
        failures += 1
    if failures:
        print("%d problems" % failures)
        return 1
    print("ok: LICENSE is MIT and every source file says so")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
