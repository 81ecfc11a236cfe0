import Foundation
import Testing
import TripactCore
import TripactTestSupport
import TripactWord

@Suite struct DocxRedlineTests {
    static func versions(_ old: AgreementDocument, _ new: AgreementDocument) -> DocxRedline.Versions {
        DocxRedline.Versions(
            reference: new.id, old: AgreementFacts(document: old, library: Fixtures.library), oldVersion: 1,
            new: AgreementFacts(document: new, library: Fixtures.library), newVersion: 2, newContentHash: DocumentCodec.contentHash(new),
            author: "Atlantis <Relation> & Client", date: "2026-11-30T10:11:12.345Z"
        )
    }

    /// The printed text of one side, paragraph by paragraph, in the redline's item order.
    static func expected(_ versions: DocxRedline.Versions, new: Bool) -> [String] {
        normalised(DocxRedline.itemTexts(versions).flatMap { new ? $0.new : $0.old })
    }

    /// Accept-all and reject-all, applied to document.xml, against each version's own text.
    static func checkRoundTrip(_ old: AgreementDocument, _ new: AgreementDocument, comments: [RedlineComment] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let versions = Self.versions(old, new)
        let docx = try DocxFile(DocxRedline.redline(versions, comments: comments))
        #expect(docx.malformedParts.isEmpty, "\(docx.malformedParts)", sourceLocation: sourceLocation)
        let body = docx.paragraphs().filter { $0.style != "Title" && $0.style != "Articles" }
        #expect(normalised(body.resolved(accept: true)) == expected(versions, new: true), "accept all", sourceLocation: sourceLocation)
        #expect(normalised(body.resolved(accept: false)) == expected(versions, new: false), "reject all", sourceLocation: sourceLocation)
        // And each side's text is the version's own printed text, item by item.
        let newTexts = versions.new.itemTexts()
        #expect(Set(newTexts.values.flatMap { normalised($0) }).isSubset(of: Set(normalised(body.resolved(accept: true)))), sourceLocation: sourceLocation)
    }

    @Test func acceptAllGivesTheNewerVersionAndRejectAllTheOlderOverTheExamples() throws {
        let minimal = Fixtures.example("minimal.json")
        let full = Fixtures.example("full-scenario.json")
        try Self.checkRoundTrip(minimal, full)
        try Self.checkRoundTrip(full, minimal)
        try Self.checkRoundTrip(full, full)
    }

    @Test func generatedPairsRoundTrip() throws {
        let base = Fixtures.document()
        let changes: [(String, (inout AgreementDocument) -> Void)] = [
            ("a party renamed", { $0.parties.processor.name = "Atlantis Relation Client SAS" }),
            ("a subprocessor added", { $0.subprocessors.append(Fixtures.subprocessor()) }),
            ("a clause dropped", { $0.clauses.removeLast() }),
            ("a clause dropped and one moved", { document in
                let first = document.clauses.removeFirst()
                document.clauses.removeLast()
                document.clauses.append(first)
            }),
            ("measures removed", { document in
                let count = min(3, document.measures.count)
                document.measures.removeFirst(count)
            }),
            ("processing rewritten", { $0.processing.subjectMatter = "Support\nfor   broadband customers only"; $0.processing.retention = "" }),
        ]
        for (name, change) in changes {
            var changed = base
            change(&changed)
            try Self.checkRoundTrip(base, changed)
            try Self.checkRoundTrip(changed, base)
            _ = name
        }
        // Several changes at once, and a random walk of parameter-free edits.
        var many = base
        for (_, change) in changes { change(&many) }
        try Self.checkRoundTrip(base, many)
        try Self.checkRoundTrip(many, base)
    }

    @Test func changesCarryTheProposersNameAndTheVersionsTime() throws {
        let versions = Self.versions(Fixtures.document(), Fixtures.document { $0.parties.processor.name = "Atlantis Nouvelle SAS" })
        let body = try DocxFile(DocxRedline.redline(versions)).xml("word/document.xml")
        #expect(body.contains("<w:ins w:id="))
        #expect(body.contains("<w:del w:id="))
        #expect(body.contains("w:author=\"Atlantis &lt;Relation&gt; &amp; Client\" w:date=\"2026-11-30T10:11:12Z\""))
        #expect(body.contains("<w:delText xml:space=\"preserve\">"))
    }

    @Test func commentsBecomeWordCommentsOnTheirItems() throws {
        let old = Fixtures.document()
        let comments = [
            RedlineComment(item: "clause:audits", author: "Camille <Martin>", date: "2026-11-30T09:00:00.000Z", body: "Two audits a year, not one & no more."),
            RedlineComment(item: nil, author: "Jeanne Roux", date: "2026-11-30T09:01:00Z", body: "General remark"),
        ]
        let docx = try DocxFile(DocxRedline.redline(Self.versions(old, old), comments: comments))
        #expect(docx.malformedParts.isEmpty)
        let xml = docx.xml("word/comments.xml")
        #expect(xml.contains("w:author=\"Camille &lt;Martin&gt;\""))
        #expect(xml.contains("Two audits a year, not one &amp; no more."))
        #expect(xml.contains("General remark"))
        let body = docx.xml("word/document.xml")
        for id in 0..<2 {
            #expect(body.contains("<w:commentRangeStart w:id=\"\(id)\"/>") && body.contains("<w:commentRangeEnd w:id=\"\(id)\"/>") && body.contains("<w:commentReference w:id=\"\(id)\"/>"))
        }
        // The audits comment sits on the audits clause's title.
        let start = body.range(of: "<w:commentRangeStart w:id=\"0\"/>")!
        let end = body.range(of: "<w:commentRangeEnd w:id=\"0\"/>")!
        #expect(body[start.upperBound..<end.lowerBound].contains("Audits"))
        #expect(docx.xml("word/_rels/document.xml.rels").contains("comments.xml"))
        #expect(docx.xml("[Content_Types].xml").contains("comments+xml"))
        // Without comments there is no comments part.
        #expect(try DocxFile(DocxRedline.redline(Self.versions(old, old))).parts["word/comments.xml"] == nil)
    }
}
