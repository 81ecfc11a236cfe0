/// White space that carries no meaning in an agreement's text: line endings, spaces at the end of a line, runs of
/// spaces, blank space around a field. Normalising it where documents come in means a change of white space alone is
/// no change: the content hash does not move and the other side's acceptance stands.
public enum WhitespaceNormalisation {
    /// CR LF and lone CR become LF; spaces and tabs before a line break or at the end go; a run of spaces becomes one;
    /// white space at the start and blank lines at the end go. Tabs inside a line and non-breaking spaces stay.
    public static func normalised(_ text: String) -> String {
        guard needsNormalising(text) else { return text }
        var out = String.UnicodeScalarView()
        var pending = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            var scalar = scalar
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if scalar == "\r" { scalar = "\n" }
            switch scalar {
            case " ":
                if pending.last != " " { pending.append(scalar) }
            case "\t":
                pending.append(scalar)
            case "\n":
                pending = String.UnicodeScalarView()
                if !out.isEmpty { out.append(scalar) }
            default:
                if !out.isEmpty { out.append(contentsOf: pending) }
                pending = String.UnicodeScalarView()
                out.append(scalar)
            }
        }
        while out.last == "\n" { out.removeLast() }
        return String(out)
    }

    /// Whether `normalised` would change `text`: scanned first so the common case allocates nothing.
    public static func needsNormalising(_ text: String) -> Bool {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": return true
            case " ", "\t", "\n":
                if previous == nil || previous == " " && scalar != "\t" { return true }
                if scalar == "\n", previous == "\t" { return true }
            default: break
            }
            previous = scalar
        }
        return previous == " " || previous == "\t" || previous == "\n"
    }
}

extension JSONNode {
    /// The same tree with every string normalised; nil when no string needed it.
    func normalisingWhitespace() -> JSONNode? {
        switch value {
        case .string(let text):
            guard WhitespaceNormalisation.needsNormalising(text) else { return nil }
            return JSONNode(value: .string(WhitespaceNormalisation.normalised(text)), line: line, column: column)
        case .array(let elements):
            var changed = false
            let result = elements.map { element in
                guard let normalised = element.normalisingWhitespace() else { return element }
                changed = true
                return normalised
            }
            return changed ? JSONNode(value: .array(result), line: line, column: column) : nil
        case .object(let members):
            var changed = false
            let result = members.map { member in
                guard let normalised = member.node.normalisingWhitespace() else { return member }
                changed = true
                return (key: member.key, node: normalised)
            }
            return changed ? JSONNode(value: .object(result), line: line, column: column) : nil
        case .null, .bool, .number:
            return nil
        }
    }
}
