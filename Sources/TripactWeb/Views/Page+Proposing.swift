import TripactStore

extension Page {
    /// The submit button of a form that changes the agreement: it saves into the side's private draft, which is sent
    /// from its review page. A user whose role does not propose reads a note in its place, so nobody types into a form
    /// that would only be refused.
    mutating func proposeButton(base: Int, session: TripactStore.Session) {
        if session.user.role.mayPropose {
            raw("<p><button type=\"submit\">Save to your side's draft</button> <small>The other side sees nothing until you send the draft.</small></p>")
        } else {
            raw("<p class=\"note\" role=\"note\">")
            text("You read this agreement as \(session.user.role.rawValue): only admin and legal users propose changes, so this form cannot be sent.")
            raw("</p>")
        }
    }

    /// "Edit" for those who propose changes, "Read" for the others.
    static func editVerb(_ session: TripactStore.Session) -> String { session.user.role.mayPropose ? "Edit" : "Read" }
}
