#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_layers.py - libportal's layers depend one way only.

The library is split into layer folders under libportal/, lowest first
(LAYERS below). A file may use what a lower folder defines, never what a
higher one defines: otherwise the lower layers cannot be built, tested or
replaced without the ones above them, and the split means nothing. This
check proves that on the built objects rather than on #include lines, so
a forgotten declaration or a call through a private header is caught too:

  - every object lies in a known layer folder (its path in CMake's
    <target>.dir/ starts with the folder's name);
  - no object of a lower folder uses a symbol defined in a higher one;
  - no cycle of files (a strongly connected component of the graph of
    symbol uses) spans two folders, and none inside one folder is larger
    than MAX_CYCLE_FILES files;
  - no two C files tracked in the repository share a base name, so a
    quoted #include, a debugger's file name or an archive member always
    means one file.

    python3 test_layers.py [--allow-flat] [--report] LIBPORTAL_BUILD_DIR SOURCE_DIR
    python3 test_layers.py --self-test

LIBPORTAL_BUILD_DIR is <build>/libportal, whose CMakeFiles/*.dir/ hold the
objects; SOURCE_DIR is the repository. --allow-flat accepts objects outside
any layer folder (the library before the split). --report prints the same
findings and figures but never fails. --self-test compiles small objects
laid out like CMake's in a temporary directory and proves that each kind
of problem is caught and a clean layout passes.

Needs nm from binutils, and for --self-test cc (or $CC). Exits 0 when the check
passes, 1 when it fails, 2 on a usage error.
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

# The layer folders, lowest first, as docs/architecture.md describes them.
LAYERS = ["base", "records", "store", "core", "messages", "rules", "views",
          "pdf", "transfer", "demo"]

# The largest cycle of files allowed inside one folder.
MAX_CYCLE_FILES = 3

# The pseudo folder of an object lying directly in its target's .dir/.
TOP = "(top)"

# nm types of defined global symbols (i is an indirect function, u a unique
# global), and of references to symbols defined elsewhere. A weak reference
# (w, v) is a use like any other.
DEFINED_TYPES = set("TDBRCGSVWiu")
UNDEFINED_TYPES = set("Uwv")

OBJECT_SUFFIXES = (".o", ".obj")

# How many objects one nm reads.
NM_BATCH = 200


class ObjectFile:
    """One object: where it lies, the source it names and its folder."""

    def __init__(self, path, target, name, folder):
        self.path = path
        self.target = target
        self.name = name
        self.folder = folder
        self.defined = set()
        self.used = set()


# --- the objects and their symbols -------------------------------------------

def find_objects(build_dir):
    """Every object under build_dir/CMakeFiles/*.dir/, sorted by name."""
    cmake_files = os.path.join(build_dir, "CMakeFiles")
    objects = []
    if not os.path.isdir(cmake_files):
        return objects
    for target_dir in sorted(os.listdir(cmake_files)):
        root = os.path.join(cmake_files, target_dir)
        if target_dir.endswith(".dir") and os.path.isdir(root):
            objects.extend(objects_of_target(root, target_dir))
    return sorted(objects, key=lambda o: (o.name, o.target))


def objects_of_target(root, target_dir):
    """The objects of one target's .dir/, each named by its source's path."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            if not filename.endswith(OBJECT_SUFFIXES):
                continue
            path = os.path.join(dirpath, filename)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            name = os.path.splitext(relative)[0]
            folder = name.split("/")[0] if "/" in name else TOP
            yield ObjectFile(path, target_dir, name, folder)


def read_symbols(objects):
    """Fills each object's defined and used from nm's global symbols.

    One nm reads many objects at once: starting it once per object costs
    far more than the reading."""
    for start in range(0, len(objects), NM_BATCH):
        batch = objects[start:start + NM_BATCH]
        result = subprocess.run(["nm", "-A", "-P", "-g"] + [o.path for o in batch],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError("nm failed: %s" % result.stderr.strip())
        by_path = {obj.path: obj for obj in batch}
        for line in result.stdout.splitlines():
            record_symbol(line, by_path)


def record_symbol(line, by_path):
    """Adds one line of `nm -A -P` ("path: symbol type ...") to its object."""
    path, _, rest = line.partition(": ")
    obj = by_path.get(path)
    if obj is None:
        raise RuntimeError("nm printed a line for no object it was given: " + line)
    fields = rest.split()
    if len(fields) < 2:
        return
    symbol, kind = fields[0], fields[1]
    if kind in DEFINED_TYPES:
        obj.defined.add(symbol)
    elif kind in UNDEFINED_TYPES:
        obj.used.add(symbol)


def symbol_uses(objects):
    """Every (user, symbol, definer) for a symbol one object takes from another.

    Symbols no object defines (the C library, SQLite, ...) are left out."""
    definers = defaultdict(list)
    for obj in objects:
        for symbol in obj.defined:
            definers[symbol].append(obj)
    uses = []
    for obj in objects:
        for symbol in sorted(obj.used):
            for definer in definers.get(symbol, []):
                if definer is not obj:
                    uses.append((obj, symbol, definer))
    return uses


def file_graph(objects, uses):
    """The graph of files: each object's name to the names it uses."""
    graph = {obj.name: set() for obj in objects}
    for user, _symbol, definer in uses:
        graph[user.name].add(definer.name)
    return graph


def strongly_connected(graph):
    """The strongly connected components of graph (Tarjan, without recursion)."""
    index_of, low, on_stack = {}, {}, set()
    stack, components = [], []
    for start in sorted(graph):
        if start in index_of:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index_of[start] = low[start] = len(index_of)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index_of:
                    index_of[successor] = low[successor] = len(index_of)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index_of[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                components.append(pop_component(stack, on_stack, node))
    return components


def pop_component(stack, on_stack, root):
    """Pops the component whose root is root off Tarjan's stack."""
    component = []
    while True:
        node = stack.pop()
        on_stack.discard(node)
        component.append(node)
        if node == root:
            return sorted(component)


# --- the checks ----------------------------------------------------------------

def placement_problems(objects, allow_flat):
    """Objects outside any layer folder, and folders not in LAYERS."""
    problems = []
    unknown = defaultdict(list)
    for obj in objects:
        if obj.folder == TOP:
            if not allow_flat:
                problems.append("object outside any layer folder: %s (in %s)"
                                % (obj.name, obj.target))
        elif obj.folder not in LAYERS:
            unknown[obj.folder].append(obj.name)
    if problems:
        # A build directory used before the split still holds the old objects.
        print("layers: objects outside the layer folders may be left from a "
              "build before the split; a fresh build directory has none")
    for folder in sorted(unknown):
        problems.append("unknown layer folder %s (not in the layer list): %s"
                        % (folder, " ".join(unknown[folder])))
    return problems


def layer_violations(uses):
    """Each use of a symbol that a higher folder defines, by a lower folder."""
    violations = []
    for user, symbol, definer in uses:
        if user.folder in LAYERS and definer.folder in LAYERS \
                and LAYERS.index(user.folder) < LAYERS.index(definer.folder):
            violations.append("layer violation: %s uses %s from %s"
                              % (user.name, symbol, definer.name))
    return violations


def folders_of(component, folder_of):
    """The folders the files of a component lie in, sorted."""
    return sorted({folder_of[name] for name in component})


def describe_cycle(component, folder_of):
    """One line for a cycle, and whether the cycle breaks the rules."""
    folders = folders_of(component, folder_of)
    files = " ".join(component)
    if len(folders) > 1:
        return "cycle across folders (%s): %s" % (", ".join(folders), files), True
    if len(component) > MAX_CYCLE_FILES:
        return ("cycle of %d files in %s, more than %d: %s"
                % (len(component), folders[0], MAX_CYCLE_FILES, files), True)
    return "cycle of %d files in %s: %s" % (len(component), folders[0], files), False


def find_cycles(objects, uses):
    """The cycles of the file graph, largest first."""
    components = strongly_connected(file_graph(objects, uses))
    cycles = [c for c in components if len(c) > 1]
    return sorted(cycles, key=lambda c: (-len(c), c))


def tracked_c_files(src):
    """The C files (.c, .h) of the repository at src, relative to it."""
    if is_git_checkout(src):
        result = subprocess.run(["git", "-C", src, "ls-files", "-z", "--", "*.c", "*.h"],
                                capture_output=True, text=True, check=True)
        return sorted(p for p in result.stdout.split("\0") if p)
    return walked_c_files(src)


def is_git_checkout(src):
    """Whether src is the top of a git work tree (a plain copy is walked)."""
    if shutil.which("git") is None:
        return False
    result = subprocess.run(["git", "-C", src, "rev-parse", "--show-toplevel"],
                            capture_output=True, text=True)
    return (result.returncode == 0
            and os.path.realpath(result.stdout.strip()) == os.path.realpath(src))


def walked_c_files(src):
    """The C files under src, leaving out build trees and node_modules."""
    files = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if not skipped_directory(d))
        for filename in filenames:
            if filename.endswith((".c", ".h")):
                path = os.path.relpath(os.path.join(dirpath, filename), src)
                files.append(path.replace(os.sep, "/"))
    return sorted(files)


def skipped_directory(name):
    """Whether the walk leaves a directory out: build trees, hidden, node_modules."""
    return name.startswith(("build", ".")) or name == "node_modules"


def shared_base_names(src):
    """One line for each base name two or more C files share."""
    by_base_name = defaultdict(list)
    for path in tracked_c_files(src):
        by_base_name[os.path.basename(path)].append(path)
    return ["shared base name %s: %s" % (base, " ".join(sorted(paths)))
            for base, paths in sorted(by_base_name.items()) if len(paths) > 1]


# --- the report ------------------------------------------------------------------

def summary(objects, violations, cycles, folder_of):
    """The summary line and the number of files in each folder."""
    files_per_folder = defaultdict(int)
    for obj in objects:
        files_per_folder[obj.folder] += 1
    across = sum(1 for c in cycles if len(folders_of(c, folder_of)) > 1)
    line = "layers: %d objects in %d folder%s; %d violation%s; %d cycle%s" % (
        len(objects), len(files_per_folder), plural(len(files_per_folder)),
        len(violations), plural(len(violations)), len(cycles), plural(len(cycles)))
    if cycles:
        line += " (largest %d files)" % len(cycles[0])
    line += ", none across folders" if across == 0 else ", %d across folders" % across
    lines = [line]
    for folder in sorted(files_per_folder, key=folder_order):
        lines.append("  %-10s %3d files" % (folder, files_per_folder[folder]))
    return lines


def folder_order(folder):
    """Layers in their order, then anything else by name."""
    if folder in LAYERS:
        return (0, LAYERS.index(folder), folder)
    return (1, 0, folder)


def plural(count):
    """The ending "s" unless count is one."""
    return "" if count == 1 else "s"


def check(build_dir, src, allow_flat, report):
    """Runs every check, prints its findings; returns the exit code."""
    objects = find_objects(build_dir)
    if not objects:
        print("layers: no object files under %s/CMakeFiles/*.dir/ (build the library first)"
              % build_dir)
        return 0 if report else 1
    try:
        read_symbols(objects)
    except (OSError, RuntimeError) as error:
        print("layers: %s" % error)
        return 1
    uses = symbol_uses(objects)
    folder_of = {obj.name: obj.folder for obj in objects}
    problems = placement_problems(objects, allow_flat)
    violations = layer_violations(uses)
    problems += violations
    for line in problems:
        print(line)
    cycles = find_cycles(objects, uses)
    for cycle in cycles:
        line, breaks_rules = describe_cycle(cycle, folder_of)
        print(line)
        if breaks_rules:
            problems.append(line)
    for line in shared_base_names(src):
        print(line)
        problems.append(line)
    for line in summary(objects, violations, cycles, folder_of):
        print(line)
    return verdict(problems, report)


def verdict(problems, report):
    """Prints the last line; returns the exit code."""
    if not problems:
        print("layers: ok")
        return 0
    if report:
        print("layers: %d problem%s (report only, not failing)"
              % (len(problems), plural(len(problems))))
        return 0
    print("layers: FAIL, %d problem%s" % (len(problems), plural(len(problems))))
    return 1


# --- the self-test -------------------------------------------------------------

# Each case: objects as paths under CMakeFiles/ to the objects they call, the
# source tree for the base-name check, the options, the exit code expected
# and lines the output must contain.
SELF_TEST_CASES = [
    {
        "name": "clean layout passes",
        "objects": {
            "portal_base.dir/base/a.c": [],
            "portal_records.dir/records/b.c": ["portal_base.dir/base/a.c"],
            "portal_store.dir/store/c.c": ["portal_store.dir/store/d.c",
                                           "portal_records.dir/records/b.c"],
            "portal_store.dir/store/d.c": ["portal_store.dir/store/e.c"],
            "portal_store.dir/store/e.c": ["portal_store.dir/store/c.c"],
            "portal_rules.dir/rules/f.c": ["portal_base.dir/base/a.c",
                                           "portal_store.dir/store/c.c"],
        },
        "expect_code": 0,
        "expect": ["cycle of 3 files in store: store/c.c store/d.c store/e.c",
                   "layers: 6 objects in 4 folders; 0 violations; 1 cycle "
                   "(largest 3 files), none across folders",
                   "layers: ok"],
    },
    {
        "name": "a lower folder using a higher one fails",
        "objects": {
            "portal_base.dir/base/a.c": ["portal_rules.dir/rules/b.c"],
            "portal_rules.dir/rules/b.c": [],
        },
        "expect_code": 1,
        "expect": ["layer violation: base/a.c uses pt_rules_b from rules/b.c",
                   "1 violation;", "layers: FAIL"],
    },
    {
        "name": "a cycle across two folders fails",
        "objects": {
            "portal_base.dir/base/a.c": ["portal_records.dir/records/b.c"],
            "portal_records.dir/records/b.c": ["portal_base.dir/base/a.c"],
        },
        "expect_code": 1,
        "expect": ["cycle across folders (base, records): base/a.c records/b.c",
                   "layer violation: base/a.c uses pt_records_b from records/b.c",
                   "1 cycle (largest 2 files), 1 across folders"],
    },
    {
        "name": "a cycle of four files inside one folder fails",
        "objects": {
            "portal_store.dir/store/a.c": ["portal_store.dir/store/b.c"],
            "portal_store.dir/store/b.c": ["portal_store.dir/store/c.c"],
            "portal_store.dir/store/c.c": ["portal_store.dir/store/d.c"],
            "portal_store.dir/store/d.c": ["portal_store.dir/store/a.c"],
        },
        "expect_code": 1,
        "expect": ["cycle of 4 files in store, more than 3: "
                   "store/a.c store/b.c store/c.c store/d.c",
                   "0 violations; 1 cycle (largest 4 files)", "layers: FAIL"],
    },
    {
        "name": "an unknown folder fails",
        "objects": {"portal_extra.dir/extra/a.c": []},
        "expect_code": 1,
        "expect": ["unknown layer folder extra (not in the layer list): extra/a.c"],
    },
    {
        "name": "an object outside any folder fails",
        "objects": {"portal_objects.dir/a.c": ["portal_objects.dir/b.c"],
                    "portal_objects.dir/b.c": []},
        "expect_code": 1,
        "expect": ["object outside any layer folder: a.c (in portal_objects.dir)",
                   "  (top)        2 files"],
    },
    {
        "name": "--allow-flat accepts objects outside any folder",
        "objects": {"portal_objects.dir/a.c": ["portal_objects.dir/b.c"],
                    "portal_objects.dir/b.c": []},
        "options": ["--allow-flat"],
        "expect_code": 0,
        "expect": ["layers: 2 objects in 1 folder; 0 violations; 0 cycles", "layers: ok"],
    },
    {
        "name": "--report prints problems without failing",
        "objects": {
            "portal_base.dir/base/a.c": ["portal_rules.dir/rules/b.c"],
            "portal_rules.dir/rules/b.c": [],
        },
        "options": ["--report"],
        "expect_code": 0,
        "expect": ["layer violation: base/a.c uses pt_rules_b from rules/b.c",
                   "(report only, not failing)"],
    },
    {
        "name": "C files sharing a base name fail (walked tree)",
        "objects": {"portal_base.dir/base/a.c": []},
        "sources": ["libportal/views.h", "cgi/pages/views.h", "cgi/main.c",
                    "build-x/libportal/main.c", "node_modules/m/main.c"],
        "expect_code": 1,
        "expect": ["shared base name views.h: cgi/pages/views.h libportal/views.h"],
        "refuse": ["shared base name main.c"],
    },
    {
        "name": "C files sharing a base name fail (git checkout, tracked only)",
        "objects": {"portal_base.dir/base/a.c": []},
        "sources": ["libportal/request.c", "cgi/request.c"],
        "untracked": ["tests/views.h", "libportal/views.h"],
        "git": True,
        "expect_code": 1,
        "expect": ["shared base name request.c: cgi/request.c libportal/request.c"],
        "refuse": ["views.h"],
    },
    {
        "name": "no objects at all fails",
        "objects": {},
        "expect_code": 1,
        "expect": ["layers: no object files under"],
    },
]


def function_of(path):
    """The function an object of the self-test defines: pt_<folder>_<file>."""
    parts = path.split("/")[1:]
    stem = "_".join(parts)[:-len(".c")]
    return "pt_" + stem


def c_source(path, callees):
    """A C file defining path's function, calling each callee's."""
    functions = [function_of(path)] + [function_of(c) for c in callees]
    lines = ["void %s(void);" % f for f in functions]
    calls = " ".join("%s();" % function_of(c) for c in callees)
    lines.append("void %s(void) { %s }" % (function_of(path), calls))
    return "\n".join(lines) + "\n"


def compile_objects(objects, build_dir, scratch):
    """Compiles each object of a case where CMake would put it."""
    compiler = shlex.split(os.environ.get("CC", "cc"))
    for path, callees in objects.items():
        source = os.path.join(scratch, path.replace("/", "_"))
        with open(source, "w") as f:
            f.write(c_source(path, callees))
        output = os.path.join(build_dir, "CMakeFiles", path + ".o")
        os.makedirs(os.path.dirname(output), exist_ok=True)
        subprocess.run(compiler + ["-std=c11", "-c", source, "-o", output], check=True)


def make_source_tree(case, src):
    """The repository of a case: empty C files, in git when the case says so."""
    os.makedirs(src)
    for path in case.get("sources", []) + case.get("untracked", []):
        full = os.path.join(src, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        open(full, "w").close()
    if case.get("git"):
        git = ["git", "-C", src]
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "--"] + case["sources"], check=True)


def run_case(case, scratch):
    """Runs the check on one case; returns the reasons it failed, if any."""
    build_dir = os.path.join(scratch, "build", "libportal")
    os.makedirs(os.path.join(build_dir, "CMakeFiles"))
    compile_objects(case["objects"], build_dir, scratch)
    src = os.path.join(scratch, "src")
    make_source_tree(case, src)
    command = [sys.executable, os.path.abspath(__file__)] + case.get("options", [])
    result = subprocess.run(command + [build_dir, src], capture_output=True, text=True)
    output = result.stdout + result.stderr
    reasons = []
    if result.returncode != case["expect_code"]:
        reasons.append("exit code %d, expected %d" % (result.returncode, case["expect_code"]))
    reasons += ["missing: %s" % e for e in case["expect"] if e not in output]
    reasons += ["unexpected: %s" % r for r in case.get("refuse", []) if r in output]
    return reasons, output


def self_test():
    """Runs every case in its own temporary directory; returns the exit code."""
    failed = 0
    for case in SELF_TEST_CASES:
        if case.get("git") and shutil.which("git") is None:
            print("self-test: %s: skipped, no git" % case["name"])
            continue
        with tempfile.TemporaryDirectory(prefix="test_layers.") as scratch:
            reasons, output = run_case(case, scratch)
        if reasons:
            failed += 1
            print("self-test: %s: FAIL" % case["name"])
            for reason in reasons:
                print("    " + reason)
            print("    output:\n" + "\n".join("      " + l for l in output.splitlines()))
        else:
            print("self-test: %s: ok" % case["name"])
    print("self-test: %d passed, %d failed"
          % (len(SELF_TEST_CASES) - failed, failed))
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(
        description="Check that libportal's layer folders depend one way only.")
    parser.add_argument("--allow-flat", action="store_true",
                        help="accept objects outside any layer folder")
    parser.add_argument("--report", action="store_true",
                        help="print the findings and figures, never fail")
    parser.add_argument("--self-test", action="store_true",
                        help="prove on small compiled objects that the check catches problems")
    parser.add_argument("build_dir", nargs="?", metavar="LIBPORTAL_BUILD_DIR")
    parser.add_argument("src", nargs="?", metavar="SOURCE_DIR")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if args.build_dir is None or args.src is None:
        parser.error("LIBPORTAL_BUILD_DIR and SOURCE_DIR are needed")
    return check(args.build_dir, args.src, args.allow_flat, args.report)


if __name__ == "__main__":
    sys.exit(main())
