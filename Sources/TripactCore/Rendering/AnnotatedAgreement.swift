/// What a page adds to the printed agreement beside one item: a margin (its state, its links) and, for a clause, words
/// to print instead of its paragraphs (a redline). Both are markup the page wrote with its own escaping writer.
public struct ItemAnnotation: Sendable {
    public var margin: String
    /// For a clause only: printed in place of its numbered paragraphs.
    public var replacement: String?

    public init(margin: String, replacement: String? = nil) {
        self.margin = margin
        self.replacement = replacement
    }
}

/// The one place the printed wording is written, with a hook: the agreement page shows the clauses and annexes exactly
/// as the export prints them, with each item's margin beside it, instead of a second renderer that would drift.
extension AgreementRenderer {
    /// The annexes' titles and anchors, for a page's own table of contents.
    public static var annexTitles: [(anchor: String, title: String)] { AnnexRenderer.titles }

    /// The annex an item is printed in (an index into `annexTitles`), or nil for a clause.
    public static func annexIndex(of key: ItemKey) -> Int? {
        switch key.kind {
        case "party": 0
        case "annex2": 1
        case "measure", "annex3": 2
        case "subprocessor": 3
        case "annex5": 4
        case "agreement": 5
        default: nil
        }
    }

    /// The clauses and annexes as printed (no cover, contents or signatures: the page has its own), each item with
    /// its annotation; items without one are printed plain. Annex III and IV tables get a column for the margins.
    public static func annotatedBody(_ facts: AgreementFacts, annotations: [ItemKey: ItemAnnotation]) -> String {
        var html = HTMLWriter(capacity: 64 * 1024 + facts.included.count * 3_072 + facts.document.measures.count * 900)
        for item in facts.included { writeClause(&html, item, facts: facts, annotation: annotations[ItemKey(rawValue: "clause:\(item.clause.id.rawValue)")]) }
        AnnexRenderer.writeAnnexes(&html, facts: facts, annotations: annotations)
        return html.string
    }

    /// `<aside class="margin">…</aside>` for an annotated item.
    static func writeMargin(_ html: inout HTMLWriter, _ annotation: ItemAnnotation?) {
        guard let annotation else { return }
        html.raw("<aside class=\"margin\">")
        html.trusted(annotation.margin)
        html.raw("</aside>\n")
    }
}
