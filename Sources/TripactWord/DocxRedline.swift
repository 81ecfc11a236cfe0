public import Foundation
public import TripactCore

/// A comment to carry into a redline as a Word comment.
public struct RedlineComment: Sendable, Hashable {
    /// The item it is on; nil for the agreement as a whole.
    public var item: ItemKey?
    public var author: String
    /// ISO 8601.
    public var date: String
    public var body: String

    public init(item: ItemKey?, author: String, date: String, body: String) {
        self.item = item
        self.author = author
        self.date = date
        self.body = body
    }
}

/// Two versions of an agreement as one Word document with real tracked changes (`w:ins`, `w:del`, and inserted or
/// deleted paragraph marks), built from the Core word diff over each item's printed text, so that accepting every
/// change gives the newer version's text and rejecting every change the older's.
public enum DocxRedline {
    public struct Versions: Sendable {
        public var reference: String
        public var old: AgreementFacts
        public var oldVersion: Int
        public var new: AgreementFacts
        public var newVersion: Int
        public var newContentHash: String
        /// The proposing organisation, and the newer version's time (ISO 8601): each change's author and date.
        public var author: String
        public var date: String

        public init(reference: String, old: AgreementFacts, oldVersion: Int, new: AgreementFacts, newVersion: Int, newContentHash: String, author: String, date: String) {
            self.reference = reference
            self.old = old
            self.oldVersion = oldVersion
            self.new = new
            self.newVersion = newVersion
            self.newContentHash = newContentHash
            self.author = author
            self.date = date
        }
    }

    /// Each item's paragraphs in both versions, in the newer version's order, an item only the older has placed after
    /// the item it followed there.
    public static func itemTexts(_ versions: Versions) -> [(key: ItemKey, old: [String], new: [String])] {
        let oldItems = AgreementItems.items(of: versions.old.document).map(\.key)
        let newItems = AgreementItems.items(of: versions.new.document).map(\.key)
        let oldTexts = versions.old.itemTexts()
        let newTexts = versions.new.itemTexts()
        var order = newItems.filter { newTexts[$0] != nil }
        var placed = Set(order)
        var previous: ItemKey?
        for key in oldItems where oldTexts[key] != nil {
            if !placed.contains(key) {
                let at = previous.flatMap { order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
                order.insert(key, at: at)
                placed.insert(key)
            }
            previous = key
        }
        // An item that prints nothing in either version (an empty list) has no paragraph to carry.
        return order.map { ($0, oldTexts[$0] ?? [], newTexts[$0] ?? []) }.filter { !$0.1.isEmpty || !$0.2.isEmpty }
    }

    public static func redline(_ versions: Versions, comments: [RedlineComment] = []) throws(WordExportError) -> Data {
        let date = wordDate(versions.date)
        var xml = WordXMLWriter(capacity: 128 * 1024)
        xml.raw(WordNamespaces.declaration + "<w:document \(WordNamespaces.wordRoot)><w:body>")
        xml.paragraph("Redline: version \(versions.oldVersion) to version \(versions.newVersion) of \(versions.new.document.title)", style: "Title")
        xml.paragraph(
            "Changes proposed by \(versions.author) in version \(versions.newVersion), tracked against version \(versions.oldVersion). Accepting every change gives version \(versions.newVersion); rejecting every change gives version \(versions.oldVersion).",
            style: "Articles"
        )
        var byItem: [ItemKey?: [(id: Int, comment: RedlineComment)]] = [:]
        for (index, comment) in comments.enumerated() { byItem[comment.item, default: []].append((index, comment)) }
        let items = itemTexts(versions)
        let known = Set(items.map(\.key))
        // Comments on no item, or on an item neither version prints, go on the first item, so none is dropped.
        let unplaced = byItem.filter { $0.key == nil || !known.contains($0.key!) }.flatMap { $0.value }.sorted { $0.id < $1.id }
        var change = TrackedChangeWriter(author: versions.author, date: date)
        for (index, item) in items.enumerated() {
            let attached = (byItem[item.key] ?? []) + (index == 0 ? unplaced : [])
            change.writeItem(&xml, tokens: WordDiff.diff(old: item.old, new: item.new), inOld: !item.old.isEmpty, inNew: !item.new.isEmpty, comments: attached.map(\.id))
        }
        xml.raw(DocxParts.sectionProperties(landscape: false))
        xml.raw("</w:body></w:document>")
        var commentsXML = WordXMLWriter()
        commentsXML.raw(WordNamespaces.declaration + "<w:comments \(WordNamespaces.wordRoot)>")
        for (index, comment) in comments.enumerated() {
            commentsXML.raw("<w:comment w:id=\"\(index)\" w:author=\"")
            commentsXML.text(comment.author)
            commentsXML.raw("\" w:date=\"")
            commentsXML.text(wordDate(comment.date))
            commentsXML.raw("\" w:initials=\"")
            commentsXML.text(String(comment.author.split(separator: " ").compactMap(\.first).prefix(3)))
            commentsXML.raw("\"><w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>")
            commentsXML.run(comment.body)
            commentsXML.raw("</w:p></w:comment>")
        }
        commentsXML.raw("</w:comments>")
        for refused in [xml.refused, commentsXML.refused] { if let refused { throw .unwritableCharacter(in: refused) } }
        let identity = DocxIdentity(
            reference: versions.reference, title: versions.new.document.title, version: versions.newVersion, contentHash: versions.newContentHash,
            statusLabel: "REDLINE v\(versions.oldVersion) \u{2192} v\(versions.newVersion)", watermark: false, headerPrefix: "Redline of "
        )
        return try DocxParts.package(identity: identity, body: xml.output, comments: comments.isEmpty ? nil : commentsXML.output)
    }

    /// An ISO 8601 time as Word writes `w:date`: whole seconds, UTC ("2026-11-30T09:14:00Z").
    static func wordDate(_ iso: String) -> String {
        guard let dot = iso.firstIndex(of: "."), iso.hasSuffix("Z") else { return iso }
        return String(iso[..<dot]) + "Z"
    }
}
