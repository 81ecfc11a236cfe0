public import Foundation

/// Reads and writes a playbook as JSON (`tripact-playbook/1`, see docs/format.md), as strictly as an agreement document:
/// a malformed file, an unknown key, a clause or variant the library lacks, a parameter value of the wrong type or out of
/// its bounds, and a control character each name their JSON path and line.
public enum PlaybookCodec {
    public static let currentFormat = "tripact-playbook/1"

    /// Decodes a playbook file. Positions the file leaves out keep the library's positions for the file's side, so an
    /// exported file re-imports to the same playbook and a short file changes only what it names.
    public static func decode(_ data: Data, library: ClauseLibrary) throws(DocumentError) -> Playbook {
        let file: PlaybookFile
        do {
            file = try DocumentCodec.decodeStrict(PlaybookFile.self, from: data)
        } catch {
            if case .unknownKey(let path, let line, _) = error {
                throw .invalidValue(path: path, message: "is not a field of a playbook (\(currentFormat), see docs/format.md)", line: line)
            }
            throw error
        }
        let tree = try? JSONParser.parse([UInt8](data))
        func line(_ path: [PathComponent]) -> Int? { tree?.node(at: path)?.line }
        guard file.format == currentFormat else {
            throw .invalidValue(path: "format", message: "is '\(file.format)'; this version of Tripact reads '\(currentFormat)'", line: line([.key("format")]))
        }
        let base = Playbook.library(library, side: file.side)
        return try base.overlaid(with: positions(of: file, library: library, line: line))
    }

    /// A playbook the store wrote itself, as differences from the library: entries that no longer fit the library (a
    /// variant since removed, a bound since narrowed) are dropped, so that the library's position applies instead of the
    /// organisation's pages failing.
    public static func decodeStored(_ data: Data, library: ClauseLibrary) -> Playbook? {
        guard let file = try? JSONDecoder().decode(PlaybookFile.self, from: data) else { return nil }
        return try? positions(of: file, library: library, line: { _ in nil }, lenient: true)
    }

    /// Pretty JSON with sorted keys, for `tripact playbook export` and the web's download.
    public static func prettyJSON(_ playbook: Playbook) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(PlaybookFile(playbook))) ?? Data()) + Data("\n".utf8)
    }

    /// The canonical encoding (sorted keys, no insignificant white space), as the store keeps it.
    public static func canonicalJSON(_ playbook: Playbook) -> Data {
        DocumentCodec.canonicalJSON(PlaybookFile(playbook))
    }

    /// The positions a decoded file holds, each checked against the library.
    /// With `lenient`, an entry that does not fit is left out instead of refused.
    private static func positions(
        of file: PlaybookFile, library: ClauseLibrary, line: ([PathComponent]) -> Int?, lenient: Bool = false
    ) throws(DocumentError) -> Playbook {
        func refuse(_ error: DocumentError) throws(DocumentError) { if !lenient { throw error } }
        var result = Playbook(side: file.side)
        if let roles = file.roles { result.setRolePositions(PlaybookPositions(preferred: roles.preferred, fallback: roles.fallback, walkAway: roles.walkAway)) }
        for (id, entry) in file.clauses.sorted(by: { $0.key < $1.key }) {
            let clausePath: [PathComponent] = [.key("clauses"), .key(id)]
            guard let clause = library.clause(ClauseID(id)) else {
                try refuse(.invalidValue(path: formatPath(clausePath), message: "is not a clause of the library; 'tripact clauses' lists them", line: line(clausePath)))
                continue
            }
            if let variant = entry.variant {
                let unknown = [("preferred", variant.preferred), ("fallback", variant.fallback), ("walkAway", variant.walkAway)].first { clause.variant($0.1) == nil }
                if let unknown {
                    let (name, key) = unknown
                    let path = clausePath + [.key("variant"), .key(name)]
                    let options = clause.variants.map { "'\($0.key)'" }.joined(separator: ", ")
                    try refuse(.invalidValue(path: formatPath(path), message: "is '\(key)', not a variant of clause '\(id)' (one of \(options))", line: line(path)))
                } else {
                    result.setVariantPositions(PlaybookPositions(preferred: variant.preferred, fallback: variant.fallback, walkAway: variant.walkAway), for: clause.id)
                }
            }
            for (name, values) in (entry.parameters ?? [:]).sorted(by: { $0.key < $1.key }) {
                let parameterPath = clausePath + [.key("parameters"), .key(name)]
                guard let spec = clause.parameter(name) else {
                    let known = clause.parameters.map { "'\($0.name)'" }.joined(separator: ", ")
                    try refuse(.invalidValue(
                        path: formatPath(parameterPath), message: "is not a parameter of clause '\(id)'\(known.isEmpty ? "" : " (one of \(known))")", line: line(parameterPath)
                    ))
                    continue
                }
                let problems = [("preferred", values.preferred), ("fallback", values.fallback), ("walkAway", values.walkAway)].compactMap { field, value in
                    if case .string(let text) = value, TextLimit.exceeds(text, PlaybookEdit.maximumTextLength) {
                        return (field, "holds more than \(PlaybookEdit.maximumTextLength) characters")
                    }
                    return spec.problem(with: value).map { (field, $0) }
                }
                if let first = problems.first {
                    let (field, problem) = first
                    let path = parameterPath + [.key(field)]
                    try refuse(.invalidValue(path: formatPath(path), message: problem, line: line(path)))
                    continue
                }
                result.setParameterPositions(PlaybookPositions(preferred: values.preferred, fallback: values.fallback, walkAway: values.walkAway), for: clause.id, name)
            }
        }
        return result
    }
}

/// The JSON shape of a playbook: `{"format", "side", "roles"?: {…}, "clauses": {ID: {"variant": {…}, "parameters": {NAME: {…}}}}}`.
struct PlaybookFile: Codable {
    var format: String
    var side: PartyRole
    /// Who decides a purpose; absent keeps the side's defaults, so files written before roles read as they did.
    var roles: Positions<PurposeRole>?
    var clauses: [String: ClauseEntry]

    struct ClauseEntry: Codable {
        var variant: Positions<String>?
        var parameters: [String: Positions<ParameterValue>]?
    }

    struct Positions<Value: Codable>: Codable {
        var preferred: Value
        var fallback: Value
        var walkAway: Value
    }

    init(format: String, side: PartyRole, roles: Positions<PurposeRole>? = nil, clauses: [String: ClauseEntry]) {
        self.format = format
        self.side = side
        self.roles = roles
        self.clauses = clauses
    }

    init(_ playbook: Playbook) {
        var clauses: [String: ClauseEntry] = [:]
        for (id, positions) in playbook.variants {
            clauses[id.rawValue, default: ClauseEntry()].variant = Positions(preferred: positions.preferred, fallback: positions.fallback, walkAway: positions.walkAway)
        }
        for (id, byName) in playbook.parameters {
            var parameters: [String: Positions<ParameterValue>] = [:]
            for (name, positions) in byName { parameters[name] = Positions(preferred: positions.preferred, fallback: positions.fallback, walkAway: positions.walkAway) }
            clauses[id.rawValue, default: ClauseEntry()].parameters = parameters
        }
        let roles = playbook.roles.map { Positions(preferred: $0.preferred, fallback: $0.fallback, walkAway: $0.walkAway) }
        self.init(format: PlaybookCodec.currentFormat, side: playbook.side, roles: roles, clauses: clauses)
    }
}
