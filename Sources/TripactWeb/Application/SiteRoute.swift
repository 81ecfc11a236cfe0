import Foundation

/// Every page and form the web application serves, defined once: the pattern the router matches (the raw value), who
/// may reach it, and the links to it. Controllers register routes by case and views write links by case, so a path
/// cannot drift between the two; `SiteRouteTests` checks that every case is registered and every registration is a case.
enum SiteRoute: String, CaseIterable, Sendable {
    // Reachable without signing in.
    case health = "health"
    case login = "login"
    case setup = "setup/:token"
    case invitation = "invitation/:token"
    case signatory = "signatory/:token"
    case publicSubprocessors = "public/:slug/subprocessors"
    case publicSubprocessorFeed = "public/:slug/subprocessors.atom"
    /// Open, so that a stale cookie can be cleared; a live session is ended only with its CSRF token.
    case logout = "logout"

    // The signed-in user's own organisation.
    case dashboard = "/"
    case apiTokens = "account/tokens"
    case apiTokenRevoke = "account/tokens/:id/revoke"
    case admin = "admin"
    case adminInvitations = "admin/invitations"
    case adminOrganisations = "admin/organisations"
    case adminUsers = "admin/users"
    case adminUserRemove = "admin/users/remove"
    case adminUserRole = "admin/users/role"
    case approvals = "approvals"
    case approvalApprove = "approvals/:id/approve"
    case approvalRefuse = "approvals/:id/refuse"
    case approvalRules = "approvals/rules"
    case approvalRuleDrop = "approvals/rules/drop"
    case newAgreement = "new-agreement"
    case playbook = "playbook"
    case playbookClause = "playbook/clauses/:clause"
    case playbookExport = "playbook/export"
    case playbookRoles = "playbook/roles"
    case measureRegister = "registers/measures"
    case measureRegisterRemove = "registers/measures/:id/remove"
    case registerPublish = "registers/publish"
    case subprocessorRegister = "registers/subprocessors"
    case subprocessorNew = "registers/subprocessors/new"
    case subprocessorChange = "registers/subprocessors/:id/change"
    case subprocessorRemove = "registers/subprocessors/:id/remove"

    // One subprocessor notice.
    case notice = "notices/:id"
    case noticeApprove = "notices/:id/approve"
    case noticeObject = "notices/:id/object"
    case noticeResolve = "notices/:id/resolve"

    // One agreement.
    case agreement = "agreements/:reference"
    case compare = "agreements/:reference/compare"
    case compareDocx = "agreements/:reference/compare/docx"
    case version = "agreements/:reference/versions/:number"
    case versionDocx = "agreements/:reference/versions/:number/docx"
    case accept = "agreements/:reference/accept"
    case acceptReview = "agreements/:reference/accept/review"
    case sign = "agreements/:reference/sign"
    case reviewed = "agreements/:reference/reviewed"
    case signatoryInvitation = "agreements/:reference/signatory-invitation"
    case signatoryLinkWithdraw = "agreements/:reference/signatory-links/withdraw"
    case addMissingClauses = "agreements/:reference/add-missing-clauses"
    case draft = "agreements/:reference/draft"
    case draftSend = "agreements/:reference/draft/send"
    case draftDiscard = "agreements/:reference/draft/discard"
    case draftSettle = "agreements/:reference/draft/settle"
    case clause = "agreements/:reference/clauses/:clause"
    case clauseComments = "agreements/:reference/clauses/:clause/comments"
    case clauseWording = "agreements/:reference/clauses/:clause/wording"
    case item = "agreements/:reference/items/:item"
    case itemComments = "agreements/:reference/items/:item/comments"
    case itemAccept = "agreements/:reference/items/:item/accept"
    case itemReject = "agreements/:reference/items/:item/reject"
    case parties = "agreements/:reference/parties"
    case annex2 = "agreements/:reference/annex2"
    case locations = "agreements/:reference/locations"
    case measures = "agreements/:reference/measures"
    case assistance = "agreements/:reference/assistance"
    case subprocessors = "agreements/:reference/subprocessors"
    case consumer = "agreements/:reference/consumer"
    case terms = "agreements/:reference/terms"
    case allocation = "agreements/:reference/allocation"
    case word = "agreements/:reference/word"

    /// Who may reach a route. Signing in is checked by `Routes` before the handler runs (`SignIn`), never by a handler.
    enum Access: Sendable {
        /// Anyone: the log-in page, one-time links, the public register, the health check.
        case open
        /// A signed-in user of an organisation; an account made only to sign one agreement is refused.
        case signedIn
        /// Also an account made only to sign one agreement, on that agreement alone: its page, its printed versions,
        /// its signing page and form (and, as open routes, logging out and the public pages).
        case signingAccountsToo
    }

    var access: Access {
        switch self {
        case .health, .login, .logout, .setup, .invitation, .signatory, .publicSubprocessors, .publicSubprocessorFeed: .open
        case .agreement, .version, .versionDocx, .sign: .signingAccountsToo
        default: .signedIn
        }
    }

    /// The pattern as Hummingbird's router reads it.
    var pattern: String { rawValue }

    /// The names of the pattern's parameters, in order (`reference`, `clause`).
    var parameterNames: [String] {
        rawValue.split(separator: "/").compactMap { $0.first == ":" ? String($0.dropFirst()) : nil }
    }

    /// The absolute path of this route with its parameters filled in order, each percent-encoded as one path segment,
    /// then the query (encoded) and the fragment: `SiteRoute.clause.link("DPA 1", "breach-notification")` is
    /// `/agreements/DPA%201/clauses/breach-notification`.
    func link(_ values: String..., query: KeyValuePairs<String, String> = [:], fragment: String? = nil) -> String {
        link(values: values, query: query, fragment: fragment)
    }

    func link(values: [String], query: KeyValuePairs<String, String> = [:], fragment: String? = nil) -> String {
        precondition(values.count == parameterNames.count, "\(self) takes \(parameterNames.count) parameters, not \(values.count)")
        var remaining = values[...]
        var path = ""
        for segment in rawValue.split(separator: "/") {
            path += "/"
            if segment.first == ":" {
                path += Self.segment(remaining.removeFirst())
            } else {
                path += segment
            }
        }
        if path.isEmpty { path = "/" }
        if !query.isEmpty {
            path += "?" + query.map { "\(Self.queryValue($0.key))=\(Self.queryValue($0.value))" }.joined(separator: "&")
        }
        if let fragment { path += "#" + Self.queryValue(fragment) }
        return path
    }

    /// A value as one path segment: everything but letters, digits, '-', '_' and '.' percent-encoded.
    static func segment(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        return plain ? value : value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static func queryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")
}
