/// The full redline as HTML: every item of both versions, changed words in `<ins>`/`<del>`, added and removed annex rows
/// as rows. Built from the structured diff, so insertions and deletions never cross an element boundary.
public enum DiffHTMLRenderer {
    public static func render(_ diff: AgreementDiff, title: String) -> String {
        var html = HTMLWriter(capacity: 256 * 1024)
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.element("<title>Redline — ", title, "</title>\n")
        html.raw("<style>\n")
        html.trusted(style)
        html.raw("</style>\n</head>\n<body>\n")
        writeBody(&html, diff, title: title)
        html.raw("</body>\n</html>\n")
        return html.string
    }

    /// The redline without the page around it, for embedding in another page. Well-formed XML.
    public static func fragment(_ diff: AgreementDiff, title: String) -> String {
        var html = HTMLWriter(capacity: 256 * 1024)
        writeBody(&html, diff, title: title)
        return html.string
    }

    /// Paragraphs of one text with its changed words marked, for a page that shows a clause's own wording against the
    /// library's (`AgreementFacts.wordingRedline`). Well-formed XML, every word escaped.
    public static func wordsFragment(_ tokens: [WordDiff.Token]) -> String {
        var html = HTMLWriter(capacity: 8_192)
        html.raw("<div class=\"redline-words\">\n")
        for paragraph in split(tokens) where !paragraph.isEmpty {
            html.raw("<p>")
            writeTokens(&html, paragraph)
            html.raw("</p>\n")
        }
        html.raw("</div>\n")
        return html.string
    }

    static func writeBody(_ html: inout HTMLWriter, _ diff: AgreementDiff, title: String) {
        html.raw("<article class=\"redline\">\n")
        html.element("<h1>Redline: ", title, "</h1>\n")
        html.raw("<p class=\"sides\"><del>")
        html.text("\(diff.from.label) (sha256 \(diff.from.contentHash.prefix(12)))")
        html.raw("</del> → <ins>")
        html.text("\(diff.to.label) (sha256 \(diff.to.contentHash.prefix(12)))")
        html.raw("</ins></p>\n")
        writeSummary(&html, diff)
        let rows: Set<String> = ["measure", "subprocessor"]
        var index = 0
        let items = diff.redline
        while index < items.count {
            let item = items[index]
            if rows.contains(item.key.kind) {
                let kind = item.key.kind
                var end = index
                while end < items.count, items[end].key.kind == kind { end += 1 }
                writeTable(&html, Array(items[index..<end]), kind: kind)
                index = end
                continue
            }
            writeSection(&html, item)
            index += 1
        }
        html.raw("</article>\n")
    }

    private static func writeSummary(_ html: inout HTMLWriter, _ diff: AgreementDiff) {
        html.raw("<section class=\"summary\">\n<h2>Changes</h2>\n")
        if diff.isEmpty {
            html.raw("<p>No changes.</p>\n</section>\n")
            return
        }
        html.raw("<ul>\n")
        for change in diff.changes {
            html.raw("<li class=\"")
            html.text(change.kind.rawValue)
            // People read this page: items by their title and fields in words; the key stays in the anchor.
            html.raw("\"><a href=\"#")
            html.text(change.key.rawValue)
            html.raw("\">")
            html.text(change.title)
            html.raw("</a> ")
            html.text(change.kind.rawValue + (change.moved && change.kind == .changed ? " and moved" : ""))
            if !change.fields.isEmpty {
                html.raw("<ul>")
                for field in change.fields { html.element("<li>", field.sentence, "</li>") }
                html.raw("</ul>")
            }
            html.raw("</li>\n")
        }
        for note in diff.renumbering { html.element("<li class=\"renumbered\">", note.summary, "</li>\n") }
        html.raw("</ul>\n</section>\n")
    }

    /// A clause prints as the export does: its title as the heading, then each paragraph after the number it has in the
    /// newer version, on the line of its first words (a list's first item, a table's header row).
    private static func writeSection(_ html: inout HTMLWriter, _ item: ItemRedline) {
        html.raw("<section class=\"item ")
        html.text(item.status.rawValue)
        html.raw("\" id=\"")
        html.text(item.key.rawValue)
        html.raw("\">\n")
        // Read once: an unchanged item prints its text each time it is asked.
        let all = item.paragraphs
        var paragraphs = all[...]
        if item.key.kind == "clause", let first = paragraphs.first {
            html.raw("<h2>")
            if let number = item.number {
                html.number(number)
                html.raw(". ")
            }
            writeTokens(&html, first.tokens)
            html.raw("</h2>\n")
            paragraphs.removeFirst()
        }
        if item.key.kind == "clause", !paragraphs.isEmpty {
            html.raw("<ol class=\"paragraphs\">\n")
            for paragraph in paragraphs {
                html.raw("<li>")
                if let label = paragraph.label {
                    html.element("<span class=\"number\">", label, "</span> ")
                }
                writeTokens(&html, paragraph.tokens)
                html.raw("</li>\n")
            }
            html.raw("</ol>\n")
        } else {
            for paragraph in paragraphs {
                html.raw("<p>")
                writeTokens(&html, paragraph.tokens)
                html.raw("</p>\n")
            }
        }
        if all.isEmpty {
            html.element("<p class=\"empty\">", item.title, "</p>\n")
        }
        html.raw("</section>\n")
    }

    private static func writeTable(_ html: inout HTMLWriter, _ items: [ItemRedline], kind: String) {
        html.raw(kind == "measure" ? "<h2>Annex III — measures</h2>\n" : "<h2>Annex IV — subprocessors</h2>\n")
        html.raw("<table>\n<tbody>\n")
        for item in items {
            html.raw("<tr class=\"")
            html.text(item.status.rawValue)
            html.raw("\" id=\"")
            html.text(item.key.rawValue)
            html.raw("\">")
            for cell in split(item.tokens) {
                html.raw("<td>")
                writeTokens(&html, cell)
                html.raw("</td>")
            }
            html.raw("</tr>\n")
        }
        html.raw("</tbody>\n</table>\n")
    }

    /// Tokens cut at paragraph breaks; a break that was itself inserted or deleted still separates.
    static func split(_ tokens: [WordDiff.Token]) -> [[WordDiff.Token]] {
        var result: [[WordDiff.Token]] = [[]]
        for token in tokens {
            if token.isBreak {
                result.append([])
            } else {
                result[result.count - 1].append(token)
            }
        }
        return result.count == 1 && result[0].isEmpty ? [] : result
    }

    private static func writeTokens(_ html: inout HTMLWriter, _ tokens: [WordDiff.Token]) {
        var index = 0
        while index < tokens.count {
            let change = tokens[index].change
            if index > 0 { html.raw(" ") }
            switch change {
            case .same: break
            case .deleted: html.raw("<del>")
            case .inserted: html.raw("<ins>")
            }
            var first = true
            while index < tokens.count, tokens[index].change == change {
                if !first { html.raw(" ") }
                html.text(tokens[index].word)
                first = false
                index += 1
            }
            switch change {
            case .same: break
            case .deleted: html.raw("</del>")
            case .inserted: html.raw("</ins>")
            }
        }
    }

    static let style = """
        html { font: 11pt/1.5 "DejaVu Serif", Georgia, serif; color: #111; }
        body { margin: 0 auto; max-width: 52rem; padding: 1rem; }
        h1, h2 { font-family: "DejaVu Sans", Arial, sans-serif; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
        ins { background: #dfd; color: #050; text-decoration: underline; }
        del { background: #fdd; color: #900; text-decoration: line-through; }
        .item.same { color: #333; }
        .item.added { border-left: 4px solid #3a3; padding-left: 0.6em; }
        .item.removed { border-left: 4px solid #c33; padding-left: 0.6em; }
        .item.changed { border-left: 4px solid #d90; padding-left: 0.6em; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        td { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top; }
        tr.added { background: #efe; } tr.removed { background: #fee; }
        .summary li.renumbered { color: #555; font-style: italic; }
        ol.paragraphs { list-style: none; padding: 0; margin: 0; }
        ol.paragraphs > li { margin: 0 0 0.45em; padding-left: 3em; }
        ol.paragraphs > li > .number { display: inline-block; min-width: 3em; margin-left: -3em; }
        @media (max-width: 40rem) { table { display: block; overflow-x: auto; } }

        """
}
