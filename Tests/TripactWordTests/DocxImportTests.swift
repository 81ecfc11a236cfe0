import Foundation
import Testing
import TripactCore
import TripactTestSupport
import TripactWord
import ZIPFoundation

/// A returned DOCX, edited as a counterparty would, maps back onto the version it was exported from.
@Suite struct DocxImportTests {
    static let document = Fixtures.example("full-scenario.json")
    static let facts = AgreementFacts(document: document, library: Fixtures.library)
    static func exported() throws -> Data { try DocxExporter.export(facts, context: RenderContext(version: 3)) }

    /// The DOCX with its parts replaced (and added), zipped again by ZIPFoundation.
    static func rewritten(_ data: Data, _ change: (inout [String: Data]) -> Void) throws -> Data {
        var parts = try DocxFile(data).parts
        change(&parts)
        let archive = try Archive(accessMode: .create)
        for (name, bytes) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        return try #require(archive.data)
    }

    /// Replaces the first `old` after clause `number`'s heading bookmark.
    static func replace(_ xml: inout String, inClause number: Int, _ old: String, with new: String) throws {
        let heading = try #require(xml.range(of: "w:name=\"clause_\(number)\""))
        let found = try #require(xml.range(of: old, range: heading.upperBound..<xml.endIndex), "\(old) in clause \(number)")
        xml.replaceSubrange(found, with: new)
    }

    static func item(_ id: String) throws -> AgreementFacts.IncludedClause { try #require(facts.included.first { $0.clause.id.rawValue == id }) }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
    }

    @Test func anUntouchedExportImportsAsNoChange() throws {
        let data = try Self.exported()
        let result = try DocxImporter.map(data, base: Self.facts, original: data)
        #expect(result.document == Self.document)
        #expect(result.unmapped.isEmpty && result.comments.isEmpty && result.parameterChanges.isEmpty, "\(result.report)")
        #expect(result.identity.version == 3 && result.identity.reference == Self.document.id)
    }

    @Test func valueWordingInsertionCommentAndAStrayNoteEachGoWhereTheyBelong() throws {
        let original = try Self.exported()
        let breach = try Self.item("breach-notification")
        let hours = try #require(breach.parameters["hours"])
        let hoursSpec = try #require(breach.clause.parameter("hours"))
        // Clauses with a first paragraph free of values, for the reworded sentence and the tracked insertion.
        let plainClauses = Self.facts.included.filter { item in
            item.clause.id != breach.clause.id && Self.facts.printedParagraphs(of: item).first.map { $0.lines[0].count == 1 && !$0.isList } == true
        }
        try #require(plainClauses.count >= 2)
        let reworded = plainClauses[0], inserted = plainClauses[1]
        let rewordedFirst = Self.facts.plainParagraphs(of: reworded)[0]
        let insertedFirst = Self.facts.plainParagraphs(of: inserted)[0]
        let returned = try Self.rewritten(original) { parts in
            var xml = String(decoding: parts["word/document.xml"]!, as: UTF8.self)
            // 1. A parameter's printed value, typed over directly.
            try? Self.replace(&xml, inClause: breach.number, ">\(hoursSpec.rendered(hours))<", with: ">24 hours<")
            // 2. A clause's first sentence replaced.
            try? Self.replace(&xml, inClause: reworded.number, Self.escaped(rewordedFirst), with: "The parties agree on words of their own here.")
            // 3. A tracked insertion and a tracked deletion, by another author, with a comment around it.
            let tracked = "</w:t></w:r><w:ins w:id=\"901\" w:author=\"Outside Counsel\" w:date=\"2026-11-30T10:00:00Z\"><w:r><w:t xml:space=\"preserve\"> Both parties keep a copy.</w:t></w:r></w:ins>"
                + "<w:del w:id=\"902\" w:author=\"Outside Counsel\" w:date=\"2026-11-30T10:00:00Z\"><w:r><w:delText>Struck words.</w:delText></w:r></w:del><w:commentRangeStart w:id=\"0\"/><w:r><w:t>"
            try? Self.replace(&xml, inClause: inserted.number, Self.escaped(insertedFirst) + "</w:t></w:r>", with: Self.escaped(insertedFirst) + tracked + "</w:t></w:r>")
            // 4. A note typed after the signatures, which belongs to no clause.
            let end = xml.range(of: "<w:sectPr", options: .backwards)!
            xml.insert(contentsOf: "<w:p><w:r><w:t>Please call us about this.</w:t></w:r></w:p>", at: end.lowerBound)
            parts["word/document.xml"] = Data(xml.utf8)
            parts["word/comments.xml"] = Data("""
                <?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
                <w:comment w:id="0" w:author="Outside Counsel"><w:p><w:r><w:t>Why a copy each?</w:t></w:r></w:p></w:comment></w:comments>
                """.utf8)
        }
        let result = try DocxImporter.map(returned, base: Self.facts, original: original)
        let document = result.document
        let after = AgreementFacts(document: document, library: Fixtures.library)

        #expect(document.clauses[breach.selectionIndex].parameters["hours"] == .integer(24), "\(result.report)")
        #expect(document.clauses[breach.selectionIndex].ownWording == nil)
        #expect(result.parameterChanges == [.init(clause: breach.clause.id, parameter: "hours", old: hoursSpec.rendered(hours), new: "24 hours")])

        let rewordedAfter = try #require(after.included.first { $0.clause.id == reworded.clause.id })
        #expect(after.plainParagraphs(of: rewordedAfter) == ["The parties agree on words of their own here."] + Self.facts.plainParagraphs(of: reworded).dropFirst())
        let insertedAfter = try #require(after.included.first { $0.clause.id == inserted.clause.id })
        #expect(after.plainParagraphs(of: insertedAfter)[0] == insertedFirst + " Both parties keep a copy.")
        #expect(!(document.clauses[inserted.selectionIndex].ownWording ?? "").contains("Struck words"))
        #expect(Set(result.ownWordings) == [reworded.clause.id, inserted.clause.id])

        #expect(result.comments == [.init(item: ItemKey(rawValue: "clause:\(inserted.clause.id)"), author: "Outside Counsel", text: "Why a copy each?")])
        #expect(result.unmapped.count == 1, "\(result.report)")
        #expect(result.unmapped.first?.text == "Please call us about this." && result.unmapped.first?.place.contains("Signatures") == true, "\(result.report)")
        #expect(result.report.contains("NOT IMPORTED"))
        // The mapped document is one the store would take: it still validates without errors.
        #expect(Validator.validate(document, library: Fixtures.library).filter { $0.severity == .error }.isEmpty)
    }

    /// Word splits runs mid-word, marks spelling, adds bookmarks and records formatting changes: none of it is an edit.
    @Test func runsSplitTheWayWordWritesThemAreNoChange() throws {
        let original = try Self.exported()
        let item = try #require(Self.facts.included.first { Self.facts.printedParagraphs(of: $0).first.map { $0.lines[0].count == 1 && !$0.isList } == true })
        let first = Self.facts.plainParagraphs(of: item)[0]
        let cut = first.index(first.startIndex, offsetBy: first.count / 2)
        let returned = try Self.rewritten(original) { parts in
            var xml = String(decoding: parts["word/document.xml"]!, as: UTF8.self)
            try? Self.replace(
                &xml, inClause: item.number, "<w:r><w:t xml:space=\"preserve\">" + Self.escaped(first) + "</w:t></w:r>",
                with: "<w:r><w:t xml:space=\"preserve\">" + Self.escaped(String(first[..<cut])) + "</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"77\" w:name=\"_GoBack\"/>"
                    + "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"5\" w:author=\"Outside Counsel\" w:date=\"2026-11-30T10:00:00Z\"><w:rPr/></w:rPrChange></w:rPr><w:t xml:space=\"preserve\">"
                    + Self.escaped(String(first[cut...])) + "</w:t></w:r><w:proofErr w:type=\"spellEnd\"/><w:bookmarkEnd w:id=\"77\"/>"
            )
            parts["word/document.xml"] = Data(xml.utf8)
        }
        #expect(returned != original)
        let result = try DocxImporter.map(returned, base: Self.facts, original: original)
        #expect(result.document == Self.document)
        #expect(result.unmapped.isEmpty && result.ownWordings.isEmpty, "\(result.report)")
    }

    @Test func aValueOutsideItsBoundsIsReportedNotApplied() throws {
        let original = try Self.exported()
        let breach = try Self.item("breach-notification")
        let spec = try #require(breach.clause.parameter("hours"))
        let returned = try Self.rewritten(original) { parts in
            var xml = String(decoding: parts["word/document.xml"]!, as: UTF8.self)
            try? Self.replace(&xml, inClause: breach.number, ">\(spec.rendered(breach.parameters["hours"]!))<", with: ">100 hours<")
            parts["word/document.xml"] = Data(xml.utf8)
        }
        let result = try DocxImporter.map(returned, base: Self.facts, original: original)
        #expect(result.document == Self.document)
        #expect(result.unmapped.count == 1 && result.unmapped[0].reason.contains("above its maximum"), "\(result.report)")
    }

    @Test func aForeignOrDamagedFileIsRefusedSayingWhatIsWrong() throws {
        let original = try Self.exported()
        #expect(throws: DocxImportError.self) { try DocxImporter.identify(Data("not a zip".utf8)) }
        do {
            _ = try DocxImporter.identify(Data("not a zip".utf8))
        } catch {
            #expect(error.description.contains("damaged") && error.description.contains("ZIP"))
        }
        let foreign = try Self.rewritten(original) { $0["docProps/custom.xml"] = nil }
        #expect(throws: DocxImportError.notTripact("it has no docProps/custom.xml with Tripact's properties")) { try DocxImporter.identify(foreign) }
        // Cut short, as a failed download or copy leaves it.
        let broken = try Self.rewritten(original) { $0["word/document.xml"] = $0["word/document.xml"]!.prefix(2_000) }
        do {
            _ = try DocxImporter.map(broken, base: Self.facts, original: original)
            Issue.record("a damaged document.xml was read")
        } catch {
            #expect(error.description.contains("the DOCX is damaged: word/document.xml"), "\(error)")
        }
    }
}
