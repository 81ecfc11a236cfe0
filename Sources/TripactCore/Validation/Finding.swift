/// Something the validator found in an agreement: an error blocks signing, a warning asks for a look.
public struct Finding: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public let severity: Severity
    public let code: String
    public let article: String
    /// Where in the document: `clauses[4].parameters.hours`.
    public let path: String
    public let message: String

    public init(severity: Severity, code: String, article: String, path: String, message: String) {
        self.severity = severity
        self.code = code
        self.article = article
        self.path = path
        self.message = message
    }

    public var description: String { "\(severity.rawValue): \(message) [\(code), \(article)] (\(path))" }
}

/// A validation rule: a code, the article it enforces, and a pure check.
///
/// Adding a rule is adding a value to `Validator.rules`.
public protocol ValidationRule: Sendable {
    var code: String { get }
    var article: String { get }
    func check(_ facts: AgreementFacts) -> [Finding]
}

extension ValidationRule {
    func error(_ path: String, _ message: String) -> Finding {
        Finding(severity: .error, code: code, article: article, path: path, message: message)
    }

    func warning(_ path: String, _ message: String) -> Finding {
        Finding(severity: .warning, code: code, article: article, path: path, message: message)
    }
}

/// Clause ids and parameter names the rules rely on; the library lint keeps them present.
enum LibraryKeys {
    static let breachNotification: ClauseID = "breach-notification"
    static let jointControllership: ClauseID = "joint-controllership"
    static let breachHours = "hours"
    static let rightsRequests: ClauseID = "rights-requests"
    static let forwardDays = "forward-days"
    static let assistDays = "assist-days"
    static let answerAuthority = "authority"
    static let controllerOnly = "controller-only"
    static let subprocessors: ClauseID = "subprocessors"
    static let specificAuthorisation = "specific"
    static let noticeDays = "notice-days"
    static let objectionDays = "objection-days"
    static let requestDays = "request-days"
    static let dayCount = "day-count"
    static let governingLaw: ClauseID = "governing-law"
    static let governingLawLaw = "law"
    static let governingLawCourts = "courts"
}
