import TripactStore

extension Page {
    /// The submit button of a form that changes the agreement: it saves into the side's private draft, which is sent
    /// from its review page. A user whose role does not propose reads a note in its place, so nobody types into a form
    /// that would only be refused.
    /// `offerSending` adds "Save and send now" (the clause form, where a counter-proposal is one number): it sends the
    /// whole draft with the form's message as the cover message.
    mutating func proposeButton(base: Int, session: TripactStore.Session, offerSending: Bool = false) {
        if session.user.role.mayPropose {
            raw("<p><button type=\"submit\">Save to your side's draft</button> ")
            if offerSending { raw("<button type=\"submit\" name=\"then\" value=\"send\">Save and send version \(base + 1) now</button> ") }
            raw("<small>The other side sees nothing until your side sends its draft.</small></p>")
        } else {
            raw("<p class=\"note\" role=\"note\">")
            text("You read this agreement as \(session.user.role.rawValue): only admin and legal users propose changes, so this form cannot be sent.")
            raw("</p>")
        }
    }

    /// "Edit" for those who propose changes, "Read" for the others.
    static func editVerb(_ session: TripactStore.Session) -> String { session.user.role.mayPropose ? "Edit" : "Read" }
}

extension Page {
    /// The summary above a refused form: how many problems, where to look, and that nothing was saved. Nothing when
    /// there are none. `noun` and `tail` are our own words (markup allowed), never a user's.
    mutating func formProblems(_ count: Int, noun: Markup = "form", tail: Markup = "see the fields below. Nothing was saved.") {
        guard count > 0 else { return }
        raw("<p class=\"error\" role=\"alert\">The ")
        raw(noun)
        raw(" has \(count) problem\(count == 1 ? "" : "s"); ")
        raw(tail)
        raw("</p>")
    }

    /// ` aria-invalid="true" aria-describedby="…"` inside a control's tag when its value was refused, so that a screen
    /// reader reads the message with the control; nothing otherwise.
    mutating func invalid(_ isInvalid: Bool, describedBy id: String? = nil) {
        guard isInvalid else { return }
        raw(" aria-invalid=\"true\"")
        guard let id else { return }
        raw(" aria-describedby=\"")
        text(id)
        raw("\"")
    }
}

extension Page {
    /// A field's message under it, with the id its control's `aria-describedby` names. Nothing without a message.
    mutating func fieldError(_ message: String?, id: String) {
        guard let message else { return }
        raw("<p class=\"error\" id=\"")
        text(id)
        raw("\">")
        text(message)
        raw("</p>")
    }
}
