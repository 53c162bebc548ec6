"""Move the kernel out of `pipeline/` and rename every module to its installed `demat.` name.

Run once from the root of a checkout (`python tools/relayer.py`, with a Python
that has ruff), then commit what it did: it is idempotent, so running it again
changes nothing. It knows only the kernel moves; every other rewrite is derived
from the files present, so it also works on modules it has never seen.

1. `git mv` the kernel (document, schema and its TOML, config, errors) from
   `pipeline/` to `kernel/`.
2. Rewrite every dotted module name (`pipeline.runner`, `pipeline.document`,
   `samples.generator`, ...) to its `demat.` name (`demat.pipeline.runner`,
   `demat.kernel.document`, ...) in imports, strings, entry points and docs, and
   the paths of the moved files (`pipeline/schema.toml` -> `kernel/schema.toml`).
   A dotted name is rewritten only if it names a module or package of the
   checkout, so `samples.append(...)` on a local list is left alone.
3. `ruff check --fix`, safe fixes only: the import order the rename disturbed
   (isort), and pyupgrade's and simplify's rewrites.

This file is deleted once it has run on the merged tree.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

PACKAGE = "demat"
TOP_LEVEL = ("pipeline", "extractors", "classifiers", "indexer", "web", "samples", "kernel")
KERNEL = ("document", "schema", "config", "errors")  # modules moved from pipeline/ to kernel/
KERNEL_DATA = ("schema.toml",)
KERNEL_DOC = '"""The kernel: what every layer shares (document, schema, settings, errors); it imports nothing of ours."""\n'

TEXT_GLOBS = ("**/*.py", "**/*.toml", "**/*.cfg", "**/*.md", "Makefile", ".ci/*", "deploy/*")
SKIP_PARTS = {".git", ".venv", "node_modules", "build", "dist", "__pycache__"}
SELF = Path("tools/relayer.py")
RUFF_RULES, RUFF_IGNORED = "F,E,W,I,B,UP,SIM,TID", "B905,SIM905"  # as in pyproject.toml

NAMES = "|".join(TOP_LEVEL)
# A dotted name starting with one of our packages, not preceded by a name, a dot or a slash.
DOTTED = re.compile(rf"(?<![\w./-])((?:{NAMES})(?:\.[A-Za-z_]\w*)+)")
# `from pipeline import x, y` written in prose or in a string (a script run by a test).
FROM_ANYWHERE = re.compile(rf"(\bfrom\s+)({NAMES})(\s+import\s+)([\w, ]+)")
# The module names of `import a.b as c, d` and of `from a.b import c`, the package alone included.
IMPORTED = re.compile(rf"((?:\bimport|,)\s*)((?:{NAMES})(?:\.\w+)*)(?![\w.])")
IMPORTED_FROM = re.compile(rf"(\bfrom\s+)((?:{NAMES})(?:\.\w+)*)(?![\w.])")
MOVED_PATH = re.compile(rf"(?<![\w./-])pipeline/((?:{'|'.join(KERNEL)})\.py|{'|'.join(map(re.escape, KERNEL_DATA))})\b")


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True)


def move_kernel(root: Path) -> None:
    """`git mv` the kernel modules; a file already moved is skipped."""
    (root / "kernel").mkdir(exist_ok=True)
    init = root / "kernel" / "__init__.py"
    if not init.exists():
        init.write_text(KERNEL_DOC)
        git("add", str(init))
    for name in [f"{m}.py" for m in KERNEL] + list(KERNEL_DATA):
        source, target = root / "pipeline" / name, root / "kernel" / name
        if source.exists() and not target.exists():
            git("mv", str(source), str(target))


def is_module(root: Path, dotted: str) -> bool:
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def new_name(root: Path, dotted: str) -> str | None:
    """The `demat.` name of `dotted`, or None if it does not start with one of our modules."""
    parts = dotted.split(".")
    if parts[0] not in TOP_LEVEL:
        return None
    if len(parts) == 1:
        return f"{PACKAGE}.{dotted}"
    if parts[0] == "pipeline" and parts[1] in KERNEL:
        parts[0] = "kernel"
    if not is_module(root, ".".join(parts[:2])):
        return None
    return ".".join([PACKAGE, *parts])


def rewrite_text(root: Path, text: str) -> str:
    """Dotted module names, `from pipeline import x` and moved paths in prose, strings and config files."""
    text = MOVED_PATH.sub(r"kernel/\1", text)
    text = DOTTED.sub(lambda m: new_name(root, m.group(1)) or m.group(1), text)
    return FROM_ANYWHERE.sub(lambda m: f"{m.group(1)}{PACKAGE}.{package_of(*m.group(2, 4))}{m.group(3)}{m.group(4)}", text)


def package_of(package: str, names: str) -> str:
    """`kernel` for `from pipeline import document, config`, else the package as written."""
    imported = {name.split(" as ")[0].strip() for name in names.split(",")}
    return "kernel" if package == "pipeline" and imported <= set(KERNEL) else package


def rewrite_import(root: Path, node: ast.Import | ast.ImportFrom, source: str) -> str:
    """The statement with our modules renamed; `from pipeline import document` goes to the kernel."""
    if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
        kernel = [a for a in node.names if a.name in KERNEL]
        rest = [a for a in node.names if a.name not in KERNEL]
        if kernel:
            def names(aliases: list[ast.alias]) -> str:
                return ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in aliases)
            lines = [f"from {PACKAGE}.kernel import {names(kernel)}"]
            if rest:
                lines.append(f"from {PACKAGE}.pipeline import {names(rest)}")
            indent = " " * node.col_offset
            return f"\n{indent}".join(lines)
    pattern = IMPORTED_FROM if isinstance(node, ast.ImportFrom) else IMPORTED
    return pattern.sub(lambda m: m.group(1) + (new_name(root, m.group(2)) or m.group(2)), source,
                       count=1 if isinstance(node, ast.ImportFrom) else 0)


def rewrite_python(root: Path, text: str) -> str:
    """Imports everywhere; strings and comments like prose; names in code only where an import binds them.

    A local variable may share a package's name (`web = context(request)`), so a
    dotted name in code is a module only if the file has `import web...`.
    """
    tree = ast.parse(text)
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(line: int, byte_col: int) -> int:
        raw = text[starts[line - 1]:starts[line]].encode()
        return starts[line - 1] + len(raw[:byte_col].decode())

    edits: list[tuple[int, int, str]] = []
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [a.name.split(".")[0] for a in node.names]
            bound |= {a.name.split(".")[0] for a in node.names if a.asname is None} & set(TOP_LEVEL)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots = [node.module.split(".")[0]]
        else:
            continue
        if set(roots) & set(TOP_LEVEL):
            start = offset(node.lineno, node.col_offset)
            end = offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
            edits.append((start, end, rewrite_import(root, node, text[start:end])))
    inside = [(s, e) for s, e, _ in edits]
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    for i, tok in enumerate(tokens):
        start = starts[tok.start[0] - 1] + tok.start[1]
        end = starts[tok.end[0] - 1] + tok.end[1]
        if any(s <= start < e for s, e in inside):
            continue
        if tok.type in (tokenize.STRING, tokenize.COMMENT):
            edits.append((start, end, rewrite_text(root, tok.string)))
        elif tok.type == tokenize.NAME and tok.string in bound and not (i and tokens[i - 1].string == "."):
            chain = [tok.string]
            j = i + 1
            while j + 1 < len(tokens) and tokens[j].string == "." and tokens[j + 1].type == tokenize.NAME:
                chain.append(tokens[j + 1].string)
                j += 2
            dotted = ".".join(chain)
            renamed = new_name(root, dotted)
            if renamed and len(chain) > 1:
                end = starts[tokens[j - 1].end[0] - 1] + tokens[j - 1].end[1]
                edits.append((start, end, renamed))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def text_files(root: Path) -> list[Path]:
    files = {p for pattern in TEXT_GLOBS for p in root.glob(pattern)}
    return sorted(p for p in files if p.is_file() and not SKIP_PARTS & set(p.relative_to(root).parts)
                  and p.relative_to(root) != SELF)


def main() -> None:
    root = Path.cwd()
    if not (root / "pipeline" / "runner.py").is_file():
        sys.exit("run from the root of a demat checkout")
    move_kernel(root)
    changed = 0
    for path in text_files(root):
        old = path.read_text(encoding="utf-8")
        new = rewrite_python(root, old) if path.suffix == ".py" else rewrite_text(root, old)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed += 1
    print(f"relayer: {changed} files rewritten")
    # ruff's safe fixes for the rules pyproject.toml selects: the import order the rename
    # disturbed, and what pyupgrade and simplify can rewrite without a person.
    subprocess.run([sys.executable, "-m", "ruff", "check", "--fix", "--isolated", "--silent", "--exit-zero",
                    "--select", RUFF_RULES, "--ignore", RUFF_IGNORED, "--line-length", "130", "--target-version", "py311",
                    "--config", f"lint.isort.known-first-party = ['{PACKAGE}']", "--config", "src = ['.', 'tests']",
                    "."], check=True)

if __name__ == "__main__":
    main()
