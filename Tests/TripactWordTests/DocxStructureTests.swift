import Foundation
import Testing
import TripactCore
import TripactTestSupport
import TripactWord

/// Word prints the same parts and allocation table as the HTML agreement (issue 16, item 2), and a returned file
/// with that table reads back as no change.
@Suite struct DocxStructureTests {
    static let document = Fixtures.withAllThreeRoles()
    static let facts = AgreementFacts(document: document, library: Fixtures.library)

    @Test func wordPrintsEachPartOnceInOrderAndTheAllocationAsATable() throws {
        let data = try DocxExporter.export(Self.facts, context: RenderContext(version: 2))
        let docx = try DocxFile(data)
        #expect(docx.malformedParts.isEmpty, "\(docx.malformedParts)")
        let body = docx.xml("word/document.xml")
        let headings = Self.facts.printedParts.map(\.heading)
        #expect(headings.count == 5)
        #expect(body.contains(">Part 3 — Joint controllers (Art. 26)</w:t>") && body.contains(">Part 4 — Data shared between controllers</w:t>"))
        let places = (1...5).map { body.range(of: ">Part \($0) — ") }
        #expect(places.allSatisfy { $0 != nil } && places.allSatisfy { place in body.components(separatedBy: ">Part ").count - 1 == 5 }, "\(headings)")
        let positions = places.compactMap { $0?.lowerBound }
        #expect(positions == positions.sorted())
        #expect(body.contains(">Data Processing, Joint Controller and Data Sharing Agreement for the Lumen"))
        // The allocation: a table whose header row repeats, with the values as the clause prints them.
        let joint = try #require(body.range(of: "w:name=\"clause_\(Self.facts.number(of: "joint-controllership")!)\""))
        let table = try #require(body.range(of: "<w:tbl>", range: joint.upperBound..<body.endIndex))
        let tableEnd = try #require(body.range(of: "</w:tbl>", range: table.upperBound..<body.endIndex))
        let xml = String(body[table.lowerBound..<tableEnd.upperBound])
        #expect(xml.contains("<w:tblHeader/>") && xml.contains("Party responsible") && xml.contains("Hand-over and note"))
        #expect(xml.components(separatedBy: "<w:tr>").count - 1 == 17)
        let text = docx.paragraphs().resolved(accept: true).joined(separator: "\n")
        #expect(text.contains("Acting as the single contact point for Data Subjects for the Joint Purposes [Art. 26(1)]"))
    }

    @Test func aReturnedFileWithTheAllocationTableImportsAsNoChange() throws {
        let data = try DocxExporter.export(Self.facts, context: RenderContext(version: 2))
        let result = try DocxImporter.map(data, base: Self.facts, original: data)
        #expect(result.document == Self.document, "\(result.report)")
        #expect(result.unmapped.isEmpty && result.parameterChanges.isEmpty, "\(result.report)")
    }
}
