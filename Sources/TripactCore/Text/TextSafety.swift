/// Characters that make text read differently from what it is: terminal control sequences (ESC, BEL, backspace, the
/// C1 controls…) and the bidirectional overrides and isolates that reorder what a reader sees (U+202A–U+202E,
/// U+2066–U+2069). They are refused where text comes in, and shown as `\u{…}` where text goes to a terminal.
public enum TextSafety {
    /// Whether a field may hold line breaks and tabs (free text) or must stay on one line (names, ids, addresses are
    /// free text here too: only identifiers are single-line).
    public enum Lines: Sendable { case multiline, singleLine }

    /// Whether `scalar` may never appear in stored text. Tab and line feed are allowed in multi-line fields; a carriage
    /// return only as part of CR LF, which white-space normalisation turns into LF.
    public static func isForbidden(_ scalar: Unicode.Scalar, lines: Lines = .multiline) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: lines == .singleLine
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first forbidden character of `text`, or nil. A CR directly before an LF is allowed in multi-line text.
    public static func firstForbidden(in text: String, lines: Lines = .multiline) -> Unicode.Scalar? {
        var pendingCR: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let cr = pendingCR {
                if scalar.value != 0x0A || lines == .singleLine { return cr }
                pendingCR = nil
            }
            if scalar.value == 0x0D {
                pendingCR = scalar
                continue
            }
            if isForbidden(scalar, lines: lines) { return scalar }
        }
        return pendingCR
    }

    /// Refuses `text` if it holds a forbidden character, naming the field (`subprocessors[2].name`).
    public static func check(_ text: String, field: String, lines: Lines = .multiline) throws(UnsafeTextError) {
        if let scalar = firstForbidden(in: text, lines: lines) { throw UnsafeTextError(field: field, scalar: scalar) }
    }

    /// `text` with every forbidden character written out as `\u{1B}`, so a terminal prints it instead of obeying it.
    /// Tabs and line feeds stay: they are how multi-line text is read.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isForbidden($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isForbidden(scalar) {
                out.append(contentsOf: escaped(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `\u{1B}`: the notation Swift and most readers know for a code point.
    public static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// A short name for the refused character, for messages.
    static func name(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: "the escape character"
        case 0x202A...0x202E: "a bidirectional override"
        case 0x2066...0x2069: "a bidirectional isolate"
        case 0x09: "a tab"
        case 0x0A, 0x0D: "a line break"
        default: "a control character"
        }
    }
}

/// Text refused because it holds a control character or a bidirectional override; names the field.
public struct UnsafeTextError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let scalar: Unicode.Scalar

    public init(field: String, scalar: Unicode.Scalar) {
        self.field = field
        self.scalar = scalar
    }

    /// What is wrong, without the field: "contains the escape character (U+001B); remove it".
    public var problem: String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "contains \(TextSafety.name(scalar)) (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); remove it"
    }

    public var description: String { "'\(field)' \(problem)" }
}
