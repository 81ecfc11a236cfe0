#!/usr/bin/env python3
"""Checks the catalogue keys that claim the Fides taxonomy against fideslang itself.

Every key of data-categories.txt, data-subjects.txt and purposes.txt is either a key of fideslang's default
taxonomy (version 3.1.4), used with its meaning, or says `extension: yes`; an extension must not take a key that
Fides has (it would claim Fides' meaning for ours). Old keys (`aliases:`) are not checked: they only keep stored
documents readable. fideslang is read from its wheel without importing it, so its dependencies are not needed.
"""
import ast
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

VERSION = "3.1.4"
ROOT = pathlib.Path(__file__).resolve().parents[2] / "clauses" / "catalogues"
CATALOGUES = [("data-categories.txt", "category", "data_categories"), ("data-subjects.txt", "subject", "data_subjects"),
              ("purposes.txt", "purpose", "data_uses")]


def fides_keys(wheel: pathlib.Path) -> dict:
    keys = {}
    with zipfile.ZipFile(wheel) as archive:
        for _, _, module in CATALOGUES:
            tree = ast.parse(archive.read(f"fideslang/default_taxonomy/{module}.py"))
            found = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    for keyword in node.keywords:
                        if keyword.arg == "fides_key" and isinstance(keyword.value, ast.Constant):
                            found.add(keyword.value.value)
            keys[module] = found
    return keys


def entries(path: pathlib.Path, field: str):
    """(key, is_extension, line) of each entry of a catalogue file."""
    result = []
    for block in re.split(r"\n\s*\n", path.read_text()):
        lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if not lines or not lines[0].startswith(f"{field}: "):
            continue
        key = lines[0][len(field) + 2:].strip()
        extension = any(line.strip() == "extension: yes" for line in lines)
        result.append((key, extension))
    return result


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", f"fideslang=={VERSION}", "-d", folder], check=True)
        wheel = next(pathlib.Path(folder).glob("fideslang-*.whl"))
        fides = fides_keys(wheel)
    problems = []
    counts = []
    for file, field, module in CATALOGUES:
        own = 0
        for key, extension in entries(ROOT / file, field):
            if extension:
                own += 1
                if key in fides[module]:
                    problems.append(f"{file}: '{key}' says 'extension: yes' but is a Fides key; use Fides' meaning and drop the flag")
            elif key not in fides[module]:
                problems.append(f"{file}: '{key}' is not a key of fideslang {VERSION}; mark it 'extension: yes' or use Fides' key")
        counts.append(f"{file}: {len(entries(ROOT / file, field)) - own} Fides keys, {own} extensions")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"catalogues follow fideslang {VERSION}: " + "; ".join(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
