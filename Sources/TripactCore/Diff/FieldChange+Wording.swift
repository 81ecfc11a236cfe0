extension FieldChange {
    /// The changes of a clause's own wording and rider, in words ("Own wording: the library's wording → the parties' own
    /// wording"), each assessed as needing review. The changed words themselves are in the clause's redline, which
    /// compares the printed text before and after, values filled; here they would only be said twice.
    static func wording(old: ClauseSelection, new: ClauseSelection) -> [FieldChange] {
        var changes: [FieldChange] = []
        if old.ownWording != new.ownWording {
            let library = "the library's wording", own = "the parties' own wording"
            let before = old.ownWording == nil ? library : own
            let after = new.ownWording == nil ? library : old.ownWording == nil ? own : "\(own), reworded"
            changes.append(FieldChange(field: "ownWording", label: "Own wording", old: before, new: after, assessment: .ownWording(.ownWording)))
        }
        if old.rider != new.rider {
            let before = old.rider.map(riderWords)
            let after = new.rider.map { old.rider == nil ? riderWords($0) : "\(riderWords($0)), reworded" }
            changes.append(FieldChange(field: "rider", label: "Rider", old: before, new: after, assessment: .ownWording(.rider)))
        }
        return changes
    }

    /// "a paragraph of the parties' own", "3 paragraphs of the parties' own".
    private static func riderWords(_ text: String) -> String {
        let count = text.split(separator: "\n\n", omittingEmptySubsequences: true).filter { !$0.allSatisfy(\.isWhitespace) }.count
        return count <= 1 ? "a paragraph of the parties' own" : "\(count) paragraphs of the parties' own"
    }
}
