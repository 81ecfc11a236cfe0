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

    /// Strings are scanned eight bytes at a time: every byte that is escaped, at every offset of a word and across the
    /// end of the last whole word, is escaped as a byte-by-byte escape (the writer's rule, as `JSONEncoder` writes) does.
    @Test func everyEscapedByteIsEscapedWhereverItStands() {
        func byteByByte(_ text: String) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for byte in text.utf8 {
                switch byte {
                case 0x22: out += Array("\\\"".utf8)
                case 0x5C: out += Array("\\\\".utf8)
                case 0x0A: out += Array("\\n".utf8)
                case 0x0D: out += Array("\\r".utf8)
                case 0x09: out += Array("\\t".utf8)
                case 0x08: out += Array("\\b".utf8)
                case 0x0C: out += Array("\\f".utf8)
                case ..<0x20: out += Array(String(format: "\\u%04x", Int(byte)).utf8)
                default: out.append(byte)
                }
            }
            return out + [0x22]
        }
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}", "\u{1F}", "/", "\u{7F}", "é", "😀", " "]
        for special in specials {
            for length in [1, 7, 8, 9, 15, 16, 17, 23] {
                for position in 0..<length {
                    var text = String(repeating: "a", count: length)
                    let at = text.index(text.startIndex, offsetBy: position)
                    text.replaceSubrange(at...at, with: special)
                    var bytes: [UInt8] = []
                    JSONNode.writeString(text, to: &bytes)
                    #expect(bytes == byteByByte(text), "\(special.unicodeScalars.map(\.value)) at \(position) of \(length)")
                }
            }
            // Every escape in one long text, so that several fall in one word.
            let long = String(repeating: "ab" + special, count: 20)
            var bytes: [UInt8] = []
            JSONNode.writeString(long, to: &bytes)
            #expect(bytes == byteByByte(long))
        }
    }
}

/// Each item's canonical bytes are written straight from the model; they must be exactly the subtree of the whole
/// document's canonical encoding that the item covers, or every stored item hash would move. The oracle here parses the
/// whole encoding and cuts it up, as the item split did before it wrote items directly.
@Suite struct AgreementItemsTests {
    static func itemsByParsing(_ document: AgreementDocument) throws -> [ItemKey: Data] {
        let root = try JSONParser.parse(Array(DocumentCodec.canonicalJSON(document)))
        var items: [ItemKey: Data] = [:]
        func add(_ key: String, _ node: JSONNode?) {
            var bytes: [UInt8] = []
            (node ?? JSONNode(value: .null, line: 0, column: 0)).writeCanonical(to: &bytes)
            items[ItemKey(rawValue: key)] = Data(bytes)
        }
        func object(_ key: String, _ source: JSONNode?, keys: Set<String>) {
            var bytes: [UInt8] = []
            JSONNode.writeObject((source?.members ?? []).filter { keys.contains($0.key) }, to: &bytes)
            items[ItemKey(rawValue: key)] = Data(bytes)
        }
        object("agreement:terms", root, keys: ["format", "id", "title", "effectiveDate", "mainAgreement", "commercial"])
        add("party:controller", root.member("parties")?.member("controller"))
        add("party:processor", root.member("parties")?.member("processor"))
        let processing = root.member("processing")
        object("annex2:description", processing, keys: [
            "subjectMatter", "duration", "nature", "operations", "channels", "callRecording", "cardPayments", "frequency", "retention", "services",
        ])
        for (key, member) in [("purposes", "purposes"), ("data-subjects", "dataSubjects"), ("data-categories", "dataCategories"),
                              ("special-categories", "specialCategories"), ("delivery-locations", "deliveryLocations")] {
            add("annex2:\(key)", processing?.member(member))
        }
        for (selection, node) in zip(document.clauses, root.member("clauses")?.elements ?? []) { add("clause:\(selection.clause)", node) }
        for (measure, node) in zip(document.measures, root.member("measures")?.elements ?? []) { add("measure:\(measure.id)", node) }
        add("annex3:assistance", root.member("assistanceMeasures"))
        for (sub, node) in zip(document.subprocessors, root.member("subprocessors")?.elements ?? []) { add("subprocessor:\(sub.id)", node) }
        add("annex5:obligations", root.member("consumerObligations"))
        return items
    }

    static func check(_ document: AgreementDocument) throws {
        let (hash, items) = AgreementItems.analyse(document)
        #expect(hash == DocumentCodec.contentHash(document))
        let expected = try itemsByParsing(document)
        #expect(items.count == expected.count)
        for item in items {
            #expect(item.canonical == expected[item.key], "\(item.key)")
            #expect(item.hash == DocumentCodec.sha256Hex(item.canonical))
        }
    }

    @Test(arguments: ["full-scenario.json", "minimal.json"])
    func itemsAreTheSubtreesOfTheWholeEncodingOnTheExamples(_ name: String) throws {
        try Self.check(Fixtures.example(name))
    }

    @Test(arguments: 0..<40)
    func itemsAreTheSubtreesOfTheWholeEncodingOnGeneratedVersions(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) + 2_000)
        var document = VersionMutator.mutate(Fixtures.example("full-scenario.json"), steps: 8, using: &random)
        document.effectiveDate = seed % 2 == 0 ? nil : "2027-01-01"
        document.processing.services = seed % 3 == 0 ? nil : ["inbound calls", "e-mail \"quoted\""]
        document.commercial.assistanceFees = seed % 4 == 0 ? nil : "at cost"
        try Self.check(document)
    }
}
