/// How a refusal is answered over HTTP, by the web pages and the JSON API alike, so the two never disagree.
extension StoreError {
    /// The status code and the message a client is shown. A user never learns whether an agreement they may not see
    /// exists: "not a party" is "not found", worded like an unknown agreement.
    public var answer: (status: Int, message: String) {
        switch self {
        case .unknownAgreement, .unknownVersion, .notAParty: (404, "no such agreement or version")
        case .unknownItem: (404, description)
        case .unknownNotice: (404, "no such notice")
        case .unknownUser, .unknownOrganisation: (400, description)
        case .staleBase, .draftConflicts: (409, description)
        case .duplicate: (409, description)
        case .notPermitted: (403, description)
        case .signingRefused: (422, description)
        case .invalid: (400, description)
        case .invalidFields: (422, description)
        case .unusableLink(let problem): (problem == .unknown ? 404 : 410, description)
        case .database, .constraint, .busy: (500, "the database failed; nothing was saved")
        }
    }
}
