import Foundation
import Testing
@testable import TripactCore
import TripactTestSupport

/// The tree reader (`AgreementDocument(tree:)`) must answer exactly what `JSONDecoder` answers wherever it answers at
/// all, and step aside (for `JSONDecoder` to name the error) wherever the input is not plain.
@Suite struct DocumentTreeReadingTests {
    func both(_ bytes: [UInt8]) throws -> (tree: AgreementDocument?, decoder: AgreementDocument?) {
        let tree = try? AgreementDocument(tree: try JSONParser.parse(bytes))
        let decoder = try? JSONDecoder().decode(AgreementDocument.self, from: Data(bytes))
        return (tree, decoder)
    }

    /// Every optional field of the format set, so that each reader is exercised.
    static func everyFieldSet(_ seed: Int) -> AgreementDocument {
        var random = SeededRandom(seed: UInt64(seed) + 7_000)
        var document = VersionMutator.mutate(Fixtures.example("full-scenario.json"), steps: 6, using: &random)
        document.effectiveDate = seed % 2 == 0 ? "2027-01-01" : nil
        document.parties.controller.registration = "HRB \(seed)"
        document.parties.processor.euRepresentative = Contact(name: "Rep", position: "Agent", email: "rep@example.eu", phone: "+353 1")
        document.parties.processor.signatory = seed % 3 == 0 ? nil : Signatory(name: "S", position: "CEO")
        document.clauses[0].parameters["a"] = .boolean(seed % 2 == 0)
        document.clauses[0].parameters["b"] = .integer(-seed)
        document.clauses[0].parameters["c"] = .string("\"quoted\" é 東京 😀")
        document.clauses[0].ownWording = "Own \"wording\" within {{hours}}.\n\n- a list é 東京\n- of two"
        document.clauses[1].rider = seed % 2 == 0 ? "A rider." : nil
        document.measures.append(MeasureEntry(id: "custom-\(seed)", heading: seed % 17 + 1, title: "T", description: seed % 2 == 0 ? "D" : nil))
        if !document.subprocessors.isEmpty {
            document.subprocessors[0].adequacyConfirmed = seed % 2 == 0
            document.subprocessors[0].backupFor = "crm"
            document.subprocessors[0].onwardSubprocessors = [OnwardSubprocessor(name: "O", country: "US", service: "hosting", locations: seed % 2 == 0 ? ["US"] : nil)]
            document.subprocessors[0].contact = Contact(name: "C")
        }
        if !document.processing.purposes.isEmpty {
            document.processing.purposes[0].assign(role: .independent, lawfulBasis: .legitimateInterests, specialCondition: .explicitConsent, recipient: .processor)
            document.processing.purposes[0].description = "why"
        }
        document.processing.deliveryLocations.append(
            DeliveryLocation(id: "ca-\(seed)", site: "Toronto", country: "CA", entity: "Op", homeWorking: true, transferMechanism: "adequacy", tiaReference: "T-1")
        )
        document.processing.deliveryLocations[document.processing.deliveryLocations.count - 1].adequacyConfirmed = true
        document.processing.services = seed % 2 == 0 ? ["crm"] : nil
        document.consumerObligations.callRecordingAnnouncement = seed % 2 == 0 ? "This call is recorded." : nil
        document.commercial = CommercialTerms(assistanceFees: "none", notes: seed % 3 == 0 ? nil : "n")
        return document
    }

    /// The canonical writer once left out `adequacyConfirmed` and `backupFor`: the hash did not cover them, and a
    /// stored version lost them. With every field of the format set, it must write what `JSONEncoder` writes.
    @Test(arguments: 0..<8)
    func theCanonicalWriterWritesEveryFieldOfTheFormat(seed: Int) throws {
        let document = Self.everyFieldSet(seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(DocumentCodec.canonicalJSON(document) == (try encoder.encode(document)))
        var changed = document
        changed.subprocessors[0].backupFor = nil
        #expect(DocumentCodec.contentHash(changed) != DocumentCodec.contentHash(document))
        changed.clauses[0].ownWording = nil
        #expect(DocumentCodec.contentHash(changed) != DocumentCodec.contentHash(document))
    }

    @Test(arguments: ["full-scenario.json", "minimal.json"])
    func theExamplesReadTheSameBothWays(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("examples").appendingPathComponent(name)))
        let (tree, decoder) = try both(bytes)
        #expect(tree != nil)
        #expect(tree == decoder)
    }

    @Test(arguments: 0..<40)
    func generatedDocumentsReadTheSameBothWays(seed: Int) throws {
        let document = Self.everyFieldSet(seed)
        for bytes in [DocumentCodec.canonicalBytes(document), [UInt8](DocumentCodec.prettyJSON(document))] {
            let (tree, decoder) = try both(bytes)
            #expect(tree == document)
            #expect(decoder == document)
        }
        #expect(try DocumentCodec.decodeStored(DocumentCodec.canonicalJSON(document)) == document)
    }

    /// `null` for an optional field is an absent value both ways; a missing transfer mechanism is blank both ways.
    @Test func nullOptionalsAndABlankMechanismReadTheSame() throws {
        var text = String(decoding: DocumentCodec.canonicalBytes(Self.everyFieldSet(1)), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"effectiveDate\":\"2027-01-01\"", with: "\"effectiveDate\":null")
        text = text.replacingOccurrences(of: "\"transferMechanism\":\"", with: "\"transferMechanism\":null,\"x-was\":\"")
        text = text.replacingOccurrences(of: ",\"x-was\":\"[^\"]*\"", with: "", options: .regularExpression)
        let (tree, decoder) = try both(Array(text.utf8))
        #expect(tree != nil)
        #expect(tree == decoder)
        #expect(tree?.effectiveDate == nil)
        #expect(tree?.subprocessors.first?.transferMechanism == "")
    }

    /// What is not plain goes to `JSONDecoder`, whose errors name the path: the tree reader gives up, never guesses.
    @Test(arguments: [
        ("\"id\":\"", "\"unknownKey\":1,\"id\":\""),            // an unknown key
        ("\"hours\":", "\"hours\":24.0,\"x\":"),                  // a whole number written with a decimal point
        ("\"title\":\"", "\"title\":null,\"t\":\""),              // null for a required field
        ("\"callRecording\":", "\"callRecording\":1,\"cr\":"),   // a number for true/false
    ])
    func inputThatIsNotPlainIsLeftToTheDecoder(_ replacement: (String, String)) throws {
        let bytes = DocumentCodec.canonicalBytes(Fixtures.example("full-scenario.json"))
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: replacement.0))
        let changed = text.replacingCharacters(in: range, with: replacement.1)
        #expect(throws: TreeMiss.self) { try AgreementDocument(tree: try JSONParser.parse(Array(changed.utf8))) }
        // And the whole decoding answers as the strict `JSONDecoder` route alone does.
        let data = Data(changed.utf8)
        let fast = Result { () throws(DocumentError) in try DocumentCodec.decode(data) }
        let strict = Result { () throws(DocumentError) in try DocumentCodec.decodeStrict(AgreementDocument.self, from: data) }
        switch (fast, strict) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)")
        default: Issue.record("decode gave \(fast), the strict route \(strict)")
        }
    }
}
