/// Small readings of request headers that every request makes, on the header's bytes: Foundation's trimming and
/// searching bridge each string to an `NSString` first, which cost more than the rest of a cached answer.
public enum HeaderWords {
    /// Whether an `Accept-Encoding` value allows gzip: the first coding that is `gzip` or `*` decides, unless its
    /// q-value is zero (RFC 9110 §12.5.3). Codings are compared without regard to case.
    public static func allowsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.utf8.split(separator: UInt8(ascii: ",")) {
            var fields = part.split(separator: UInt8(ascii: ";")).makeIterator()
            guard let coding = fields.next().map(trimmed), equalsIgnoringCase(coding, "gzip") || equalsIgnoringCase(coding, "*") else { continue }
            while let field = fields.next().map(trimmed) {
                guard field.count >= 2, field.first.map(lowercase) == UInt8(ascii: "q"), field.dropFirst().first == UInt8(ascii: "=") else { continue }
                guard let quality = Double(String(decoding: field.dropFirst(2), as: UTF8.self)) else { return true }
                return quality > 0
            }
            return true
        }
        return false
    }

    /// The credential of an `Authorization: Bearer …` value (the scheme in any case, optional white space around
    /// the credential), or nil when the value is not a bearer credential.
    public static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let bytes = header.utf8
        guard bytes.count > 7, equalsIgnoringCase(bytes.prefix(6), "bearer"), bytes.dropFirst(6).first == UInt8(ascii: " ") else { return nil }
        let token = trimmed(bytes.dropFirst(7))
        return token.isEmpty ? nil : String(decoding: token, as: UTF8.self)
    }

    /// Whether a path segment needs percent-decoding (or holds a NUL, which no decoding makes acceptable).
    public static func needsDecoding(_ segment: String) -> Bool {
        segment.utf8.contains { $0 == UInt8(ascii: "%") || $0 == 0 }
    }

    /// Without the optional white space (spaces and tabs) at either end.
    static func trimmed<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> Bytes.SubSequence where Bytes.Element == UInt8 {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }

    static func lowercase(_ byte: UInt8) -> UInt8 { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte }

    /// ASCII comparison without regard to case; `word` is lower case.
    static func equalsIgnoringCase<Bytes: Collection>(_ bytes: Bytes, _ word: StaticString) -> Bool where Bytes.Element == UInt8 {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in zip(bytes, expected).allSatisfy { lowercase($0) == $1 } }
    }
}
