import Foundation
import Testing
@testable import TripactCore

@Suite struct WordDiffCostTests {
    /// Small random sequences against a textbook LCS table: the bounded search finds a shortest edit script.
    @Test(arguments: 0..<60)
    func theBoundedSearchIsMinimalWhenItHasBudget(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) &* 7 &+ 3)
        let alphabet = 1 + seed % 5
        let old = (0..<Int.random(in: 0...30, using: &random)).map { _ in Int.random(in: 0...alphabet, using: &random) }
        let new = (0..<Int.random(in: 0...30, using: &random)).map { _ in Int.random(in: 0...alphabet, using: &random) }
        let script = BoundedMyers.script(old: old, new: new, budget: 1_000_000)
        #expect(!script.gaveUp)
        var kept = 0
        var rebuiltOld: [Int] = []
        var rebuiltNew: [Int] = []
        for operation in script.operations {
            switch operation {
            case .same(let i, let j):
                #expect(old[i] == new[j])
                kept += 1
                rebuiltOld.append(old[i])
                rebuiltNew.append(new[j])
            case .deleted(let i): rebuiltOld.append(old[i])
            case .inserted(let j): rebuiltNew.append(new[j])
            }
        }
        #expect(rebuiltOld == old && rebuiltNew == new)
        #expect(kept == longestCommonSubsequence(old, new))
    }

    @Test func outOfBudgetTheRunIsReplacedWholeAndStillComplete() {
        let old = Array(0..<2_000)
        let new = Array(2_000..<4_000)
        let script = BoundedMyers.script(old: old, new: new, budget: 1_000)
        #expect(script.gaveUp)
        #expect(script.operations.count == 4_000)
    }

    @Test func oneChangedWordInALongTextIsTheOnlyChange() {
        let words = (0..<20_000).map { "w\($0 % 97)" }
        var changed = words
        changed[10_000] = "amended"
        let paragraphs = stride(from: 0, to: words.count, by: 50).map { words[$0..<min($0 + 50, words.count)].joined(separator: " ") }
        let changedParagraphs = stride(from: 0, to: changed.count, by: 50).map { changed[$0..<min($0 + 50, changed.count)].joined(separator: " ") }
        let tokens = WordDiff.diff(old: paragraphs, new: changedParagraphs)
        #expect(tokens.filter { $0.change != .same }.map(\.word) == [words[10_000], "amended"])
    }

    /// A guard only: the benchmark holds the real target (0.5 s in release). Quadratic code took minutes here.
    @Test func aMegabyteRewrittenEndToEndFinishesWithinAGenerousBound() {
        func text(_ seed: Int) -> [String] {
            (0..<3_500).map { paragraph in (0..<60).map { "w\((paragraph * 60 + $0) * seed % 1_009)" }.joined(separator: " ") }
        }
        let old = text(7)
        let new = text(13)
        #expect(old.reduce(0) { $0 + $1.utf8.count } > 1_000_000)
        let started = ContinuousClock.now
        let tokens = WordDiff.diff(old: old, new: new)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(20), "took \(elapsed)")
        #expect(tokens.filter { $0.change != .inserted }.map(\.word) == WordDiff.tokens(old))
        #expect(tokens.filter { $0.change != .deleted }.map(\.word) == WordDiff.tokens(new))
    }

    private func longestCommonSubsequence(_ a: [Int], _ b: [Int]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
