import TripactCore

/// HTML as this module writes it: the literal parts of a string literal are markup, and what is interpolated into
/// them goes in escaped unless it is `Markup` itself. So `"<a href=\\"\\(link)\\">\\(title)</a>"` escapes both values, and a
/// value holding `<script>` or a quote cannot become markup however it reached the page.
///
/// Numbers go in as digits; a piece of markup that depends on a condition is `\\(if: condition, " selected")`.
struct Markup: ExpressibleByStringInterpolation, Sendable, Equatable {
    let html: String

    init(stringLiteral value: String) { html = value }

    init(stringInterpolation: Interpolation) { html = stringInterpolation.html }

    /// Markup our renderers made, which escape what they write.
    static func trusted(_ html: String) -> Markup { Markup(stringLiteral: html) }

    static let empty: Markup = ""

    static func + (lhs: Markup, rhs: Markup) -> Markup { .trusted(lhs.html + rhs.html) }

    struct Interpolation: StringInterpolationProtocol {
        var html = ""

        init(literalCapacity: Int, interpolationCount: Int) { html.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        mutating func appendLiteral(_ literal: String) { html += literal }

        /// Any text: escaped for element content and for a quoted attribute value alike.
        mutating func appendInterpolation(_ value: String) { html += HTMLEscaping.escape(value) }

        mutating func appendInterpolation(_ value: Substring) { html += HTMLEscaping.escape(String(value)) }

        mutating func appendInterpolation(_ value: Int) { html += String(value) }

        mutating func appendInterpolation(_ value: Markup) { html += value.html }

        /// `markup` when the condition holds, nothing otherwise: `<option\\(if: chosen, " selected")>`.
        mutating func appendInterpolation(if condition: Bool, _ markup: Markup) {
            if condition { html += markup.html }
        }
    }
}
