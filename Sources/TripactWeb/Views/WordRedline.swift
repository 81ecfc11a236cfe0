import Foundation
import TripactCore

/// Words with their changes marked, written through the page's escaping: `<del>` for words taken out, `<ins>` for
/// words put in. Whole paragraphs for the whole-document redline; runs with a few words around them for summaries.
enum WordRedline {
    /// Every token, runs of one kind in one element.
    static func write(_ page: inout Page, _ tokens: [WordDiff.Token]) {
        var index = 0
        while index < tokens.count {
            let change = tokens[index].change
            if index > 0 { page.raw(" ") }
            var run: [String] = []
            while index < tokens.count, tokens[index].change == change {
                run.append(tokens[index].word)
                index += 1
            }
            mark(&page, run.joined(separator: " "), change)
        }
    }

    /// Each run of changed words with `context` unchanged words either side, "…" between runs; a paragraph break is "¶".
    static func excerpts(_ page: inout Page, _ tokens: [WordDiff.Token], context: Int = 5) {
        let changed = tokens.indices.filter { tokens[$0].change != .same }
        var shown = IndexSet()
        for index in changed { shown.insert(integersIn: max(0, index - context)..<min(tokens.count, index + context + 1)) }
        var previous: Int?
        for range in shown.rangeView {
            if previous != nil || range.lowerBound > 0 { page.raw("… ") }
            var index = range.lowerBound
            while index < range.upperBound {
                let change = tokens[index].change
                var run: [String] = []
                while index < range.upperBound, tokens[index].change == change {
                    run.append(tokens[index].isBreak ? "¶" : tokens[index].word)
                    index += 1
                }
                mark(&page, run.joined(separator: " "), change)
                page.raw(" ")
            }
            previous = range.upperBound
        }
        if let previous, previous < tokens.count { page.raw("…") }
    }

    /// Tokens cut at paragraph breaks; a break that was itself inserted or deleted still separates.
    static func paragraphs(_ tokens: [WordDiff.Token]) -> [[WordDiff.Token]] {
        var result: [[WordDiff.Token]] = [[]]
        for token in tokens {
            if token.isBreak { result.append([]) } else { result[result.count - 1].append(token) }
        }
        return result.filter { !$0.isEmpty }
    }

    private static func mark(_ page: inout Page, _ text: String, _ change: WordDiff.Token.Change) {
        switch change {
        case .same: page.text(text)
        case .deleted:
            page.raw("<del>")
            page.text(text)
            page.raw("</del>")
        case .inserted:
            page.raw("<ins>")
            page.text(text)
            page.raw("</ins>")
        }
    }
}
