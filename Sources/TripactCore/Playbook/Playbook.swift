/// One side's private negotiating positions: for each clause the preferred, fallback and walk-away variant, and for each
/// parameter the same three values.
///
/// An organisation starts from the library's playbook for the side it negotiates as (`Playbook.library`) and may change
/// any position. The diff and the clause page judge a change against the reader's own playbook only: a playbook never
/// reaches the other side.
public struct Playbook: Sendable, Hashable {
    /// The side these positions are for: a brand negotiates as controller, a BPO as processor.
    public let side: PartyRole
    /// Variant positions by clause; a clause without an entry has no positions (it is not negotiated).
    public private(set) var variants: [ClauseID: PlaybookPositions<String>]
    /// Parameter positions by clause, then parameter name.
    public private(set) var parameters: [ClauseID: [String: PlaybookPositions<ParameterValue>]]
    /// The organisation's positions on who decides a purpose; nil follows the side's defaults (`defaultRolePositions`).
    public private(set) var roles: PlaybookPositions<PurposeRole>?

    public init(side: PartyRole, variants: [ClauseID: PlaybookPositions<String>] = [:], parameters: [ClauseID: [String: PlaybookPositions<ParameterValue>]] = [:]) {
        self.side = side
        self.variants = variants
        self.parameters = parameters.filter { !$0.value.isEmpty }
    }

    /// The library's playbook for `side`: the default every organisation starts from.
    public static func library(_ library: ClauseLibrary, side: PartyRole) -> Playbook {
        var playbook = Playbook(side: side)
        playbook.roles = defaultRolePositions(side)
        for clause in library.clauses {
            if let positions = clause.playbook[side] {
                playbook.variants[clause.id] = PlaybookPositions(preferred: positions.preferred, fallback: positions.fallback, walkAway: positions.walkAway)
            }
            for spec in clause.parameters {
                guard let raw = spec.playbook[side], let preferred = spec.parse(raw.preferred), let fallback = spec.parse(raw.fallback),
                    let walkAway = spec.parse(raw.walkAway)
                else { continue }
                playbook.parameters[clause.id, default: [:]][spec.name] = PlaybookPositions(preferred: preferred, fallback: fallback, walkAway: walkAway)
            }
        }
        return playbook
    }

    public func variantPositions(_ clause: ClauseID) -> PlaybookPositions<String>? { variants[clause] }

    public func parameterPositions(_ clause: ClauseID, _ name: String) -> PlaybookPositions<ParameterValue>? { parameters[clause]?[name] }

    /// Sets a clause's variant positions, unchecked: callers check against the library first (`PlaybookEdit`, `PlaybookCodec`).
    public mutating func setVariantPositions(_ positions: PlaybookPositions<String>, for clause: ClauseID) {
        variants[clause] = positions
    }

    /// Sets a parameter's positions, unchecked like `setVariantPositions`.
    public mutating func setParameterPositions(_ positions: PlaybookPositions<ParameterValue>, for clause: ClauseID, _ name: String) {
        parameters[clause, default: [:]][name] = positions
    }

    /// Sets the positions on who decides a purpose, unchecked like `setVariantPositions` (every role is a valid value).
    public mutating func setRolePositions(_ positions: PlaybookPositions<PurposeRole>) {
        roles = positions
    }

    /// Only the positions that differ from `base` (the library's playbook for the same side): what an organisation changed.
    public func differences(from base: Playbook) -> Playbook {
        var result = Playbook(side: side)
        if let roles, roles != base.rolePositions { result.roles = roles }
        for (clause, positions) in variants where base.variants[clause] != positions { result.variants[clause] = positions }
        for (clause, byName) in parameters {
            for (name, positions) in byName where base.parameters[clause]?[name] != positions {
                result.parameters[clause, default: [:]][name] = positions
            }
        }
        return result
    }

    /// `changes` laid over this playbook: each position `changes` holds replaces this one's.
    public func overlaid(with changes: Playbook) -> Playbook {
        var result = self
        if let roles = changes.roles { result.roles = roles }
        for (clause, positions) in changes.variants { result.variants[clause] = positions }
        for (clause, byName) in changes.parameters {
            for (name, positions) in byName { result.parameters[clause, default: [:]][name] = positions }
        }
        return result
    }

    /// Whether the playbook holds no position at all (a set of differences that changes nothing).
    public var isEmpty: Bool { roles == nil && variants.isEmpty && parameters.isEmpty }

    /// How many positions (variant, parameter or roles) the playbook holds.
    public var count: Int { (roles == nil ? 0 : 1) + variants.count + parameters.values.reduce(0) { $0 + $1.count } }
}

/// A side's preferred, fallback and walk-away position for one variant choice or one parameter.
public struct PlaybookPositions<Value: Sendable & Hashable>: Sendable, Hashable {
    public var preferred: Value
    public var fallback: Value
    public var walkAway: Value

    public init(preferred: Value, fallback: Value, walkAway: Value) {
        self.preferred = preferred
        self.fallback = fallback
        self.walkAway = walkAway
    }

    /// The three positions in order, with the words a reader knows them by.
    public var named: [(name: String, value: Value)] { [("preferred", preferred), ("fallback", fallback), ("walk-away", walkAway)] }
}

extension Playbook {
    /// The side's positions on who decides a purpose: the organisation's own where it stored some, else the side's
    /// defaults. The diff judges a role change against them (`StanceAssessment.role`).
    public var rolePositions: PlaybookPositions<PurposeRole> { roles ?? Self.defaultRolePositions(side) }

    /// Where every organisation starts. A brand prefers purposes run on its behalf and would at most share them with an
    /// independent recipient; a BPO prefers its own use of the data and at least processes on the brand's behalf.
    public static func defaultRolePositions(_ side: PartyRole) -> PlaybookPositions<PurposeRole> {
        side == .controller
            ? PlaybookPositions(preferred: .onBehalf, fallback: .joint, walkAway: .independent)
            : PlaybookPositions(preferred: .independent, fallback: .joint, walkAway: .onBehalf)
    }
}
