import TripactStore
import TripactCore

extension PublicRegisterPage {
    /// The Atom document (RFC 4287) of the public list: one entry per change, newest first. Links are absolute
    /// (`base` is the list's address), as feed readers that store entries apart from the feed need them.
    struct Feed {
        let model: Model

        func xml(base: String) -> String {
            let updated = model.changes.map(\.proposedAt).max() ?? model.publishedAt
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
            xml += "  <id>urn:tripact:register:\(Self.escape(model.slug))</id>\n"
            xml += "  <title>Subprocessors of \(Self.escape(model.organisation))</title>\n"
            xml += "  <updated>\(Self.escape(updated))</updated>\n"
            xml += "  <author><name>\(Self.escape(model.organisation))</name></author>\n"
            xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.escape(base)).atom\"/>\n"
            xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Self.escape(base))\"/>\n"
            for change in model.changes {
                xml += "  <entry>\n"
                xml += "    <id>urn:tripact:register:\(Self.escape(model.slug)):change:\(change.id)</id>\n"
                xml += "    <title>\(Self.escape(change.summary.prefix(1).uppercased() + change.summary.dropFirst()))</title>\n"
                xml += "    <updated>\(Self.escape(change.proposedAt))</updated>\n"
                xml += "    <published>\(Self.escape(change.proposedAt))</published>\n"
                xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Self.escape(base))#change-\(change.id)\"/>\n"
                xml += "    <content type=\"text\">\(Self.escape(change.details))</content>\n"
                xml += "  </entry>\n"
            }
            return xml + "</feed>\n"
        }

        /// XML escaping; characters XML 1.0 forbids are dropped.
        static func escape<S: StringProtocol>(_ text: S) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                default:
                    let value = scalar.value
                    if value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000 {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out
        }
    }
}
