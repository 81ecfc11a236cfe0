/// Builds XML text: `raw` for markup we wrote, `text` for any value, which it escapes (& < > " and ').
///
/// A character XML 1.0 cannot carry (a control character other than tab, line feed and carriage return) is never
/// dropped or replaced silently: the writer remembers it, and the export then refuses the document, naming it.
/// Documents refuse such characters at input, so this only guards against a path that forgot to.
struct WordXMLWriter {
    private(set) var output = ""
    /// The first value that held a character XML cannot carry.
    private(set) var refused: String?

    init(capacity: Int = 16_384) { output.reserveCapacity(capacity) }

    mutating func raw(_ markup: String) { output += markup }

    mutating func text(_ value: String) {
        // Nearly every value needs no escaping: appended whole, not scalar by scalar (the export's main cost). The slow
        // path below is taken for a byte that might need it: a control character, one of & < > " ', or 0xEF (the lead
        // byte of U+F000–U+FFFF, which holds the non-characters U+FFFE and U+FFFF).
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) {
            output += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if Self.isXMLCharacter(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if refused == nil {
                    refused = value
                }
            }
        }
    }

    /// XML 1.0's Char production.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `<tag>escaped</tag>`.
    mutating func element(_ tag: String, _ value: String) {
        raw("<\(tag)>")
        text(value)
        raw("</\(tag)>")
    }

    /// A run of text, its line breaks as Word line breaks and its spaces kept.
    mutating func run(_ value: String, properties: String = "") {
        raw("<w:r>")
        if !properties.isEmpty {
            raw("<w:rPr>")
            raw(properties)
            raw("</w:rPr>")
        }
        writeText(value, tag: "w:t")
        raw("</w:r>")
    }

    /// The text of a run as `w:t` (or `w:delText`) pieces, a `w:br` between lines.
    mutating func writeText(_ value: String, tag: String) {
        guard value.utf8.contains(0x0A) else {
            raw("<")
            raw(tag)
            raw(" xml:space=\"preserve\">")
            text(value)
            raw("</")
            raw(tag)
            raw(">")
            return
        }
        for (index, line) in value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { raw("<w:br/>") }
            raw("<\(tag) xml:space=\"preserve\">")
            text(String(line))
            raw("</\(tag)>")
        }
    }

    /// A paragraph of one run in a style.
    mutating func paragraph(_ value: String, style: String? = nil, properties: String = "") {
        raw("<w:p>")
        if style != nil || !properties.isEmpty {
            raw("<w:pPr>")
            if let style { raw("<w:pStyle w:val=\"\(style)\"/>") }
            raw(properties)
            raw("</w:pPr>")
        }
        if !value.isEmpty { run(value) }
        raw("</w:p>")
    }
}

/// Why a document could not be written as Word.
public enum WordExportError: Error, Equatable, CustomStringConvertible {
    /// A value holds a character that XML cannot carry.
    case unwritableCharacter(in: String)
    case archive(String)

    public var description: String {
        switch self {
        case .unwritableCharacter(let value): "a value holds a control character that a Word document cannot carry: \(value.debugDescription)"
        case .archive(let reason): "could not write the DOCX container: \(reason)"
        }
    }
}

extension WordXMLWriter {
    /// Another writer's markup, and the value it refused if this one has refused none.
    mutating func append(_ other: WordXMLWriter) {
        output += other.output
        if refused == nil { refused = other.refused }
    }
}
