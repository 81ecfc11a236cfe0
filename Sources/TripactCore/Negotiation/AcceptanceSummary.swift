/// What accepting a selection would do for one side, said before anything changes: the items the selection covers that
/// the side has not yet accepted, and the items that stay open for it. The web's review page and
/// `tripact accept --only/--except` say it in these same words.
public struct AcceptanceSummary: Sendable, Hashable {
    public let party: PartyRole
    /// The head version the summary was made from; accepting on any other version is a conflict.
    public let version: Int
    /// The items to accept, in the version's order. Items the side has already accepted are left out, so the count is
    /// what will change.
    public let toAccept: [ItemKey]
    /// The items still open for the side that the selection leaves out.
    public let leftOpen: [ItemKey]

    public init(party: PartyRole, version: Int, toAccept: [ItemKey], leftOpen: [ItemKey]) {
        self.party = party
        self.version = version
        self.toAccept = toAccept
        self.leftOpen = leftOpen
    }

    /// The summary of accepting the `selected` keys (a resolved `AcceptanceSelection`) given the item states of head
    /// version `version`.
    public init(party: PartyRole, version: Int, selected: [ItemKey], states: [ItemState]) {
        let chosen = Set(selected)
        let open = states.filter { !$0.acceptedBy.contains(party) }.map(\.key)
        self.init(party: party, version: version, toAccept: open.filter(chosen.contains), leftOpen: open.filter { !chosen.contains($0) })
    }

    /// The summary of `selection` against the item states of head version `version`, or the names in the selection
    /// that are neither an item of that version nor a part.
    public static func of(
        _ selection: AcceptanceSelection, states: [ItemState], party: PartyRole, version: Int
    ) -> Result<AcceptanceSummary, AcceptanceSelection.UnknownItems> {
        selection.resolve(in: states.map(\.key)).map { AcceptanceSummary(party: party, version: version, selected: $0, states: states) }
    }

    /// "You are about to accept, for the controller, 2 items of version 3:"
    public var introduction: String { "You are about to accept, for the \(party.rawValue), \(Self.items(toAccept.count)) of version \(version):" }

    /// The heading of the items the selection leaves open.
    public static let leftOpenHeading = "These stay open for your side:"

    /// Said instead of a summary when the selection covers only items the side has already accepted.
    public static let nothingToAccept = "Your side has already accepted everything this selection covers; nothing is left to accept."

    /// The words of the button or question that accepts exactly `toAccept`: "Accept these 2 items", "Accept this item".
    public var confirmation: String { toAccept.count == 1 ? "Accept this item" : "Accept these \(Self.items(toAccept.count))" }

    /// "1 item", "3 items".
    public static func items(_ count: Int) -> String { "\(count) item\(count == 1 ? "" : "s")" }
}
