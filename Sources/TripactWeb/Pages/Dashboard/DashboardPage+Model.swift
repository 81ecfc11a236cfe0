import TripactCore
import TripactStore

/// The dashboard (`/`): the organisation's agreements with what awaits its side, the open subprocessor notices and the
/// evidence to renew on any agreement relying on it.
enum DashboardPage {
    /// What the dashboard shows, read from the store and put in words; the view only writes it.
    struct Model {
        struct Row {
            let reference: String
            /// The title the head version prints (it says whether it is also a joint-controller or data-sharing agreement).
            let title: String
            let standing: String
            let head: Int
            /// "1 item", "3 items", or empty when the organisation is neither party by name.
            let awaiting: String
            let openForController: Int
            let openForProcessor: Int
            let controller: String
            let processor: String
        }

        struct Renewal {
            let reference: String
            let title: String
            let message: String
        }

        let mayStartAgreement: Bool
        let openNotices: [NoticeEntry]
        let renewals: [Renewal]
        let agreements: [Row]

        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session) throws -> Model {
            let agreements = try store.agreements(visibleTo: session.user.organisationID)
            let openNotices = try store.notices(visibleTo: session.user.organisationID, openOnly: true)
            // Each head read once: its printed title (which says whether it is also a joint-controller or data-sharing
            // agreement) and, below, the evidence it relies on.
            var documents: [String: AgreementDocument] = [:]
            var titles: [String: String] = [:]
            for agreement in agreements {
                let document = try store.version(agreement.reference).document
                documents[agreement.reference] = document
                titles[agreement.reference] = AgreementFacts.printedTitle(of: document)
            }
            // Evidence behind a measure warns on every agreement relying on it, whichever side the reader is on.
            var snapshots: [String: RegisterSnapshot] = [:]
            var renewals: [Renewal] = []
            for agreement in agreements {
                let registers = try snapshots[agreement.processor] ?? store.registerSnapshot(forAgreement: agreement.reference)
                snapshots[agreement.processor] = registers
                guard !registers.evidence.isEmpty else { continue }
                guard let document = documents[agreement.reference] else { continue }
                let words = FindingWords(document: document, library: library)
                let title = titles[agreement.reference] ?? agreement.title
                renewals += RegisterFindings.evidence(document, registers: registers).map {
                    Renewal(reference: agreement.reference, title: title, message: words.message($0))
                }
            }
            var rows: [Row] = []
            if !agreements.isEmpty {
                // The side of each agreement, from the organisation's name: one query for the page, none per row.
                let organisation = try store.organisations().first { $0.id == session.user.organisationID }?.name
                rows = agreements.map { agreement in
                    let awaiting = agreement.controller == organisation ? agreement.openForController : agreement.processor == organisation ? agreement.openForProcessor : nil
                    return Row(
                        reference: agreement.reference, title: titles[agreement.reference] ?? agreement.title, standing: agreement.standing, head: agreement.head,
                        awaiting: awaiting.map { $0 == 1 ? "1 item" : "\($0) items" } ?? "", openForController: agreement.openForController,
                        openForProcessor: agreement.openForProcessor, controller: agreement.controller, processor: agreement.processor
                    )
                }
            }
            return Model(mayStartAgreement: session.user.role.mayPropose, openNotices: openNotices, renewals: renewals, agreements: rows)
        }
    }
}
