import Crypto
public import Foundation

/// Reads and writes agreement documents: strict decoding (unknown keys are errors), pretty and canonical encoding, content hash.
public enum DocumentCodec {
    /// Decodes a `tripact/1` document; every problem is a `DocumentError` that names its path and line.
    public static func decode(_ data: Data) throws(DocumentError) -> AgreementDocument {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .malformedJSON(line: 1, column: 1, message: "the file is UTF-16 text; save it as UTF-8")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .malformedJSON(line: 1, column: 1, message: "the file is empty; a tripact/1 document is a JSON object")
        }
        let tree: JSONNode
        do {
            tree = try JSONParser.parse(bytes)
        } catch {
            throw .malformedJSON(line: error.line, column: error.column, message: error.message)
        }
        return try decode(tree: tree) { data }
    }

    /// A document that arrives as the member `key` of a JSON object (the API's answer for a version), read exactly as
    /// `decode` reads a file, from one parse of the whole answer; the object's other members come back as canonical
    /// JSON for the caller to decode.
    public static func decode(member key: String, of data: Data) throws(DocumentError) -> (document: AgreementDocument, others: [String: Data]) {
        let tree: JSONNode
        do {
            tree = try JSONParser.parse([UInt8](data))
        } catch {
            throw .malformedJSON(line: error.line, column: error.column, message: error.message)
        }
        guard case .object(let members) = tree.value, let node = members.first(where: { $0.key == key })?.node else {
            throw .missingKey(path: key, line: 1)
        }
        var others: [String: Data] = [:]
        for member in members where member.key != key {
            var bytes: [UInt8] = []
            member.node.writeCanonical(to: &bytes)
            others[member.key] = Data(bytes)
        }
        let document = try decode(tree: node) {
            var bytes: [UInt8] = []
            node.writeCanonical(to: &bytes)
            return Data(bytes)
        }
        return (document, others)
    }

    /// `decode` after the parse; `data` is the JSON text of `tree`, needed only when a problem must be named.
    private static func decode(tree: JSONNode, data: () -> Data) throws(DocumentError) -> AgreementDocument {
        if case .object(let members) = tree.value, let format = members.first(where: { $0.key == "format" }), case .string(let value) = format.node.value,
            value != AgreementDocument.currentFormat
        {
            throw .unsupportedFormat(found: value)
        }
        let document: AgreementDocument
        if let plain = try? AgreementDocument(tree: tree) {
            // Every key known and every value of its type: all that the strict decoding below checks, but the text.
            if let unsafe = firstUnsafeText(tree) { throw unsafe }
            document = plain
        } else {
            document = try decodeStrict(AgreementDocument.self, data: data(), tree: tree)
        }
        return tree.normalisingWhitespace().flatMap(decodeCanonical) ?? document
    }

    /// A document the store wrote itself, read back exactly: no normalisation and no refusal, so a version keeps the
    /// hash it was stored under (one stored before white space was normalised included).
    public static func decodeStored(_ data: Data) throws(DocumentError) -> AgreementDocument {
        if let tree = try? JSONParser.parse([UInt8](data)), let document = try? AgreementDocument(tree: tree) { return document }
        do {
            return try JSONDecoder().decode(AgreementDocument.self, from: data)
        } catch {
            throw .invalidValue(path: "(document)", message: "could not be read: \(error)", line: nil)
        }
    }

    /// A document as the store keeps it: text checked for control characters and bidirectional overrides, white space
    /// normalised (see `WhitespaceNormalisation`). Documents built in code (web forms, register changes) pass here on
    /// their way in, as files do through `decode`.
    public static func prepared(_ document: AgreementDocument) throws(DocumentError) -> AgreementDocument {
        guard let tree = try? JSONParser.parse(canonicalBytes(document)) else { return document }
        if let unsafe = firstUnsafeText(tree) { throw unsafe }
        return tree.normalisingWhitespace().flatMap(decodeCanonical) ?? document
    }

    /// Decodes a tree we wrote ourselves (already checked), nil if it somehow does not decode.
    private static func decodeCanonical(_ tree: JSONNode) -> AgreementDocument? {
        if let document = try? AgreementDocument(tree: tree) { return document }
        var bytes: [UInt8] = []
        tree.writeCanonical(to: &bytes)
        return try? JSONDecoder().decode(AgreementDocument.self, from: Data(bytes))
    }

    /// Decodes any of our JSON inputs (a register entry, say) as strictly as a document: a malformed file, a missing
    /// key, a wrong type and an unknown key each name their path and line.
    public static func decodeStrict<T: Codable>(_ type: T.Type, from data: Data) throws(DocumentError) -> T {
        let bytes = [UInt8](data)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .malformedJSON(line: 1, column: 1, message: "the file is empty; a JSON object was expected")
        }
        let tree: JSONNode
        do {
            tree = try JSONParser.parse(bytes)
        } catch {
            throw .malformedJSON(line: error.line, column: error.column, message: error.message)
        }
        return try decodeStrict(type, data: data, tree: tree)
    }

    private static func decodeStrict<T: Codable>(_ type: T.Type, data: Data, tree: JSONNode) throws(DocumentError) -> T {
        if let unsafe = firstUnsafeText(tree) { throw unsafe }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw documentError(error, tree: tree)
        } catch {
            throw .invalidValue(path: "(document)", message: "could not be read: \(error)", line: nil)
        }
        if let unknown = firstUnknownKey(input: tree, known: try reencoded(value), path: []) {
            let node = tree.node(at: unknown)
            throw .unknownKey(path: formatPath(unknown), line: node?.line ?? 1, column: node?.column ?? 1)
        }
        return value
    }

    /// Human-friendly JSON: sorted keys, indented.
    public static func prettyJSON(_ document: AgreementDocument) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data()
    }

    /// The canonical encoding: sorted keys, no insignificant white space. Its SHA-256 is the content hash.
    public static func canonicalJSON<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data()
    }

    /// The canonical encoding of a document, written field by field (one pass, no `JSONEncoder`): byte for byte what
    /// the generic encoder writes, which a test checks.
    public static func canonicalJSON(_ document: AgreementDocument) -> Data {
        Data(canonicalBytes(document))
    }

    static func canonicalBytes(_ document: AgreementDocument) -> [UInt8] {
        var writer = CanonicalWriter()
        document.writeCanonical(to: &writer)
        return writer.bytes
    }

    /// SHA-256 of the canonical encoding, as lower-case hex.
    public static func contentHash(_ document: AgreementDocument) -> String {
        sha256Hex(canonicalJSON(document))
    }

    /// SHA-256 of bytes, as lower-case hex.
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// SHA-256 of bytes already in an array (a document's encoding that items were cut from), as lower-case hex.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func reencoded<T: Encodable>(_ value: T) throws(DocumentError) -> JSONNode {
        do {
            if let document = value as? AgreementDocument { return try JSONParser.parse(canonicalBytes(document)) }
            return try JSONParser.parse([UInt8](canonicalJSON(value)))
        } catch {
            throw .invalidValue(path: "(document)", message: "could not be re-encoded", line: nil)
        }
    }

    /// The first key in `input` that the decoded document does not hold, i.e. a key the format does not know.
    private static func firstUnknownKey(input: JSONNode, known: JSONNode, path: [PathComponent]) -> [PathComponent]? {
        switch (input.value, known.value) {
        case (.object(let inputMembers), .object(let knownMembers)):
            for member in inputMembers {
                if case .null = member.node.value { continue }
                guard let match = knownMembers.first(where: { $0.key == member.key }) else { return path + [.key(member.key)] }
                if let found = firstUnknownKey(input: member.node, known: match.node, path: path + [.key(member.key)]) { return found }
            }
        case (.array(let inputElements), .array(let knownElements)):
            for (index, element) in inputElements.enumerated() where index < knownElements.count {
                if let found = firstUnknownKey(input: element, known: knownElements[index], path: path + [.index(index)]) { return found }
            }
        default:
            break
        }
        return nil
    }

    private static func documentError(_ error: DecodingError, tree: JSONNode) -> DocumentError {
        func components(_ codingPath: [any CodingKey]) -> [PathComponent] {
            codingPath.map { key in key.intValue.map(PathComponent.index) ?? .key(key.stringValue) }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = components(context.codingPath)
            return .missingKey(path: formatPath(parent + [.key(key.stringValue)]), line: tree.node(at: parent)?.line)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let path = components(context.codingPath)
            return .wrongType(path: formatPath(path), expected: typeDescription(type, context: context), line: tree.node(at: path)?.line)
        case .dataCorrupted(let context):
            let path = components(context.codingPath)
            let node = tree.node(at: path)
            var found = ""
            if let node, case .string(let value) = node.value { found = " '\(value)'" }
            return .invalidValue(path: formatPath(path), message: "has an invalid value\(found)\(allowedValues(path))", line: node?.line)
        @unknown default:
            return .invalidValue(path: "(document)", message: "could not be read", line: nil)
        }
    }

    private static func typeDescription(_ type: Any.Type, context: DecodingError.Context) -> String {
        if context.debugDescription.contains("a whole number, true/false or a string") { return "a whole number, true/false or a string" }
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }

    private static func allowedValues(_ path: [PathComponent]) -> String {
        guard case .key(let last)? = path.last else { return "" }
        let options: [String]
        switch last {
        case "answeredBy": options = PartyRole.allCases.map(\.rawValue)
        case "right": options = DataSubjectRight.allCases.map(\.rawValue)
        case "area": options = AssistanceArea.allCases.map(\.rawValue)
        default: return ""
        }
        return "; allowed: " + options.joined(separator: ", ")
    }
}
