/// Refusal of control characters and bidirectional overrides in every string of a JSON input, before it is decoded.
extension DocumentCodec {
    /// Keys whose values are identifiers or codes: one line, no tab.
    static let singleLineKeys: Set<String> = ["format", "id", "clause", "variant", "country", "email", "phone", "transferMechanism"]

    /// The first string (or object key) in `node` that holds a forbidden character, as a `DocumentError` naming its path.
    static func firstUnsafeText(_ node: JSONNode, path: [PathComponent] = []) -> DocumentError? {
        switch node.value {
        case .object(let members):
            for member in members {
                let memberPath = path + [.key(member.key)]
                if let scalar = TextSafety.firstForbidden(in: member.key, lines: .singleLine) {
                    return .invalidValue(path: formatPath(memberPath), message: "(the key) " + UnsafeTextError(field: "", scalar: scalar).problem, line: member.node.line)
                }
                if let found = firstUnsafeText(member.node, path: memberPath) { return found }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = firstUnsafeText(element, path: path + [.index(index)]) { return found }
            }
        case .string(let text):
            var lines = TextSafety.Lines.multiline
            if case .key(let last)? = path.last, singleLineKeys.contains(last) { lines = .singleLine }
            if let scalar = TextSafety.firstForbidden(in: text, lines: lines) {
                return .invalidValue(path: formatPath(path), message: UnsafeTextError(field: "", scalar: scalar).problem, line: node.line)
            }
        case .number, .bool, .null:
            break
        }
        return nil
    }
}
