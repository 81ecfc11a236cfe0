import Foundation
import Testing
@testable import TripactCore
import TripactTestSupport

@Suite struct CanonicalWriterTests {
    func encoderBytes(_ document: AgreementDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    @Test(arguments: ["full-scenario.json", "minimal.json"])
    func theWriterMatchesTheGenericEncoderOnTheExamples(_ name: String) throws {
        let document = Fixtures.example(name)
        #expect(DocumentCodec.canonicalJSON(document) == (try encoderBytes(document)))
    }

    @Test(arguments: 0..<40)
    func theWriterMatchesTheGenericEncoderOnGeneratedVersions(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) + 1_000)
        var document = VersionMutator.mutate(Fixtures.example("full-scenario.json"), steps: 6, using: &random)
        document.processing.retention += " \"quoted\" back\\slash / slash\ttab\nline é 東京 😀 \u{2028}\u{2029}"
        document.clauses[0].parameters["z-last"] = .string("x")
        document.clauses[0].parameters["a-first"] = .boolean(seed % 2 == 0)
        document.measures.append(MeasureEntry(id: "custom-\(seed)", heading: seed % 17 + 1, title: "T", description: nil))
        document.commercial.notes = seed % 3 == 0 ? nil : "notes"
        #expect(DocumentCodec.canonicalJSON(document) == (try encoderBytes(document)))
    }
}
