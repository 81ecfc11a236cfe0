import Hummingbird
import TripactCore
import TripactStore

/// The review of a selective acceptance (`POST /agreements/:reference/accept/review`): what the selection covers, in
/// words, with the button that accepts exactly that. Nothing changes here; the button posts to the accept route.
enum AcceptanceReviewPage {
    /// What the page shows, read from the store and put in words; the view only writes it.
    struct Model {
        /// Why nothing can be accepted from this selection (the page answers 422 with it), or nil.
        let problem: String?
        let reference: String
        let head: Int
        let introduction: String
        /// The items to accept, with their labels.
        let toAccept: [(key: ItemKey, label: String)]
        let leftOpen: [String]
        let confirmation: String

        /// Refuses a signed agreement, a version that is no longer the head, and names that are no items or parts.
        static func load(
            store: TripactStore, library: ClauseLibrary, reference: String, party: PartyRole, version: Int, mode: String?, names: [String]
        ) throws -> Model {
            guard try store.agreement(reference).status != .signed else {
                throw StoreError.notPermitted("this agreement is signed; propose an amendment instead")
            }
            let head = try store.version(reference)
            guard version == head.number else { throw StoreError.staleBase(agreement: reference, base: version, head: head.number) }
            let selection: AcceptanceSelection = mode == "except" ? .except(names) : .only(names)
            if case .only = selection, names.isEmpty {
                return Model(problem: "Check at least one item or part to accept, then review again.", reference: reference, head: head.number)
            }
            let states = try store.itemStates(reference)
            let summary: AcceptanceSummary
            switch AcceptanceSummary.of(selection, states: states, party: party, version: head.number) {
            case .success(let made): summary = made
            case .failure(let unknown): throw StoreError.unknownItem(agreement: reference, item: unknown.names.joined(separator: "', '"))
            }
            guard !summary.toAccept.isEmpty else { return Model(problem: AcceptanceSummary.nothingToAccept, reference: reference, head: head.number) }
            let labels = ItemLabels(document: head.document, library: library)
            return Model(
                problem: nil, reference: reference, head: head.number, introduction: summary.introduction,
                toAccept: summary.toAccept.map { (key: $0, label: labels.label($0)) }, leftOpen: summary.leftOpen.map { labels.label($0) }, confirmation: summary.confirmation
            )
        }
    }
}

extension AcceptanceReviewPage.Model {
    fileprivate init(problem: String, reference: String, head: Int) {
        self.init(problem: problem, reference: reference, head: head, introduction: "", toAccept: [], leftOpen: [], confirmation: "")
    }
}
