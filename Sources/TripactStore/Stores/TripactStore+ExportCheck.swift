public import TripactCore

/// What the records say about an exported file: the one rule behind `tripact verify --db` and the API's
/// `verifyExport`, so that the two cannot disagree about a file.
public struct ExportCheck: Sendable, Codable, Equatable {
    /// A stored version with the file's content hash.
    public struct Match: Sendable, Codable, Equatable {
        public let agreement: String
        public let version: Int
        /// The recorded status and signatures, in words.
        public let standing: String
        /// Where what the file prints differs from the records.
        public let disagreements: [String]

        public init(agreement: String, version: Int, standing: String, disagreements: [String]) {
            self.agreement = agreement
            self.version = version
            self.standing = standing
            self.disagreements = disagreements
        }
    }

    public let contentHash: String
    public let matches: [Match]
    public let auditProblems: [String]

    public init(contentHash: String, matches: [Match], auditProblems: [String]) {
        self.contentHash = contentHash
        self.matches = matches
        self.auditProblems = auditProblems
    }

    /// A stored version, printed as recorded, with a chain that vouches for its rows.
    public var isIntact: Bool { !matches.isEmpty && matches.allSatisfy(\.disagreements.isEmpty) && auditProblems.isEmpty }
}

extension TripactStore {
    /// The file against the database: a stored version with this hash, printed with the status and signatures that
    /// the database records for it, and a chain that vouches for that version's rows. With `organisationID`, only
    /// that organisation's agreements are looked at (the API's caller never learns of another's).
    public func check(_ result: ExportVerifier.Result, visibleTo organisationID: Int? = nil) throws(StoreError) -> ExportCheck {
        var found = try versions(withHash: result.contentHash)
        if let organisationID {
            let visible = Set(try agreements(visibleTo: organisationID).map(\.reference))
            found = found.filter { visible.contains($0.agreement) }
        }
        guard !found.isEmpty else { return ExportCheck(contentHash: result.contentHash, matches: [], auditProblems: []) }
        var matches: [ExportCheck.Match] = []
        for match in found {
            let recorded = try renderContext(match.agreement, version: match.number)
            var disagreements: [String] = []
            if let printed = result.context, printed.version == match.number || found.count == 1 {
                disagreements = ExportVerifier.disagreements(printed: printed, recorded: recorded)
            }
            matches.append(ExportCheck.Match(agreement: match.agreement, version: match.number, standing: recorded.standing, disagreements: disagreements))
        }
        let audit = try verifyAudit()
        let agreementIDs = try found.map { match throws(StoreError) in try agreementRowID(match.agreement) }
        let concerned = audit.problems.filter { problem in
            problem.hasPrefix("audit row") || agreementIDs.contains { problem.contains("agreement_id=\($0),") || problem.contains("agreements(id=\($0))") }
        }
        return ExportCheck(contentHash: result.contentHash, matches: matches, auditProblems: concerned)
    }

    /// What `tripact log` says after a version made by the agreement's own procedures, by version: the update in
    /// words and, when it carries a signed version's signatures, which. The web's agreement page says the same.
    public func proceduralNotes(_ reference: String) throws(StoreError) -> [Int: String] {
        var notes: [Int: String] = [:]
        for update in try proceduralUpdates(reference) {
            let context = try renderContext(reference, version: update.version)
            notes[update.version] = context.signedVersion.map { "signed: carries the signatures of version \($0.version); \(update.sentence)" } ?? update.sentence
        }
        return notes
    }
}
