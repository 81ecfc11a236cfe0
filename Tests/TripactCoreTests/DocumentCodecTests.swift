import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct DocumentCodecTests {
    func encoded(_ document: AgreementDocument = Fixtures.document()) -> String {
        String(decoding: DocumentCodec.prettyJSON(document), as: UTF8.self)
    }

    func decodeError(_ text: String) -> DocumentError? {
        do {
            _ = try DocumentCodec.decode(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func aDocumentSurvivesARoundTrip() throws {
        let document = Fixtures.document()
        #expect(try DocumentCodec.decode(DocumentCodec.prettyJSON(document)) == document)
    }

    @Test func malformedJSONReportsLineAndColumn() {
        let text = "{\n  \"format\": \"tripact/1\",\n  \"id\": \"x\" \"title\": \"t\"\n}"
        #expect(decodeError(text) == .malformedJSON(line: 3, column: 13, message: "expected ',' or '}' after a value in an object"))
    }

    @Test func anUnknownKeyIsAnErrorNamingItsPathAndLine() {
        let text = encoded().replacingOccurrences(of: "\"variant\" : \"balanced\"", with: "\"variant\" : \"balanced\", \"colour\" : \"red\"")
        guard case .unknownKey(let path, let line, _)? = decodeError(text) else {
            Issue.record("an unknown key was accepted")
            return
        }
        #expect(path.hasPrefix("clauses[") && path.hasSuffix("].colour"))
        #expect(line > 1)
    }

    @Test func aWrongTypeNamesItsPath() {
        let text = encoded().replacingOccurrences(of: "\"callRecording\" : false", with: "\"callRecording\" : \"no\"")
        guard case .wrongType(let path, let expected, _)? = decodeError(text) else {
            Issue.record("a wrong type was accepted")
            return
        }
        #expect(path == "processing.callRecording")
        #expect(expected == "true or false")
    }

    @Test func aMissingFieldNamesItsPath() {
        let text = encoded().replacingOccurrences(of: "\"retention\" :", with: "\"retentionPeriod\" :")
        #expect(decodeError(text) == .missingKey(path: "processing.retention", line: decodeErrorLine(text)))
    }

    private func decodeErrorLine(_ text: String) -> Int? {
        if case .missingKey(_, let line)? = decodeError(text) { return line }
        return nil
    }

    @Test func anInvalidEnumValueListsTheAllowedOnes() {
        let text = encoded().replacingOccurrences(of: "\"answeredBy\" : \"controller\"", with: "\"answeredBy\" : \"consumer\"")
        guard case .invalidValue(let path, let message, _)? = decodeError(text) else {
            Issue.record("an invalid enum value was accepted")
            return
        }
        #expect(path.hasSuffix("].answeredBy"))
        #expect(message.contains("'consumer'") && message.contains("controller, processor"))
    }

    @Test func anotherFormatVersionIsRefused() {
        let text = encoded().replacingOccurrences(of: "tripact/1", with: "tripact/9")
        #expect(decodeError(text) == .unsupportedFormat(found: "tripact/9"))
    }

    @Test func truncatedInputAndGarbageNeverCrash() {
        let full = encoded()
        for length in stride(from: 0, to: full.utf8.count, by: 97) {
            let prefix = String(decoding: Array(full.utf8.prefix(length)), as: UTF8.self)
            #expect(decodeError(prefix) != nil)
        }
        #expect(decodeError("\u{0}\u{1}") != nil)
        #expect(decodeError(String(repeating: "[", count: 10_000)) != nil)
    }

    @Test func theContentHashIsStableAndChangesWithTheContent() {
        let document = Fixtures.document()
        let hash = DocumentCodec.contentHash(document)
        #expect(hash.count == 64)
        #expect(hash == DocumentCodec.contentHash(Fixtures.document()))
        var changed = document
        changed.title += "."
        #expect(DocumentCodec.contentHash(changed) != hash)
        let canonical = String(decoding: DocumentCodec.canonicalJSON(document), as: UTF8.self)
        #expect(!canonical.contains("\n") && !canonical.contains("\": "))
    }
}

