/// How a form's choices become a document's list without moving what stays: a form lists its choices in catalogue
/// order, but a list the parties already agreed keeps its own order, so saving a form as it was shown changes nothing
/// (same hash, the other side's acceptance kept).
public enum SelectionOrder {
    /// The selected keys: those already in `stored` first, in its order, then the new ones in the form's order.
    public static func keeping(_ stored: [String], _ selected: [String]) -> [String] {
        let chosen = Set(selected)
        let kept = stored.filter(chosen.contains)
        let known = Set(kept)
        return kept + selected.filter { !known.contains($0) }
    }
}
