import Foundation

/// A validation finding as a person reads it: the item it is about by its label ("Clause 20 — Personal Data
/// Breaches › Deadline for the Processor's breach notice", "Annex II — purposes") and its message with the keys it
/// quotes put in words ('user.financial.credit_card' → “Payment card number”).
///
/// The rules write their messages for the command line, where keys are what one types; pages read them through this.
/// The finding itself (code, path, message) is unchanged for JSON and `--format json`.
public struct FindingWords: Sendable {
    private let document: AgreementDocument
    private let library: ClauseLibrary
    private let labels: ItemLabels

    public init(document: AgreementDocument, library: ClauseLibrary, labels: ItemLabels? = nil) {
        self.document = document
        self.library = library
        self.labels = labels ?? ItemLabels(document: document, library: library)
    }

    /// The item a finding's path points into, by its label; "The agreement" when it points nowhere in particular.
    public func place(_ finding: Finding) -> String {
        let path = finding.path
        if let index = Self.index(in: path, after: "clauses"), document.clauses.indices.contains(index) {
            let selection = document.clauses[index]
            let item = labels.label(ItemKey(rawValue: "clause:\(selection.clause.rawValue)"))
            let parameter = path.range(of: ".parameters.").map { String(path[$0.upperBound...]) }
            if let parameter, let spec = library.clause(selection.clause)?.parameter(parameter) { return "\(item) › \(spec.label)" }
            return item
        }
        if let index = Self.index(in: path, after: "measures"), document.measures.indices.contains(index) {
            return labels.label(ItemKey(rawValue: "measure:\(document.measures[index].id)"))
        }
        if let index = Self.index(in: path, after: "subprocessors"), document.subprocessors.indices.contains(index) {
            return labels.label(ItemKey(rawValue: "subprocessor:\(document.subprocessors[index].id)"))
        }
        if path.hasPrefix("measures") { return "Annex III — measures" }
        if path.hasPrefix("subprocessors") { return "Annex IV — subprocessors" }
        if path.hasPrefix("processing.") {
            let field = path.dropFirst("processing.".count).prefix { $0.isLetter }
            let key = Self.annex2Items[String(field)] ?? "annex2:description"
            return labels.label(ItemKey(rawValue: key))
        }
        for (prefix, key) in Self.otherItems where path.hasPrefix(prefix) { return labels.label(ItemKey(rawValue: key)) }
        return "The agreement"
    }

    /// The message, first letter capitalised, with every quoted key that names something the library or the document
    /// knows put in words, and catalogue keys written bare (`scc-module-3`) likewise.
    public func message(_ finding: Finding) -> String {
        let clause = Self.index(in: finding.path, after: "clauses").flatMap { document.clauses.indices.contains($0) ? library.clause(document.clauses[$0].clause) : nil }
        var result = ""
        var rest = Substring(finding.message)
        while let open = rest.firstIndex(of: "'"), let close = rest[rest.index(after: open)...].firstIndex(of: "'") {
            let inner = String(rest[rest.index(after: open)..<close])
            result += bare(rest[..<open])
            if let named = words(for: inner, clause: clause) {
                result += "“\(named)”"
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += bare(rest)
        return result.prefix(1).uppercased() + result.dropFirst()
    }

    /// Words for a key, looked up where such keys live: the clause the finding is about first, then the catalogues.
    private func words(for key: String, clause: Clause?) -> String? {
        if let clause {
            if key == clause.id.rawValue { return clause.title }
            if let variant = clause.variant(key) { return variant.label }
            if let spec = clause.parameter(key) { return spec.label }
        }
        if let clause = library.clause(ClauseID(key)) { return clause.title }
        if let sub = document.subprocessors.first(where: { $0.id == key }) { return sub.name }
        return catalogueWords(key)
    }

    private func catalogueWords(_ key: String) -> String? {
        library.dataCategory(key)?.label ?? library.purpose(key)?.label ?? library.measure(key)?.title ?? library.transferMechanism(key)?.label
            ?? library.channel(key)?.label ?? library.service(key)?.label ?? library.dataSubject(key)?.label
            ?? library.operations.first { $0.key == key }?.label
    }

    /// Unquoted text with the catalogue keys in it (those with a '.', '-' or '_', so plain words stay) put in words.
    private func bare(_ text: Substring) -> String {
        guard text.contains(where: { $0 == "." || $0 == "-" || $0 == "_" }) else { return String(text) }
        var out = ""
        var word = ""
        func flush() {
            // A key ends before trailing punctuation: "scc-module-3;" is the key "scc-module-3".
            let trimmed = word.reversed().drop { ".,;:)".contains($0) }
            let core = String(trimmed.reversed())
            if core.contains(where: { $0 == "." || $0 == "-" || $0 == "_" }), let words = catalogueWords(core) {
                out += words + word.dropFirst(core.count)
            } else {
                out += word
            }
            word = ""
        }
        for character in text {
            if character == " " || character == "(" {
                flush()
                out.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }

    /// `clauses[4].parameters.hours` → 4 for "clauses".
    private static func index(in path: String, after prefix: String) -> Int? {
        guard path.hasPrefix(prefix + "[") else { return nil }
        return Int(path.dropFirst(prefix.count + 1).prefix { $0.isNumber })
    }

    private static let annex2Items = [
        "purposes": "annex2:purposes", "dataSubjects": "annex2:data-subjects", "dataCategories": "annex2:data-categories",
        "specialCategories": "annex2:special-categories", "deliveryLocations": "annex2:delivery-locations",
    ]

    private static let otherItems = [
        ("parties.controller", "party:controller"), ("parties.processor", "party:processor"), ("assistanceMeasures", "annex3:assistance"),
        ("consumerObligations", "annex5:obligations"), ("effectiveDate", "agreement:terms"), ("mainAgreement", "agreement:terms"),
        ("title", "agreement:terms"), ("commercial", "agreement:terms"),
    ]
}
