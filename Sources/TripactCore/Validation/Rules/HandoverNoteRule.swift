/// A hand-over note belongs to a row of the joint controllers' allocation table (Art. 26(1)) and is short: a note
/// on a row the table does not have, on another clause, or longer than `JointAllocation.maximumNoteBytes` is refused
/// by name. (Control characters are refused for every string when a document is read.)
struct HandoverNoteRule: ValidationRule {
    let code = "joint.handover-note"
    let article = "Art. 26(1)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var findings: [Finding] = []
        for (index, selection) in facts.document.clauses.enumerated() {
            guard let notes = selection.handoverNotes else { continue }
            for name in notes.keys.sorted() {
                let path = "clauses[\(index)].handoverNotes.\(name)"
                if selection.clause != JointAllocation.clause {
                    findings.append(error(path, "only the joint controllers' arrangement has hand-over notes; remove this one from clause '\(selection.clause)'"))
                } else if JointAllocation.row(name) == nil {
                    findings.append(error(path, "'\(name)' is not a row of the allocation table; a note belongs to one of \(JointAllocation.rows.map(\.parameter).joined(separator: ", "))"))
                } else if (notes[name] ?? "").utf8.count > JointAllocation.maximumNoteBytes {
                    findings.append(error(path, "a hand-over note takes at most \(JointAllocation.maximumNoteBytes) bytes; shorten it"))
                }
            }
        }
        return findings
    }
}
