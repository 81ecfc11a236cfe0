/// Why an agreement document could not be read. Each case names where the problem is.
public enum DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedJSON(line: Int, column: Int, message: String)
    case unknownKey(path: String, line: Int, column: Int)
    case missingKey(path: String, line: Int?)
    case wrongType(path: String, expected: String, line: Int?)
    case invalidValue(path: String, message: String, line: Int?)
    case unsupportedFormat(found: String)

    /// The message without a file name.
    public var description: String { message(file: nil) }

    /// The message, prefixed with `file:line:column` where known.
    public func message(file: String?) -> String {
        func place(_ line: Int?, _ column: Int? = nil) -> String {
            var parts: [String] = []
            if let file { parts.append(file) }
            if let line { parts.append(String(line)) }
            if let column, line != nil { parts.append(String(column)) }
            return parts.isEmpty ? "" : parts.joined(separator: ":") + ": "
        }
        switch self {
        case .malformedJSON(let line, let column, let message):
            return place(line, column) + "malformed JSON: \(message)"
        case .unknownKey(let path, let line, let column):
            return place(line, column) + "unknown key '\(path)': the tripact/1 format has no such field (see docs/format.md)"
        case .missingKey(let path, let line):
            return place(line) + "missing field '\(path)'"
        case .wrongType(let path, let expected, let line):
            return place(line) + "'\(path)' must be \(expected)"
        case .invalidValue(let path, let message, let line):
            return place(line) + "'\(path)' \(message)"
        case .unsupportedFormat(let found):
            return place(nil) + "'format' is '\(found)'; this version of Tripact reads '\(AgreementDocument.currentFormat)'"
        }
    }
}
