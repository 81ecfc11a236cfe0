import TripactCore

/// The compare page as a lawyer reads a redline: either the changes only (one card per changed item: its name, what
/// changed in words, the changed words marked, and the reader's own playbook's verdict) or the whole document with the
/// changes marked in place. Both number the changes and link each to the previous and the next one, and a plain link
/// switches the view, so nothing needs JavaScript. Items, fields and values are named in words; keys stay in the URLs.
struct RedlineView {
    enum Mode: String {
        case changes, document
    }

    let reference: String
    let from: Int
    let to: Int
    let diff: AgreementDiff
    let mode: Mode
    /// Labels of the newer version, and of the older one for removed items.
    let newLabels: ItemLabels
    let oldLabels: ItemLabels

    /// The change number (1-based) of each changed item, in the order of the changes list.
    private var numbers: [ItemKey: Int] {
        var result: [ItemKey: Int] = [:]
        for (offset, change) in diff.changes.enumerated() { result[change.key] = offset + 1 }
        return result
    }

    func write(_ page: inout Page) {
        page.raw("<p><a href=\"\(SiteRoute.agreement.link(reference))\">Back to the agreement</a> · <a href=\"")
        page.text(SiteRoute.compareDocx.link(reference, query: ["from": String(from), "to": String(to)]))
        page.raw("\">Download this redline as Word (tracked changes)</a></p>")
        page.raw("<p class=\"sides\">Words taken out of version \(from) are <del>struck through</del>; words put in by version \(to) are <ins>underlined</ins>.</p>")
        page.raw("<nav class=\"views\" aria-label=\"Views of the redline\"><ul>")
        for (view, name) in [(Mode.changes, "Changes only"), (.document, "The whole document with changes marked")] {
            page.raw("<li><a href=\"")
            page.text(SiteRoute.compare.link(reference, query: ["from": String(from), "to": String(to), "view": view.rawValue]))
            page.raw(view == mode ? "\" aria-current=\"page\">" : "\">")
            page.text(name)
            page.raw("</a></li>")
        }
        page.raw("</ul></nav>")
        let count = diff.changes.count
        page.raw("<p class=\"count\">")
        if count == 0 {
            page.text(diff.renumbering.isEmpty ? "The two versions say the same." : "No item changed; only clause numbers moved.")
        } else {
            page.text(count == 1 ? "1 item changed." : "\(count) items changed.")
            page.raw(" <a href=\"#change-1\">Go to the first change</a>")
        }
        page.raw("</p>")
        switch mode {
        case .changes: writeChanges(&page)
        case .document: writeDocument(&page)
        }
        if !diff.renumbering.isEmpty {
            page.raw("<section aria-labelledby=\"renumbering\"><h2 id=\"renumbering\">Clause numbers</h2><ul>")
            for note in diff.renumbering {
                page.raw("<li>")
                let range = note.firstOld == note.lastOld
                    ? "Clause \(note.firstOld) becomes clause \(note.firstOld + note.shift)"
                    : "Clauses \(note.firstOld)–\(note.lastOld) become clauses \(note.firstOld + note.shift)–\(note.lastOld + note.shift)"
                page.text(range + ".")
                page.raw("</li>")
            }
            page.raw("</ul></section>")
        }
    }

    /// The changes only, counted, without the version links: the review page of a draft, which has no version number.
    /// `edited` are the items the side edited; the others listed read differently because of them (a variant that
    /// turns a condition on or off rewords other clauses), and the count says so, so that it agrees with the draft's.
    func writeChangeCards(_ page: inout Page, edited: Set<ItemKey>) {
        let count = diff.changes.count
        let following = diff.changes.filter { !edited.contains($0.key) }.count
        page.raw("<p class=\"count\">")
        if count == 0 {
            page.text("Your draft says the same as the head.")
        } else if following == 0 {
            page.text(count == 1 ? "1 item changed." : "\(count) items changed.")
        } else {
            page.text(
                "\(count) items changed: \(count - following) edited, and \(following) whose printed words follow from those edits "
                    + "(a condition or a clause number they depend on moved)."
            )
        }
        page.raw("</p>")
        writeChanges(&page)
    }

    // MARK: Changes only

    private func writeChanges(_ page: inout Page) {
        var redlines: [ItemKey: ItemRedline] = [:]
        for item in diff.redline { redlines[item.key] = item }
        for (offset, change) in diff.changes.enumerated() {
            let number = offset + 1
            page.raw("<section class=\"change \(change.kind.rawValue)\" id=\"change-\(number)\" aria-labelledby=\"change-\(number)-title\">")
            page.raw("<h2 id=\"change-\(number)-title\"><span class=\"number\">\(number).</span> ")
            writeTitle(&page, change.key, removed: change.kind == .removed)
            page.raw("</h2><p class=\"kind\">")
            page.text(Self.verb(change))
            page.raw("</p>")
            if !change.fields.isEmpty {
                page.raw("<ul class=\"fields\">")
                for field in change.fields { Self.writeField(&page, field) }
                page.raw("</ul>")
            }
            // A clause's printed words also move with its parameters and wording; a record without field changes
            // (a text the library prints) shows its words.
            if change.kind == .changed, change.key.kind == "clause" || change.fields.isEmpty, let redline = redlines[change.key],
                redline.tokens.contains(where: { $0.change != .same })
            {
                writeChangedParagraphs(&page, redline, dropTitle: change.key.kind == "clause")
            }
            if change.kind == .added || change.kind == .removed, let redline = redlines[change.key] {
                writeParagraphs(&page, redline, dropTitle: change.key.kind == "clause")
            }
            writeSteps(&page, number)
            page.raw("</section>")
        }
    }

    /// One field: "Label: <del>old</del> → <ins>new</ins>", "Label: added <ins>…</ins>", or the changed words.
    static func writeField(_ page: inout Page, _ field: FieldChange) {
        page.raw("<li><span class=\"label\">")
        page.text(field.label)
        page.raw("</span>: ")
        if let words = field.words {
            WordRedline.excerpts(&page, words)
        } else if field.old == nil, let new = field.new {
            page.raw("added <ins>")
            page.text(new)
            page.raw("</ins>")
        } else if field.new == nil, let old = field.old {
            page.raw("removed <del>")
            page.text(old)
            page.raw("</del>")
        } else {
            page.raw("<del>")
            page.text(field.old ?? "none")
            page.raw("</del> → <ins>")
            page.text(field.new ?? "none")
            page.raw("</ins>")
        }
        if let assessment = field.assessment {
            // The assessment names only the reader's own playbook (the diff was made for the reader's side).
            page.raw(" <span class=\"stance\">Your playbook: ")
            page.text(assessment.summary)
            page.raw("</span>")
        }
        page.raw("</li>")
    }

    // MARK: The whole document

    /// Annex III and Annex IV rows read best as tables; everything else as the agreement prints it.
    private static let tables: [String: (caption: String, columns: [String])] = [
        "measure": ("Annex III — measures", ["Measure", "Description", "Change"]),
        "subprocessor": (
            "Annex IV — subprocessors",
            ["Subprocessor", "Address", "Country", "Service", "Personal data", "Countries of processing", "Transfer mechanism", "Transfer impact assessment", "Change"]
        ),
    ]

    private func writeDocument(_ page: inout Page) {
        let numbers = self.numbers
        let items = diff.redline
        var index = 0
        while index < items.count {
            let item = items[index]
            if let table = Self.tables[item.key.kind] {
                var end = index
                while end < items.count, items[end].key.kind == item.key.kind { end += 1 }
                writeTable(&page, Array(items[index..<end]), caption: table.caption, columns: table.columns, numbers: numbers)
                index = end
                continue
            }
            let number = numbers[item.key]
            let id = number.map { "change-\($0)" } ?? "item-\(index + 1)"
            page.raw("<section class=\"item \(item.status.rawValue)\" id=\"\(id)\" aria-labelledby=\"\(id)-title\"><h2 id=\"\(id)-title\">")
            writeTitle(&page, item.key, removed: item.status == .removed)
            if item.status != .same { page.raw(" <span class=\"status\">(\(Self.status(item.status)))</span>") }
            page.raw("</h2>")
            writeParagraphs(&page, item, dropTitle: item.key.kind == "clause")
            if let number { writeSteps(&page, number) }
            page.raw("</section>")
            index += 1
        }
    }

    private func writeTable(_ page: inout Page, _ rows: [ItemRedline], caption: String, columns: [String], numbers: [ItemKey: Int]) {
        let id = rows.first?.key.kind ?? "rows"
        page.raw("<section aria-labelledby=\"\(id)-table\"><h2 id=\"\(id)-table\">")
        page.text(caption)
        // A table wider than the window scrolls inside its frame, which the keyboard reaches too.
        page.raw("</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"\(id)-table\"><table><thead><tr>")
        for column in columns {
            page.raw("<th scope=\"col\">")
            page.text(column)
            page.raw("</th>")
        }
        page.raw("</tr></thead><tbody>")
        for row in rows {
            let number = numbers[row.key]
            page.raw("<tr class=\"\(row.status.rawValue)\"\(if: number != nil, " id=\"change-\(number ?? 0)\"")>")
            let cells = WordRedline.paragraphs(row.tokens)
            for column in 0..<(columns.count - 1) {
                page.raw(column == 0 ? "<th scope=\"row\">" : "<td>")
                if column < cells.count { WordRedline.write(&page, cells[column]) }
                page.raw(column == 0 ? "</th>" : "</td>")
            }
            page.raw("<td>")
            if let number {
                page.text("\(Self.status(row.status)); change \(number)")
                writeSteps(&page, number)
            }
            page.raw("</td></tr>")
        }
        page.raw("</tbody></table></div></section>")
    }

    // MARK: Shared parts

    /// The item's name, linked to its page unless it is gone.
    private func writeTitle(_ page: inout Page, _ key: ItemKey, removed: Bool) {
        let label = removed ? oldLabels.label(key) : newLabels.label(key)
        guard !removed else { return page.text(label) }
        let href = ItemController.path(reference, key, back: "clause")
        page.raw("<a href=\"")
        page.text(href)
        page.raw("\">")
        page.text(label)
        page.raw("</a>")
    }

    /// An item's paragraphs with the changed words marked; a clause's first paragraph is its title, already the heading.
    /// A clause's paragraphs carry the numbers the newer version prints them with, as the export lays them out.
    private func writeParagraphs(_ page: inout Page, _ item: ItemRedline, dropTitle: Bool) {
        let paragraphs = Self.printed(item, dropTitle: dropTitle)
        let numbered = item.key.kind == "clause"
        guard !paragraphs.isEmpty else { return }
        if numbered { page.raw("<ol class=\"redline-paragraphs\">") }
        for paragraph in paragraphs { Self.writeParagraph(&page, paragraph, numbered: numbered) }
        if numbered { page.raw("</ol>") }
    }

    /// The paragraphs that changed, whole, numbered and with their words marked; a note where unchanged ones are left out.
    private func writeChangedParagraphs(_ page: inout Page, _ item: ItemRedline, dropTitle: Bool) {
        page.raw("<div class=\"words\">")
        var left = 0
        var open = false
        let numbered = item.key.kind == "clause"
        for paragraph in Self.printed(item, dropTitle: dropTitle) {
            guard paragraph.tokens.contains(where: { $0.change != .same }) else {
                left += 1
                continue
            }
            if left > 0 {
                if open { page.raw("</ol>") }
                open = false
                Self.writeLeftOut(&page, left)
            }
            left = 0
            if numbered, !open { page.raw("<ol class=\"redline-paragraphs\">") }
            open = numbered
            Self.writeParagraph(&page, paragraph, numbered: numbered)
        }
        if open { page.raw("</ol>") }
        if left > 0 { Self.writeLeftOut(&page, left) }
        page.raw("</div>")
    }

    /// An item's paragraphs that have words, without a clause's title when it reads as it did (it is the heading).
    private static func printed(_ item: ItemRedline, dropTitle: Bool) -> ArraySlice<RedlineParagraph> {
        var paragraphs = item.paragraphs.filter { !$0.tokens.isEmpty }[...]
        if dropTitle, let first = paragraphs.first, first.tokens.allSatisfy({ $0.change == .same }) { paragraphs.removeFirst() }
        return paragraphs
    }

    /// A clause's paragraph after its number, on the line of its first words, as the export prints it; one without a
    /// number (taken out, or the rest of a list or a table) lines up with the words of those that have one. Other
    /// items' paragraphs as plain paragraphs.
    private static func writeParagraph(_ page: inout Page, _ paragraph: RedlineParagraph, numbered: Bool) {
        page.raw(numbered ? "<li>" : "<p>")
        if let label = paragraph.label {
            page.raw("<span class=\"number\">")
            page.text(label)
            page.raw("</span> ")
        }
        WordRedline.write(&page, paragraph.tokens)
        page.raw(numbered ? "</li>" : "</p>")
    }

    private static func writeLeftOut(_ page: inout Page, _ count: Int) {
        page.raw("<p class=\"left-out\">")
        page.text(count == 1 ? "(1 unchanged paragraph)" : "(\(count) unchanged paragraphs)")
        page.raw("</p>")
    }

    /// "Previous change" and "Next change", where there is one.
    private func writeSteps(_ page: inout Page, _ number: Int) {
        page.raw("<p class=\"steps\">")
        if number > 1 { page.raw("<a href=\"#change-\(number - 1)\">Previous change</a>") }
        if number < diff.changes.count { page.raw("<a href=\"#change-\(number + 1)\">Next change</a>") }
        page.raw("</p>")
    }

    private static func verb(_ change: ItemChange) -> String {
        switch change.kind {
        case .added: "Added in this version."
        case .removed: "Removed in this version."
        case .changed: change.moved ? "Changed, and moved to another place in its list." : "Changed."
        case .moved: "Moved to another place in its list; its words did not change."
        }
    }

    private static func status(_ status: ItemRedline.Status) -> String {
        switch status {
        case .same: "unchanged"
        case .added: "added"
        case .removed: "removed"
        case .changed: "changed"
        }
    }
}
