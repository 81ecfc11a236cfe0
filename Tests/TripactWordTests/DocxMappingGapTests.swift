import Foundation
import Testing
import TripactCore
import TripactTestSupport
import TripactWord

/// What the first import left for the report and now maps: annex table cells to their rows, text parameters to their
/// new values; and the certificate of completion at the end of a signed version's DOCX.
@Suite struct DocxMappingGapTests {
    static let facts = DocxImportTests.facts

    /// Replaces the first `old` after `marker` in the document's XML.
    static func replace(_ xml: inout String, after marker: String, _ old: String, with new: String) throws {
        let start = try #require(xml.range(of: marker), "\(marker)")
        let found = try #require(xml.range(of: old, range: start.upperBound..<xml.endIndex), "\(old) after \(marker)")
        xml.replaceSubrange(found, with: new)
    }

    static func table(_ annex: PrintedAnnex, _ first: String) throws -> PrintedTable {
        let tables = annex.blocks.compactMap { block -> PrintedTable? in if case .table(let table) = block, table.header?.first == first { table } else { nil } }
        return try #require(tables.first)
    }

    @Test func changedAnnexCellsBecomeRowEditsAndAnUnmappableCellIsReported() throws {
        let original = try DocxImportTests.exported()
        let annexes = Self.facts.printedAnnexes()
        let measureRow = try Self.table(annexes[2], "No.").rows[0]
        let subprocessors = try Self.table(annexes[3], "Subprocessor").rows
        // A subprocessor whose service cell prints its service alone (no back-up or onward line).
        let index = try #require(Self.facts.document.subprocessors.indices.first { subprocessors[$0][2] == Self.facts.document.subprocessors[$0].service })
        let addressLine = try #require(subprocessors[0][1].split(separator: "\n").first).description
        let returned = try DocxImportTests.rewritten(original) { parts in
            var xml = String(decoding: parts["word/document.xml"]!, as: UTF8.self)
            try? Self.replace(&xml, after: ">" + DocxImportTests.escaped(annexes[2].title) + "<", ">" + DocxImportTests.escaped(measureRow[2]) + "<", with: ">Backups are encrypted and tested every month.<")
            try? Self.replace(&xml, after: ">" + DocxImportTests.escaped(annexes[3].title) + "<", ">" + DocxImportTests.escaped(subprocessors[index][2]) + "<", with: ">Inbound calls in English only<")
            try? Self.replace(&xml, after: ">" + DocxImportTests.escaped(annexes[3].title) + "<", ">" + DocxImportTests.escaped(addressLine) + "<", with: ">1 Other Street<")
            parts["word/document.xml"] = Data(xml.utf8)
        }
        let result = try DocxImporter.map(returned, base: Self.facts, original: original)
        let measureIndex = try #require(Self.facts.document.measures.firstIndex { ($0.title ?? Fixtures.library.measure($0.id)?.title) == measureRow[1] })
        #expect(result.document.measures[measureIndex].description == "Backups are encrypted and tested every month.", "\(result.report)")
        #expect(result.document.subprocessors[index].service == "Inbound calls in English only", "\(result.report)")
        let sub = Self.facts.document.subprocessors[index]
        #expect(result.rowEdits.map(\.item) == [ItemKey(rawValue: "measure:\(Self.facts.document.measures[measureIndex].id)"), ItemKey(rawValue: "subprocessor:\(sub.id)")])
        #expect(result.rowEdits.map(\.field) == ["What is done", "Service"])
        #expect(result.rowEdits.last?.row == sub.name)
        // The address is not carried into the row (it is written from the address and country together): it is listed.
        // The cell once, with its place, its new text and its old one.
        #expect(result.unmapped.count == 1 && result.unmapped[0].text == "1 Other Street" && result.unmapped[0].was?.contains(addressLine) == true, "\(result.report)")
        #expect(result.unmapped.allSatisfy { $0.place.contains("Annex IV") && $0.place.contains("table row 2, cell 2") }, "\(result.report)")
        #expect(result.report.contains("1 Other Street (was: \(addressLine)"), "\(result.report)")
        #expect(result.report.contains("Annex IV, \(sub.name), Service: \(sub.service) → Inbound calls in English only"), "\(result.report)")
    }

    @Test func aTextParameterTypedOverBecomesItsNewValue() throws {
        let original = try DocxImportTests.exported()
        let law = try DocxImportTests.item("governing-law")
        guard case .string(let old) = try #require(law.parameters["law"]) else { Issue.record("law is text"); return }
        let returned = try DocxImportTests.rewritten(original) { parts in
            var xml = String(decoding: parts["word/document.xml"]!, as: UTF8.self)
            try? DocxImportTests.replace(&xml, inClause: law.number, DocxImportTests.escaped(old), with: "Belgian law")
            parts["word/document.xml"] = Data(xml.utf8)
        }
        let result = try DocxImporter.map(returned, base: Self.facts, original: original)
        #expect(result.document.clauses[law.selectionIndex].parameters["law"] == .string("Belgian law"), "\(result.report)")
        #expect(result.document.clauses[law.selectionIndex].ownWording == nil)
        #expect(result.parameterChanges == [.init(clause: law.clause.id, parameter: "law", old: old, new: "Belgian law")])
        #expect(result.unmapped.isEmpty && result.ownWordings.isEmpty, "\(result.report)")
    }

    @Test func aSignedVersionsDocxEndsWithTheCertificateOfCompletion() throws {
        let signatures: [PartyRole: SignatureRecord] = [
            .controller: SignatureRecord(name: "Claire Dubois", position: "DPO", signedAt: "2026-11-30T09:14:00Z", email: "claire@lumen.example", contentHash: "ab12cd", address: "192.0.2.7", chainHead: "feed01"),
            .processor: SignatureRecord(name: "Paul Martin", position: "CEO", signedAt: "2026-11-30T10:00:00Z", email: "paul@atlantis.example", contentHash: "ab12cd", address: nil, chainHead: "feed02"),
        ]
        let signed = try DocxExporter.export(Self.facts, context: RenderContext(version: 3, status: .signed, signatures: signatures, certificate: true))
        let xml = try DocxFile(signed).xml("word/document.xml")
        let certificate = try #require(xml.range(of: "Certificate of completion"))
        let tail = String(xml[certificate.lowerBound...])
        for fact in ["claire@lumen.example", "sha256:ab12cd", "192.0.2.7", "feed01", "feed02", "not recorded", "signed version 3 as printed in this file", "No version was made by the agreement"] {
            #expect(tail.contains(fact), "\(fact)")
        }
        // The certificate is the last section: after the signatures.
        #expect(xml.range(of: ">Signatures<")!.lowerBound < certificate.lowerBound)
        let unsigned = try DocxFile(DocxImportTests.exported()).xml("word/document.xml")
        #expect(!unsigned.contains("Certificate of completion"))
    }
}
