import Hummingbird
import TripactCore
import TripactStore

/// One notice or approval request (`/notices/:id`), as both parties of its agreement see it, with the forms open to
/// the user: the controller's objection or decision, and either side's resolution of an objection.
enum NoticePage {
    /// What the page shows, its facts in words and the forms the user may use already decided.
    struct Model {
        /// The form the controller's negotiators get while the notice is pending.
        enum Response {
            /// Object within the objection period (a notice under general authorisation).
            case object
            /// Approve or refuse (a request under specific authorisation); `when` says when Annex IV follows.
            case decide(when: String)
        }

        let notice: NoticeEntry
        /// "Notice (objection possible) from … to …, issued on …, for the agreement " (the title follows as a link).
        let opening: String
        /// The facts table, label and value.
        let facts: [(label: String, value: String)]
        let response: Response?
        /// The outcomes the user may record for an objection or refusal, each with its words; empty when none is open.
        let resolutions: [(NoticeResolution, label: String)]
        /// "refusal" or "objection", for the resolution form's heading.
        let resolving: String
        let entered: (reason: String, note: String)
        let errors: [String: String]

        /// The notice in the path, if the user's organisation is a party of its agreement; else 404 (`StoreError.unknownNotice`).
        static func load(store: TripactStore, session: TripactStore.Session, id: Int, entered: (reason: String, note: String) = ("", ""), errors: [String: String] = [:])
            throws -> Model
        {
            let (notice, party) = try find(store: store, session: session, id: id)
            let today = store.today()
            let kind = NoticeViews.kindLabel(notice.kind)
            let opening = "\(kind.prefix(1).uppercased())\(kind.dropFirst()) from \(notice.processor) to \(notice.controller), issued on \(notice.issued.label), for the agreement "
            var facts: [(String, String)] = [("Why this agreement", notice.reason), ("Message", notice.message), ("Status", notice.status.label)]
            let daysLeft = notice.kind == .notice && today <= notice.respondBy ? " (\(today.days(until: notice.respondBy)) days left)" : ""
            facts.append((notice.deadlineLabel.prefix(1).uppercased() + notice.deadlineLabel.dropFirst(), notice.respondBy.label + daysLeft))
            if notice.kind != .approvalRequest { facts.append(("Annex IV follows on", notice.takesEffect.label)) }
            if notice.late { facts.append(("Late", "The request came later than this agreement's request period allows.")) }
            if let objection = notice.objection {
                facts.append((notice.status == .refused ? "Refused because" : "Objection", "\(objection) (\(notice.objectedBy ?? ""), \(notice.objectedAt?.prefix(10) ?? ""))"))
            }
            if let note = notice.resolutionNote { facts.append(("Resolution", "\(note) (\(notice.decidedBy ?? ""))")) }
            let negotiator = session.user.role.mayPropose
            var response: Response?
            if negotiator, party == .controller, notice.status == .pending {
                switch notice.kind {
                case .notice where today <= notice.respondBy: response = .object
                // Annex IV follows on the change's planned start, not on the day of the approval.
                case .approvalRequest: response = .decide(when: notice.takesEffect <= today ? "at once" : "on \(notice.takesEffect.iso), the planned start")
                default: break
                }
            }
            let resolutions = negotiator ? NoticeResolution.allCases.filter { $0.isOpen(to: party, on: notice.status) }.map { ($0, label($0)) } : []
            return Model(
                notice: notice, opening: opening, facts: facts, response: response, resolutions: resolutions,
                resolving: notice.status == .refused ? "refusal" : "objection", entered: entered, errors: errors
            )
        }

        /// The notice and the user's side in its agreement; the store answers unknown for another organisation's notice.
        static func find(store: TripactStore, session: TripactStore.Session, id: Int) throws -> (NoticeEntry, PartyRole) {
            let notice = try store.notice(id, visibleTo: session.user.organisationID)
            return (notice, try store.party(of: session.user, in: notice.agreement) ?? .processor)
        }

        private static func label(_ resolution: NoticeResolution) -> String {
            switch resolution {
            case .withdrawn: "The change is withdrawn for this agreement"
            case .alternativeOffered: "An alternative is offered (send it as a change of its own)"
            case .terminated: "We terminate the services concerned"
            }
        }
    }
}
