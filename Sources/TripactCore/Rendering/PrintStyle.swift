/// The embedded style sheets: no external fonts or scripts, so a file prints the same offline.
enum PrintStyle {
    static let css = """
        @page { size: A4; margin: 22mm 18mm 24mm 18mm;
          @bottom-left { font: 7.5pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #444; }
          @bottom-right { font: 7.5pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #444; }
          @top-center { font: bold 8pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #a00; letter-spacing: 0.1em; } }
        @page wide { size: A4 landscape; margin: 18mm 16mm 22mm 16mm; }
        :root { color-scheme: light; }
        html { font: 10.5pt/1.45 "DejaVu Serif", Georgia, "Times New Roman", serif; color: #111; }
        body { margin: 0 auto; max-width: 48rem; padding: 1rem; }
        h1 { font-size: 1.7em; line-height: 1.2; margin: 0 0 0.6em; }
        h2 { font-size: 1.2em; margin: 1.4em 0 0.3em; }
        h3 { font-size: 1.02em; margin: 1.1em 0 0.3em; }
        h1, h2, h3 { font-family: "DejaVu Sans", Arial, sans-serif; break-after: avoid; page-break-after: avoid; }
        p, li { orphans: 3; widows: 3; }
        a { color: inherit; }
        .cover { border-bottom: 2px solid #111; padding-bottom: 1em; margin-bottom: 1em; }
        .cover .between { font-size: 1.1em; }
        .cover dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; margin: 0; }
        .cover dt { font-weight: bold; }
        .cover dd { margin: 0; overflow-wrap: anywhere; }
        .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; }
        .contents ol { list-style: none; padding: 0; columns: 2; column-gap: 2em; }
        .contents li { break-inside: avoid; }
        .contents .annex-entry { font-style: italic; }
        .contents .part-entry { font-weight: bold; margin-top: 0.3em; }
        h2.part { text-align: center; font-size: 1.05em; text-transform: uppercase; letter-spacing: 0.06em; margin: 2.2em 0 0.4em; padding-bottom: 0.25em; border-bottom: 1px solid #999; }
        ol.paragraphs > li.table { break-inside: auto; }
        ol.paragraphs table.clause-table { text-indent: 0; margin-top: 0.3em; }
        table.clause-table th:first-child, table.clause-table td:first-child { width: 42%; }
        .clause h2, .clause .articles { break-after: avoid; page-break-after: avoid; }
        .clause > h2 { margin-top: 1.2em; }
        .clause h2 .number { display: inline-block; min-width: 2em; }
        .articles { margin: 0 0 0.4em; font-size: 0.85em; color: #444; }
        ol.paragraphs { list-style: none; padding: 0; margin: 0; }
        ol.paragraphs > li { margin: 0 0 0.45em; padding-left: 2.6em; text-indent: -2.6em; break-inside: avoid; }
        ol.paragraphs > li > .number { display: inline-block; min-width: 2.6em; text-indent: 0; }
        ol.paragraphs ul { text-indent: 0; margin: 0.3em 0 0; padding-left: 1.4em; }
        ol.paragraphs > li.list > .number { float: left; width: 2.6em; margin-left: -2.6em; }
        ol.paragraphs > li.list > ul { margin-top: 0; }
        .value { font-weight: 600; }
        mark.unfilled { background: #fdd; color: #900; font-family: monospace; }
        .annex { break-before: page; page-break-before: always; }
        .annex.wide { page: wide; }
        table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.9em; font-size: 0.9em; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 1px solid #999; padding: 0.25em 0.4em; vertical-align: top; text-align: left; overflow-wrap: break-word; hyphens: auto; }
        td:first-child, th:first-child { min-width: 7em; }
        table.measures td:first-child, table.measures th:first-child { min-width: 0; width: 2.6em; white-space: nowrap; }
        table.measures td:nth-child(2) { width: 28%; }
        code { font-size: 0.85em; }
        thead th { background: #eee; }
        table.party, table.facts { width: 100%; }
        table.party th, table.facts th { width: 14em; background: #f6f6f6; }
        caption { text-align: left; font-weight: bold; font-family: "DejaVu Sans", Arial, sans-serif; padding: 0.3em 0; }
        blockquote { margin: 0.4em 1.5em; font-style: italic; }
        .signatures { break-before: page; page-break-before: always; }
        .signature-row { display: flex; gap: 2em; }
        .signature-block { flex: 1; border: 1px solid #999; padding: 0.6em 1em; break-inside: avoid; page-break-inside: avoid; }
        .signature-block dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.6em 1em; }
        .signature-block dd { margin: 0; min-height: 1.3em; }
        .signature-block dd.line { border-bottom: 1px solid #333; min-height: 2.2em; }
        .signature-block dl.signed { display: block; } .signature-block dl.signed dt { font-size: 0.85em; color: #444; }
        .signature-block dl.signed dd { margin: 0 0 0.5em; }
        .signature-block .signatory-note { font-size: 0.9em; margin: 0.6em 0 0; }
        .draft-mark { display: none; }
        @media print {
          body { max-width: none; padding: 0; }
          a { text-decoration: none; }
          .draft-mark { display: block; position: fixed; top: 40%; left: 0; right: 0; text-align: center; font: bold 110pt/1 "DejaVu Sans", Arial, sans-serif;
            color: rgba(160, 0, 0, 0.09); transform: rotate(-30deg); z-index: -1; }
        }
        @media screen {
          .contents a { display: inline-block; min-height: 24px; padding: 2px 0; }
          body.draft::before { content: "DRAFT — not signed"; display: block; background: #a00; color: #fff; font: bold 0.9em "DejaVu Sans", Arial, sans-serif;
            padding: 0.3em 0.6em; margin-bottom: 1em; }
        }
        @media screen and (max-width: 40rem) {
          .contents ol { columns: 1; }
          .signature-row { flex-direction: column; }
          table { display: block; overflow-x: auto; }
        }

        """

    static let summaryCSS = """
        @page { size: A4; margin: 20mm 18mm; }
        html { font: 11pt/1.5 "DejaVu Sans", Arial, sans-serif; color: #111; }
        body { margin: 0 auto; max-width: 46rem; padding: 1rem; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; break-after: avoid; } h3 { font-size: 1em; margin: 0.2em 0; }
        .source { color: #555; font-size: 0.85em; }
        .paste { border: 1px dashed #888; padding: 0.5em 1em; }
        table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
        thead { display: table-header-group; } tr { break-inside: avoid; }
        th, td { border: 1px solid #999; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
        thead th { background: #eee; }
        ol.steps > li { margin-bottom: 0.8em; break-inside: avoid; }
        blockquote { margin: 0.4em 1.5em; font-style: italic; }

        """
}
