/// Builds HTML into a byte buffer: `raw` for markup we wrote, `text` for anything else, which it escapes.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup produced by our own code or pre-escaped library text; never user input.
    mutating func trusted(_ markup: String) {
        var markup = markup
        markup.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func text(_ value: String) {
        HTMLEscaping.appendEscaped(value, to: &bytes)
    }

    mutating func number(_ value: Int) {
        trusted(String(value))
    }

    /// `<tag>escaped text</tag>`.
    mutating func element(_ open: StaticString, _ value: String, _ close: StaticString) {
        raw(open)
        text(value)
        raw(close)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Quoting for a CSS string inside `<style>`: everything but plain letters, digits and a few signs is written as a CSS escape,
/// so no value can close the string or the style element.
func cssString(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", " ", ".", "-", "_", ":", "/", "#", "(", ")", ",":
            out.unicodeScalars.append(scalar)
        default:
            out += "\\" + String(scalar.value, radix: 16) + " "
        }
    }
    return out + "\""
}
