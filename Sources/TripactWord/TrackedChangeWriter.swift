import TripactCore

/// Writes a word diff as Word paragraphs with tracked changes.
///
/// A break token is the mark that ends a paragraph: a deleted break is a deleted paragraph mark (accepting joins the
/// paragraphs), an inserted one an inserted mark. Spaces between words are written so that each side reads with
/// single spaces: a space that only the newer text needs is itself inserted, one only the older needs is deleted.
struct TrackedChangeWriter {
    let author: String
    let date: String
    /// Revision ids are unique across the document.
    private var nextID = 1000

    init(author: String, date: String) {
        self.author = author
        self.date = date
    }

    private enum Side { case both, old, new }

    /// One item: its paragraphs, the first as a Heading 2; `comments` (ids in comments.xml) span its first paragraph.
    mutating func writeItem(_ xml: inout WordXMLWriter, tokens: [WordDiff.Token], inOld: Bool, inNew: Bool, comments: [Int]) {
        var oldHas = false
        var newHas = false
        var isFirst = true
        // The paragraph's runs, held until its end: its properties (the mark's change) come first but are known last.
        var paragraph = WordXMLWriter(capacity: 1_024)
        for token in tokens {
            if token.isBreak {
                closeParagraph(&xml, &paragraph, mark: token.change, isFirst: isFirst, comments: comments)
                isFirst = false
                switch token.change {
                case .same: (oldHas, newHas) = (false, false)
                case .deleted: oldHas = false
                case .inserted: newHas = false
                }
                continue
            }
            switch token.change {
            case .same:
                if oldHas && newHas { paragraph.run(" ") } else if newHas { write(&paragraph, " ", .new) } else if oldHas { write(&paragraph, " ", .old) }
                paragraph.run(token.word)
                (oldHas, newHas) = (true, true)
            case .deleted:
                write(&paragraph, (oldHas ? " " : "") + token.word, .old)
                oldHas = true
            case .inserted:
                write(&paragraph, (newHas ? " " : "") + token.word, .new)
                newHas = true
            }
        }
        // The item's last mark: an item only one version has disappears entirely on the other side.
        closeParagraph(&xml, &paragraph, mark: inOld && inNew ? .same : inNew ? .inserted : .deleted, isFirst: isFirst, comments: comments)
    }

    private mutating func closeParagraph(_ xml: inout WordXMLWriter, _ paragraph: inout WordXMLWriter, mark: WordDiff.Token.Change, isFirst: Bool, comments: [Int]) {
        xml.raw("<w:p><w:pPr>")
        if isFirst { xml.raw("<w:pStyle w:val=\"Heading2\"/>") }
        switch mark {
        case .same: break
        case .inserted: xml.raw("<w:rPr>\(revision("w:ins"))</w:rPr>")
        case .deleted: xml.raw("<w:rPr>\(revision("w:del"))</w:rPr>")
        }
        xml.raw("</w:pPr>")
        if isFirst { for id in comments { xml.raw("<w:commentRangeStart w:id=\"\(id)\"/>") } }
        xml.append(paragraph)
        if isFirst {
            for id in comments {
                xml.raw("<w:commentRangeEnd w:id=\"\(id)\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"\(id)\"/></w:r>")
            }
        }
        xml.raw("</w:p>")
        paragraph = WordXMLWriter(capacity: 1_024)
    }

    private mutating func revision(_ tag: String) -> String {
        nextID += 1
        var attributes = WordXMLWriter()
        attributes.text(author)
        return "<\(tag) w:id=\"\(nextID)\" w:author=\"\(attributes.output)\" w:date=\"\(date)\"/>"
    }

    private mutating func write(_ xml: inout WordXMLWriter, _ text: String, _ side: Side) {
        nextID += 1
        let tag = side == .new ? "w:ins" : "w:del"
        xml.raw("<\(tag) w:id=\"\(nextID)\" w:author=\"")
        xml.text(author)
        xml.raw("\" w:date=\"")
        xml.text(date)
        xml.raw("\"><w:r>")
        xml.writeText(text, tag: side == .new ? "w:t" : "w:delText")
        xml.raw("</w:r></\(tag)>")
    }
}
