#!/usr/bin/env python3
"""The Word round trip through LibreOffice: an export re-saved by another word processor imports as no change.

Through the CLI, the full example is imported into a fresh database and version 1 exported as DOCX. Headless
LibreOffice opens it and saves it again as DOCX (its own writer: new runs, styles, settings and ids). Imported back
on version 1 it must be no change, with nothing reported as not imported. Then a copy of the re-saved file is edited
in its XML, as a person would in Word without tracking: a parameter's value (the governing law) and a sentence of
another clause. Imported into the side's draft and sent, the value becomes the parameter's new value and the sentence the clause's own wording,
again with nothing left unmapped.

The tripact binary is $TRIPACT_BIN, else .build/debug/tripact.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("TRIPACT_BIN", str(ROOT / ".build" / "debug" / "tripact"))
CONTROLLER = "Lumen Télécom SA"
PROCESSOR = "Atlantis Relation Client SAS"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def tripact(*arguments, allowed=(0,)):
    result = subprocess.run([BINARY, *arguments], capture_output=True, text=True)
    if result.returncode not in allowed:
        sys.exit(f"tripact {' '.join(arguments)} failed ({result.returncode}): {result.stderr}")
    return result


def resave(path: pathlib.Path, folder: pathlib.Path) -> pathlib.Path:
    """LibreOffice opens the DOCX and writes it again as DOCX ("MS Word 2007 XML") into `folder`."""
    folder.mkdir(exist_ok=True)
    profile = path.parent / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=180)
    out = folder / path.name
    if not out.exists():
        sys.exit(f"LibreOffice wrote no DOCX for {path.name}")
    return out


def edited(source: pathlib.Path, target: pathlib.Path, replacements):
    """A copy of the DOCX with text replaced in word/document.xml; each old text must be found once or more."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    for old, new in replacements:
        check(old in xml, f"the re-saved document.xml has '{old}' in one piece")
        xml = xml.replace(old, new, 1)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def main():
    example = json.loads((ROOT / "examples" / "full-scenario.json").read_text())
    reference = example["id"]
    with tempfile.TemporaryDirectory() as folder:
        work = pathlib.Path(folder)
        os.environ["TRIPACT_DB"] = str(work / "roundtrip.sqlite")
        tripact("org", "add", CONTROLLER)
        tripact("org", "add", PROCESSOR)
        tripact("user", "add", "paul@atlantis.example", "--name", "Paul Martin", "--org", PROCESSOR, "--role", "legal")
        tripact("user", "add", "jeanne@lumen.example", "--name", "Jeanne Roux", "--org", CONTROLLER, "--role", "legal")
        tripact("import", str(ROOT / "examples" / "full-scenario.json"), "--controller", CONTROLLER, "--processor", PROCESSOR, "--as", "paul@atlantis.example")
        exported = work / "v1.docx"
        tripact("export", reference, "--format", "docx", "--version", "1", "-o", str(exported))
        resaved = resave(exported, work / "resaved")

        same = tripact("import-docx", reference, str(resaved), "--base", "1", "--as", "jeanne@lumen.example").stdout
        check("no change found" in same and ": 0 changed items" in same, f"the re-saved export imports as no change:\n{same}")
        check("NOT IMPORTED" not in same, f"nothing of the re-saved export is left unmapped:\n{same}")

        law = next(c for c in example["clauses"] if c["clause"] == "governing-law")["parameters"]["law"]
        changed = work / "v1-edited.docx"
        edited(resaved, changed, [(law, "Belgian law"), ("that Annex II lists.", "that Annex II lists, and no other.")])
        # Into the controller's draft (the default), then sent as one turn, as a negotiator would.
        result = tripact("import-docx", reference, str(changed), "--base", "1", "--as", "jeanne@lumen.example", "-m", "edited after LibreOffice").stdout
        sent = tripact("draft", "send", reference, "--as", "jeanne@lumen.example", "--message", "edited after LibreOffice").stdout
        check("version 2" in sent, f"the draft with the edited copy is sent as version 2:\n{sent}")
        check(f"parameter governing-law.law: {law} → Belgian law" in result, f"the governing law becomes the parameter's new value:\n{result}")
        check("own wording on clause" in result, f"the changed sentence becomes the clause's own wording:\n{result}")
        check("NOT IMPORTED" not in result, f"nothing of the edited copy is left unmapped:\n{result}")
        tripact("export", reference, "--version", "2", "--format", "json", "-o", str(work / "v2.json"))
        stored = json.loads((work / "v2.json").read_text())
        stored_law = next(c for c in stored["clauses"] if c["clause"] == "governing-law")["parameters"]["law"]
        check(stored_law == "Belgian law", f"version 2 stores the new law ({stored_law})")
        if failures:
            keep = ROOT / ".ci" / "artifacts" / "word"
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(resaved, keep / "roundtrip-resaved.docx")
    if failures:
        sys.exit(f"{len(failures)} Word round-trip check(s) failed")
    print("Word round trip: LibreOffice's re-save imports as no change; its edited copy maps to a value and own wording")


if __name__ == "__main__":
    main()
