#!/usr/bin/env python3
"""Second readers for the Word export: LibreOffice Writer and python-docx.

Through the CLI, the full example is imported into a fresh database, a second version is proposed, and version 1,
version 2 and the redline from 1 to 2 are exported as DOCX. LibreOffice converts each to PDF (headless) and
pdftotext must find a clause's words, an Annex IV row and "Page 1 of N"; python-docx must open each and find the
title, Word's styles and the annex tables. Page 1 and the Annex IV page of version 1 are saved as PNG under
.ci/artifacts/word for a person to look at.

The tripact binary is $TRIPACT_BIN, else .build/debug/tripact.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import docx

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("TRIPACT_BIN", str(ROOT / ".build" / "debug" / "tripact"))
ARTIFACTS = ROOT / ".ci" / "artifacts" / "word"
CONTROLLER = "Lumen Télécom SA"
PROCESSOR = "Atlantis Relation Client SAS"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def tripact(*arguments, stdin=""):
    result = subprocess.run([BINARY, *arguments], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"tripact {' '.join(arguments)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def words(text):
    return " ".join(text.split())


def to_pdf(path: pathlib.Path) -> pathlib.Path:
    profile = path.parent / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = path.with_suffix(".pdf")
    if not pdf.exists():
        sys.exit(f"LibreOffice wrote no PDF for {path.name}")
    return pdf


def pdf_text(pdf: pathlib.Path, layout: bool) -> str:
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def main():
    example = json.loads((ROOT / "examples" / "full-scenario.json").read_text())
    reference = example["id"]
    clause_sentence = "The Processor shall process only the categories of Personal Data, about only the categories of Data Subjects, that Annex II lists."
    subprocessor = example["subprocessors"][0]["name"]
    with tempfile.TemporaryDirectory() as folder:
        work = pathlib.Path(folder)
        os.environ["TRIPACT_DB"] = str(work / "word.sqlite")
        tripact("org", "add", CONTROLLER)
        tripact("org", "add", PROCESSOR)
        tripact("user", "add", "jeanne@lumen.example", "--name", "Jeanne Roux", "--org", CONTROLLER, "--role", "legal")
        tripact("user", "add", "paul@atlantis.example", "--name", "Paul Martin", "--org", PROCESSOR, "--role", "legal")
        tripact("import", str(ROOT / "examples" / "full-scenario.json"), "--controller", CONTROLLER, "--processor", PROCESSOR, "--as", "paul@atlantis.example")
        changed = dict(example)
        changed["processing"] = dict(example["processing"], retention="Contact records are kept two years after the last contact")
        (work / "v2.json").write_text(json.dumps(changed))
        tripact("propose", reference, str(work / "v2.json"), "--base", "1", "-m", "shorter retention", "--as", "jeanne@lumen.example")

        files = {"v1": work / "v1.docx", "v2": work / "v2.docx", "redline": work / "redline.docx"}
        tripact("export", reference, "--format", "docx", "--version", "1", "-o", str(files["v1"]))
        tripact("export", reference, "--format", "docx", "--version", "2", "-o", str(files["v2"]))
        tripact("export", reference, "--format", "docx", "--version", "2", "--redline-from", "1", "-o", str(files["redline"]))

        for name, path in files.items():
            document = docx.Document(str(path))
            styles = {paragraph.style.name for paragraph in document.paragraphs}
            check("Title" in styles, f"{name}: python-docx finds a Title paragraph")
            check(document.core_properties.title == example["title"], f"{name}: python-docx reads the title property")
            pdf = to_pdf(path)
            # The page layout for the footer; reading order (cell by cell) for the words of tables.
            text = pdf_text(pdf, layout=True)
            flat = words(pdf_text(pdf, layout=False))
            pages = re.findall(r"Page 1 of (\d+)", text)
            check(bool(pages) and int(pages[0]) > 1, f"{name}: LibreOffice prints 'Page 1 of N' (found {pages[:1]})")
            if name != "redline":
                check({"Heading 1", "List Paragraph"} <= styles, f"{name}: Heading 1 and numbered paragraphs ({sorted(styles)})")
                check(len(document.tables) >= 5, f"{name}: annex tables ({len(document.tables)})")
                check(clause_sentence in flat, f"{name}: the PDF has a clause's words")
                check(subprocessor in flat, f"{name}: the PDF has an Annex IV row ({subprocessor})")
                # Annex IV runs over several pages: its header row is printed again on each (w:tblHeader).
                repeats = flat.count("Subprocessor Address Service Personal data Processing locations Transfer mechanism Contact")
                check(repeats >= 2, f"{name}: Annex IV's header row repeats on each page ({repeats})")
                sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
                check("841.89 x 595" in sizes, f"{name}: Annex IV is printed on landscape pages")
                check(not re.search(r"\d+\. Annex", flat), f"{name}: annex headings are not numbered as clauses")
                check("DRAFT" in flat, f"{name}: the PDF says DRAFT")
                check(example["parties"]["controller"]["name"] in flat, f"{name}: the PDF names the controller")
            else:
                check("Redline: version 1 to version 2" in flat, "redline: the PDF has the redline's title")
                check("two years" in flat, "redline: the PDF shows the inserted words")
        pdf = files["v1"].with_suffix(".pdf")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(pdf), str(ARTIFACTS / "v1-page")], check=True)
        page_count = int(re.findall(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[0])
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page_count - 2), "-l", str(page_count), str(pdf), str(ARTIFACTS / "v1-end")], check=True)
        for path in files.values():
            shutil.copy(path, ARTIFACTS / path.name)
        shutil.copy(pdf, ARTIFACTS / "v1.pdf")
        shutil.copy(files["redline"].with_suffix(".pdf"), ARTIFACTS / "redline.pdf")
    if failures:
        sys.exit(f"{len(failures)} Word check(s) failed")
    print("Word export: LibreOffice and python-docx read v1, v2 and the redline")


if __name__ == "__main__":
    main()
