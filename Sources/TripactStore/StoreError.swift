public import TripactCore

/// Why the store refused or failed; each case names what the user typed, so the CLI and the web can say it back.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case database(String)
    case constraint(String)
    case busy(String)
    case unknownOrganisation(String)
    case unknownUser(String)
    case unknownAgreement(String)
    case unknownVersion(agreement: String, version: Int)
    case unknownItem(agreement: String, item: String)
    case duplicate(String)
    /// A proposal based on a version that is no longer the head.
    case staleBase(agreement: String, base: Int, head: Int)
    /// A draft that cannot be sent yet: items both sides changed wait to be settled (none named: a colleague changed
    /// the draft while it was being sent).
    case draftConflicts(agreement: String, items: [String])
    case notAParty(user: String, agreement: String)
    case notPermitted(String)
    case signingRefused(agreement: String, reasons: [String])
    case invalid(String)
    /// An input with problems at named fields (a register entry, a piece of evidence).
    case invalidFields([FieldProblem])
    case unknownNotice(Int)
    /// A setup link or an invitation that is unknown, expired, used or no longer needed.
    case unusableLink(LinkProblem)

    public var description: String {
        switch self {
        case .database(let message): "database error: \(message)"
        case .constraint(let message): "the database refused the change: \(message)"
        case .busy(let message): "the database stayed busy: \(message); try again"
        case .unknownOrganisation(let name): "unknown organisation '\(name)'; 'tripact org add NAME' creates it"
        case .unknownUser(let email): "unknown user '\(email)'; 'tripact user add' creates it"
        case .unknownAgreement(let reference): "unknown agreement '\(reference)'; 'tripact agreements' lists them"
        case .unknownVersion(let agreement, let version): "agreement '\(agreement)' has no version \(version); 'tripact log \(agreement)' lists them"
        case .unknownItem(let agreement, let item): "agreement '\(agreement)' has no item '\(item)' in its head version; 'tripact show \(agreement) --items' lists them"
        case .duplicate(let what): "\(what) already exists"
        case .staleBase(let agreement, let base, let head):
            "conflict: your proposal is based on version \(base) of '\(agreement)', but the head is now version \(head); "
                + "compare with 'tripact diff \(agreement) \(base) \(head)', merge, and propose again with --base \(head)"
        case .draftConflicts(let agreement, let items) where items.isEmpty:
            "conflict: your side's draft of '\(agreement)' changed while it was being sent; review it and send again"
        case .draftConflicts(let agreement, let items):
            "conflict: the other side also changed \(items.joined(separator: ", ")) since your draft of '\(agreement)' was prepared; "
                + "settle each (take theirs or keep yours) before sending ('tripact draft diff \(agreement)' shows both)"
        case .notAParty(let user, let agreement): "user '\(user)' belongs to neither party of agreement '\(agreement)'"
        case .notPermitted(let message): "not permitted: \(message)"
        case .signingRefused(let agreement, let reasons): "cannot sign '\(agreement)': " + reasons.joined(separator: "; ")
        case .invalid(let message): message
        case .invalidFields(let problems): problems.map(\.description).joined(separator: "; ")
        case .unknownNotice(let id): "unknown notice \(id); 'tripact notices' lists them"
        case .unusableLink(let problem): problem.description
        }
    }
}

extension StoreError {
    /// A signed version takes no acceptance or rejection: only an amendment changes it.
    public static func signedVersion(_ head: Int, of reference: String) -> StoreError {
        .notPermitted("version \(head) of '\(reference)' is signed; propose an amendment instead")
    }
}
