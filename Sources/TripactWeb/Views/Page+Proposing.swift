import TripactStore

extension Page {
    /// The submit button of a form that proposes a version. A user whose role does not propose reads a note in its
    /// place, so nobody types into a form that would only be refused.
    mutating func proposeButton(base: Int, session: TripactStore.Session) {
        if session.user.role.mayPropose {
            raw("<p><button type=\"submit\">Propose version \(base + 1)</button></p>")
        } else {
            raw("<p class=\"note\" role=\"note\">")
            text("You read this agreement as \(session.user.role.rawValue): only admin and legal users propose changes, so this form cannot be sent.")
            raw("</p>")
        }
    }

    /// "Edit" for those who propose changes, "Read" for the others.
    static func editVerb(_ session: TripactStore.Session) -> String { session.user.role.mayPropose ? "Edit" : "Read" }
}
