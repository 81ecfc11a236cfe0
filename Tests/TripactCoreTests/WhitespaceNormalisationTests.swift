import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct WhitespaceNormalisationTests {
    @Test(arguments: [
        ("one  two", "one two"), ("line \r\nnext\rlast", "line\nnext\nlast"), ("  lead and trail \t\n\n", "lead and trail"),
        ("para\n\npara", "para\n\npara"), ("tab\tkept", "tab\tkept"), ("no\u{A0}break", "no\u{A0}break"), ("a \n  b", "a\n b"), ("", ""),
    ])
    func freeTextIsNormalised(_ input: String, _ expected: String) {
        #expect(WhitespaceNormalisation.normalised(input) == expected)
        #expect(WhitespaceNormalisation.needsNormalising(input) == (input != expected))
        #expect(WhitespaceNormalisation.normalised(expected) == expected)
    }

    @Test func aDocumentDiffersOnlyInWhiteSpaceDecodesToTheSameHash() throws {
        let example = Fixtures.example("full-scenario.json")
        var spaced = example
        spaced.processing.retention = spaced.processing.retention.replacingOccurrences(of: " ", with: "  ") + "\r\n"
        spaced.parties.controller.name += " "
        let decoded = try DocumentCodec.decode(DocumentCodec.prettyJSON(spaced))
        #expect(DocumentCodec.contentHash(decoded) == DocumentCodec.contentHash(example))
    }

    @Test(arguments: ["full-scenario.json", "minimal.json"])
    func theExamplesKeepTheirHashes(_ name: String) throws {
        let data = try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("examples/\(name)"))
        let document = try DocumentCodec.decode(data)
        let plain = try JSONDecoder().decode(AgreementDocument.self, from: data)
        #expect(DocumentCodec.contentHash(document) == DocumentCodec.contentHash(plain))
    }
}
