import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TripactCore
import TripactTestSupport
import TripactWord

@Suite struct DocxExportTests {
    static func export(_ document: AgreementDocument = Fixtures.document(), context: RenderContext = RenderContext(version: 3)) throws -> DocxFile {
        try DocxFile(DocxExporter.export(AgreementFacts(document: document, library: Fixtures.library), context: context))
    }

    @Test func theContainerHasEveryPartWordNeedsAndEachIsWellFormed() throws {
        let docx = try Self.export()
        for part in [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml",
            "word/settings.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml", "docProps/custom.xml", "docProps/app.xml",
        ] {
            #expect(docx.parts[part] != nil, "\(part)")
        }
        #expect(docx.malformedParts.isEmpty, "\(docx.malformedParts)")
        #expect(docx.xml("[Content_Types].xml").contains("wordprocessingml.numbering+xml"))
    }

    @Test func clausesAreNumberedByWordsNumberingAndPrintTheirResolvedText() throws {
        let document = Fixtures.document()
        let facts = AgreementFacts(document: document, library: Fixtures.library)
        let docx = try Self.export(document)
        let body = docx.xml("word/document.xml")
        let numbering = docx.xml("word/numbering.xml")
        #expect(numbering.contains("<w:lvlText w:val=\"%1.\"/>") && numbering.contains("<w:lvlText w:val=\"%1.%2\"/>"))
        // One level-0 numbered Heading 1 per printed clause.
        let headings = body.components(separatedBy: "<w:pStyle w:val=\"Heading1\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>").count - 1
        #expect(headings == facts.included.count)
        #expect(body.contains("<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>"))
        // Each clause's words, placeholders filled, as the Core function prints them.
        let text = docx.paragraphs().resolved(accept: true).joined(separator: "\n")
        for item in facts.included {
            #expect(text.contains(item.clause.title))
            for paragraph in facts.plainParagraphs(of: item) { #expect(text.contains(paragraph), "\(item.clause.id): \(paragraph)") }
        }
        #expect(!text.contains("{{"), "no placeholder left unfilled in the fixture")
    }

    /// The parties' own wording and a rider are what the agreement says, so Word prints them, not the library's text.
    @Test func ownWordingAndARiderArePrintedInsteadOfTheLibrarysText() throws {
        let document = Fixtures.document {
            let index = Fixtures.selectionIndex("breach-notification", in: $0)
            $0.clauses[index].ownWording = "The Processor tells the Controller of a Personal Data Breach at once, and in any case within {{hours}}."
            $0.clauses[index].rider = "Both parties name a breach contact in Annex I."
        }
        let facts = AgreementFacts(document: document, library: Fixtures.library)
        let item = try #require(facts.included.first { $0.clause.id == "breach-notification" })
        let text = try Self.export(document).paragraphs().resolved(accept: true).joined(separator: "\n")
        let printed = facts.plainParagraphs(of: item)
        #expect(printed.count == 2 && printed[0].hasPrefix("The Processor tells the Controller of a Personal Data Breach at once"))
        #expect(!printed[0].contains("{{"))
        for paragraph in printed { #expect(text.contains(paragraph), "\(paragraph)") }
        let library = facts.plainParagraphs(of: facts.libraryWording(of: item))
        #expect(!text.contains(library[0]), "the library's first paragraph is still printed")
    }

    @Test func annexTablesRepeatTheirHeaderRowsAndAnnexIVIsLandscape() throws {
        let docx = try Self.export(Fixtures.document { $0.subprocessors = [Fixtures.subprocessor()] })
        let body = docx.xml("word/document.xml")
        #expect(body.contains("<w:tblStyle w:val=\"TableGrid\"/>"))
        #expect(body.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"))
        #expect(body.components(separatedBy: "w:orient=\"landscape\"").count - 1 == 1)
        // The landscape section holds Annex IV and nothing of Annex III or the signatures.
        let landscape = body.range(of: "w:orient=\"landscape\"")!
        let annexIV = body.range(of: "Annex IV — Subprocessors")!
        let previousSection = body.range(of: "</w:sectPr>", options: .backwards, range: body.startIndex..<annexIV.lowerBound)!
        #expect(previousSection.upperBound < annexIV.lowerBound && annexIV.upperBound < landscape.lowerBound)
        #expect(body.range(of: "Each party signs this agreement in writing")!.lowerBound > landscape.upperBound)
        #expect(body.contains("Cloud CRM Ltd") && body.contains("Hosted CRM"))
        #expect(docx.xml("word/styles.xml").contains("w:styleId=\"TableGrid\""))
    }

    @Test func headerAndFooterCarryReferenceVersionHashAndPageFields() throws {
        let document = Fixtures.document()
        let docx = try Self.export(document, context: RenderContext(version: 7))
        let header = docx.xml("word/header1.xml")
        let footer = docx.xml("word/footer1.xml")
        let hash = DocumentCodec.contentHash(document)
        #expect(header.contains("lumen-atlantis-dpa · version 7 · sha256 \(hash.prefix(12))"))
        #expect(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"))
        #expect(footer.contains("<w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText>"))
        #expect(footer.contains(">Page </w:t>") && footer.contains("> of </w:t>"))
    }

    @Test func theDraftWatermarkShowsOnlyWhileUnsigned() throws {
        for status in AgreementStatus.allCases {
            let signatures: [PartyRole: SignatureRecord] = status == .signed
                ? [.controller: SignatureRecord(name: "Jeanne Roux", position: "CEO", signedAt: "2026-11-30T09:14:00Z"), .processor: SignatureRecord(name: "Jeanne Roux", position: "CEO", signedAt: "2026-11-30T09:15:00Z")]
                : [:]
            let docx = try Self.export(context: RenderContext(version: 2, status: status, signatures: signatures))
            let header = docx.xml("word/header1.xml")
            #expect(header.contains("string=\"DRAFT\"") == (status != .signed), "\(status)")
            let body = docx.xml("word/document.xml")
            #expect(body.contains("Signed in Tripact by Jeanne Roux") == (status == .signed))
        }
    }

    @Test func theSignatorysBlockPrintsTheirNamePositionAndTheTimeInTheirPartysZone() throws {
        var document = Fixtures.document()
        document.parties.controller.timeZone = "Europe/Paris"
        let signed = SignatureRecord(name: "Jeanne Roux", position: "jeanne.roux@controller.example", signedAt: "2026-11-30T09:14:00Z", email: "jeanne.roux@controller.example")
        let other = SignatureRecord(name: "Jeanne Roux", position: "jeanne.roux@processor.example", signedAt: "2026-11-30T09:15:00Z", email: "jeanne.roux@processor.example")
        let body = try Self.export(document, context: RenderContext(version: 2, status: .signed, signatures: [.controller: signed, .processor: other])).xml("word/document.xml")
        #expect(body.contains("Signed by Jeanne Roux") && body.contains("Position: Chief Executive Officer"))
        #expect(body.contains("Signed on 30 November 2026, 10:14 (Europe/Paris, UTC+01:00)"))
        #expect(body.contains("Signed on 30 November 2026, 09:15 UTC"))
        #expect(!body.contains("Signed in Tripact by"))
    }

    @Test func propertiesNameTitleVersionAndHash() throws {
        let document = Fixtures.document()
        let hash = DocumentCodec.contentHash(document)
        let docx = try Self.export(document, context: RenderContext(version: 4))
        let core = docx.xml("docProps/core.xml")
        #expect(core.contains("<dc:title>\(document.title)</dc:title>"))
        #expect(core.contains("<cp:version>4</cp:version>"))
        #expect(core.contains("sha256:\(hash)"))
        let custom = docx.xml("docProps/custom.xml")
        #expect(custom.contains("name=\"TripactContentHash\"><vt:lpwstr>\(hash)</vt:lpwstr>"))
        #expect(custom.contains("name=\"TripactVersion\"><vt:lpwstr>4</vt:lpwstr>"))
    }

    @Test func valuesWithMarkupCharactersAreEscapedIntoWellFormedXML() throws {
        let name = "Fish <&\"> Chips 'Ltd'"
        let document = Fixtures.document { $0.parties.controller.name = name; $0.title = "DPA <b>&amp;</b>" }
        let docx = try Self.export(document)
        #expect(docx.malformedParts.isEmpty, "\(docx.malformedParts)")
        let text = docx.paragraphs().resolved(accept: true).joined(separator: "\n")
        #expect(text.contains(name))
        #expect(text.contains("DPA <b>&amp;</b>"))
        #expect(docx.xml("docProps/core.xml").contains("<dc:title>DPA &lt;b&gt;&amp;amp;&lt;/b&gt;</dc:title>"))
    }

    @Test func aControlCharacterIsRefusedNotDropped() throws {
        let document = Fixtures.document { $0.parties.processor.name = "Atlantis\u{1}SAS" }
        #expect(throws: WordExportError.unwritableCharacter(in: "Atlantis\u{1}SAS")) {
            try DocxExporter.export(AgreementFacts(document: document, library: Fixtures.library))
        }
    }

    @Test func theSameVersionGivesTheSameBytes() throws {
        let facts = AgreementFacts(document: Fixtures.document(), library: Fixtures.library)
        #expect(try DocxExporter.export(facts) == DocxExporter.export(facts))
    }
}
