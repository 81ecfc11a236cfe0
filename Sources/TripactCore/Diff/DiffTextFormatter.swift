/// The diff for a terminal: one line per change, the word redline of changed text with a little context.
///
/// Every piece of document text goes through `TextSafety.visible`, so only our own colour codes reach the terminal.
public enum DiffTextFormatter {
    public static func format(_ diff: AgreementDiff, color: Bool) -> String {
        let shown = TextSafety.visible
        let red = color ? "\u{1B}[31m" : ""
        let green = color ? "\u{1B}[32m" : ""
        let yellow = color ? "\u{1B}[33m" : ""
        let bold = color ? "\u{1B}[1m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        var out = "\(bold)diff \(shown(diff.from.label)) (sha256 \(diff.from.contentHash.prefix(12))) → \(shown(diff.to.label)) (sha256 \(diff.to.contentHash.prefix(12)))\(reset)\n"
        if diff.isEmpty { return out + "no changes\n" }
        var redlines: [ItemKey: ItemRedline] = [:]
        for item in diff.redline { redlines[item.key] = item }
        for change in diff.changes {
            switch change.kind {
            case .added: out += "\(green)+ \(shown(change.key.rawValue))\(reset)  \(shown(change.title))\n"
            case .removed: out += "\(red)- \(shown(change.key.rawValue))\(reset)  \(shown(change.title))\n"
            case .moved: out += "\(yellow)↕ \(shown(change.key.rawValue))\(reset)  \(shown(change.title)) (moved)\n"
            case .changed: out += "\(yellow)~ \(shown(change.key.rawValue))\(reset)  \(shown(change.title))\(change.moved ? " (moved)" : "")\n"
            }
            for field in change.fields { out += "    \(shown(field.summary))\n" }
            // A record's fields already show their words; a clause's printed text also moves with its parameters.
            if change.kind == .changed, change.key.kind == "clause" || change.fields.isEmpty, let redline = redlines[change.key] {
                for excerpt in excerpts(redline.tokens, red: red, green: green, reset: reset) { out += "    … \(excerpt) …\n" }
            }
        }
        for note in diff.renumbering { out += "  \(note.summary)\n" }
        let count = diff.changes.count
        out += "\(count) item\(count == 1 ? "" : "s") changed\(diff.renumbering.isEmpty ? "" : ", \(diff.renumbering.count) renumbering note\(diff.renumbering.count == 1 ? "" : "s")")\n"
        return out
    }

    /// Each run of changed words with up to five unchanged words around it.
    static func excerpts(_ tokens: [WordDiff.Token], red: String, green: String, reset: String) -> [String] {
        let context = 5
        var result: [String] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index].change != .same else {
                index += 1
                continue
            }
            var end = index
            while end < tokens.count {
                if tokens[end].change != .same {
                    end += 1
                    continue
                }
                let nextChange = tokens[end...].prefix(context * 2).firstIndex { $0.change != .same }
                guard let nextChange else { break }
                end = nextChange
            }
            let start = max(0, index - context)
            let stop = min(tokens.count, end + context)
            var words: [String] = []
            var position = start
            while position < stop {
                let change = tokens[position].change
                var run: [String] = []
                while position < stop, tokens[position].change == change {
                    run.append(tokens[position].isBreak ? "¶" : TextSafety.visible(tokens[position].word))
                    position += 1
                }
                switch change {
                case .same: words.append(run.joined(separator: " "))
                case .deleted: words.append("\(red)[-\(run.joined(separator: " "))-]\(reset)")
                case .inserted: words.append("\(green){+\(run.joined(separator: " "))+}\(reset)")
                }
            }
            result.append(words.joined(separator: " "))
            index = end
        }
        return result
    }
}
