import Foundation

/// The clause library and its catalogues, parsed from text and checked by the lint.
///
/// Build it with `ClauseLibrary.load(_:)`; it refuses a library with any problem, so everything downstream
/// may trust the library's text and keys.
public struct ClauseLibrary: Sendable {
    /// Clauses in printing order (by `order`, then id).
    public let clauses: [Clause]
    public let headings: [Int: String]
    public let measures: [MeasureDefinition]
    public let dataCategories: [CatalogueItem]
    public let dataSubjects: [CatalogueItem]
    public let purposes: [CatalogueItem]
    public let operations: [CatalogueItem]
    public let channels: [CatalogueItem]
    /// The systems and outsourced functions behind the processing (Annex II and the subprocessor register).
    public let services: [CatalogueItem]
    public let transferMechanisms: [TransferMechanism]
    public let countries: [Country]
    /// Pairs of variants that contradict each other (`catalogues/incompatible-variants.txt`).
    public let incompatibilities: [VariantIncompatibility]

    private let clauseIndex: [ClauseID: Int]
    private let measureIndex: [String: Int]
    private let categoryIndex: [String: Int]
    private let countryIndex: [String: Int]
    private let mechanismIndex: [String: Int]
    private let subjectIndex: [String: Int]
    private let purposeIndex: [String: Int]
    private let operationKeys: Set<String>
    private let channelIndex: [String: Int]
    private let serviceIndex: [String: Int]

    public func clause(_ id: ClauseID) -> Clause? { clauseIndex[id].map { clauses[$0] } }
    public func measure(_ key: String) -> MeasureDefinition? { measureIndex[key].map { measures[$0] } }
    public func dataCategory(_ key: String) -> CatalogueItem? { categoryIndex[key].map { dataCategories[$0] } }
    public func purpose(_ key: String) -> CatalogueItem? { purposeIndex[key].map { purposes[$0] } }
    /// A purpose's label in the catalogue's words; a key the catalogue does not know reads as itself.
    public func purposeLabel(_ key: String) -> String { purpose(key)?.label ?? key }
    /// The special categories (Art. 9 and Art. 10) among data category keys, in their order; unknown keys are skipped.
    public func specialCategories(_ keys: [String]) -> [CatalogueItem] { keys.compactMap(dataCategory).filter { $0.special != .no } }
    public func channel(_ key: String) -> CatalogueItem? { channelIndex[key].map { channels[$0] } }
    public func service(_ key: String) -> CatalogueItem? { serviceIndex[key].map { services[$0] } }
    public func country(_ code: String) -> Country? { countryIndex[code].map { countries[$0] } }
    public func transferMechanism(_ key: String) -> TransferMechanism? { mechanismIndex[key].map { transferMechanisms[$0] } }
    public func hasDataSubject(_ key: String) -> Bool { subjectIndex[key] != nil }
    /// A data category's key as the catalogue spells it now: an old key becomes its entry's key, an unknown key stays.
    public func currentCategoryKey(_ key: String) -> String { dataCategory(key)?.key ?? key }
    public func dataSubject(_ key: String) -> CatalogueItem? { subjectIndex[key].map { dataSubjects[$0] } }

    /// The parameter references `{{CLAUSE-ID.PARAMETER}}` in a catalogue text, in order.
    public static func parameterReferences(in text: String) -> [(clause: ClauseID, parameter: String)] {
        var result: [(ClauseID, String)] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) {
            let inside = rest[open.upperBound..<close.lowerBound]
            if let dot = inside.firstIndex(of: ".") {
                result.append((ClauseID(String(inside[..<dot])), String(inside[inside.index(after: dot)...])))
            } else {
                result.append((ClauseID(String(inside)), ""))
            }
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// A catalogue text with each `{{CLAUSE-ID.PARAMETER}}` replaced by the value the agreement gives that parameter
    /// (`values`), else its default, printed with its unit: one source for each number, so an Annex never states a
    /// figure that contradicts the clause.
    public func resolvingParameters(in text: String, values: [ClauseID: [String: ParameterValue]] = [:]) -> String {
        // Scans UTF-8 bytes: Foundation's `range(of:)` on Linux was a tenth of a whole diff's time.
        let bytes = Array(text.utf8)
        func find(_ pair: UInt8, from start: Int) -> Int? {
            var index = start
            while index + 1 < bytes.count {
                if bytes[index] == pair, bytes[index + 1] == pair { return index }
                index += 1
            }
            return nil
        }
        guard find(UInt8(ascii: "{"), from: 0) != nil else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var rest = 0
        while let open = find(UInt8(ascii: "{"), from: rest), let close = find(UInt8(ascii: "}"), from: open + 2) {
            out += bytes[rest..<open]
            let inside = String(decoding: bytes[(open + 2)..<close], as: UTF8.self)
            var printed = "{{\(inside)}}"
            if let dot = inside.firstIndex(of: "."), let clause = clause(ClauseID(String(inside[..<dot]))),
                let spec = clause.parameter(String(inside[inside.index(after: dot)...]))
            {
                let given = values[clause.id]?[spec.name]
                if let value = given.flatMap({ spec.accepts(type: $0) ? $0 : nil }) ?? spec.defaultValue { printed = spec.rendered(value) }
            }
            out += printed.utf8
            rest = close + 2
        }
        out += bytes[rest...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Country entries last verified more than 12 months before `today`: their facts must be looked up again.
    /// The library still loads (an agreement can be read), but `tripact clauses lint` fails on them.
    public func staleCountries(today: CalendarDate) -> [LibraryProblem] {
        let limit = (today.year - 1, today.month, today.day)
        return countries.compactMap { country in
            guard (country.verified.year, country.verified.month, country.verified.day) < limit else { return nil }
            return LibraryProblem(
                file: "catalogues/countries.txt", line: country.line,
                message: "country '\(country.code)' (\(country.name)) was last verified on \(country.verified), more than 12 months ago; check it against its source (\(country.source)) and update 'verified'"
            )
        }
    }
    public func hasOperation(_ key: String) -> Bool { operationKeys.contains(key) }
    public func dataSubjectLabel(_ key: String) -> String { dataSubject(key)?.label ?? key }

    /// Annex II with every catalogue key as the catalogue spells it now (an old key becomes its entry's current key),
    /// so a form shows an old document's choices ticked and saves them under the current keys.
    public func currentKeys(_ processing: Processing) -> Processing {
        var processing = processing
        let category = { (key: String) in self.dataCategory(key)?.key ?? key }
        processing.dataSubjects = processing.dataSubjects.map { dataSubject($0)?.key ?? $0 }
        for index in processing.dataCategories.indices { processing.dataCategories[index].category = category(processing.dataCategories[index].category) }
        for index in processing.specialCategories.indices { processing.specialCategories[index].category = category(processing.specialCategories[index].category) }
        for index in processing.purposes.indices {
            processing.purposes[index].purpose = purpose(processing.purposes[index].purpose)?.key ?? processing.purposes[index].purpose
            processing.purposes[index].dataCategories = processing.purposes[index].dataCategories.map(category)
        }
        return processing
    }
    public func operationLabel(_ key: String) -> String { operations.first { $0.key == key }?.label ?? key }

    /// The catalogue files, by their name under `clauses/`.
    public static let catalogueFiles = [
        "catalogues/headings.txt", "catalogues/measures.txt", "catalogues/data-categories.txt", "catalogues/data-subjects.txt",
        "catalogues/purposes.txt", "catalogues/operations.txt", "catalogues/channels.txt", "catalogues/services.txt",
        "catalogues/transfer-mechanisms.txt", "catalogues/countries.txt", "catalogues/incompatible-variants.txt",
    ]

    /// Parses and lints the library files: every `*.clause` file and the catalogue files named in `catalogueFiles`.
    ///
    /// `lint: false` skips the checks across files, for a caller that knows these very files passed them before (the
    /// command line's lint cache, keyed by `fingerprint`); each file is still parsed and its own problems refused.
    public static func load(_ files: [LibraryFile], lint: Bool = true) throws(LibraryLoadError) -> ClauseLibrary {
        var problems: [LibraryProblem] = []
        var clauses: [Clause] = []
        var byName: [String: String] = [:]
        for file in files {
            if file.name.hasSuffix(".clause") {
                var parser = ClauseFileParser(file: file.name)
                if let clause = parser.parse(file.contents) { clauses.append(clause) }
                problems += parser.problems
            } else {
                byName[file.name] = file.contents
            }
        }
        func catalogue<T>(_ name: String, _ parse: (inout CatalogueParser, String) -> T) -> T? {
            guard let contents = byName[name] else {
                problems.append(LibraryProblem(file: name, line: nil, message: "catalogue file is missing"))
                return nil
            }
            var parser = CatalogueParser(file: name)
            let result = parse(&parser, contents)
            problems += parser.problems
            return result
        }
        let headings = catalogue("catalogues/headings.txt") { $0.headings($1) } ?? [:]
        let measures = catalogue("catalogues/measures.txt") { $0.measures($1) } ?? []
        let categories = catalogue("catalogues/data-categories.txt") { $0.items($1, kind: "category", hasSpecial: true) } ?? []
        let subjects = catalogue("catalogues/data-subjects.txt") { $0.items($1, kind: "subject") } ?? []
        let purposes = catalogue("catalogues/purposes.txt") { $0.items($1, kind: "purpose") } ?? []
        let operations = catalogue("catalogues/operations.txt") { $0.items($1, kind: "operation") } ?? []
        let channels = catalogue("catalogues/channels.txt") { $0.items($1, kind: "channel") } ?? []
        let services = catalogue("catalogues/services.txt") { $0.items($1, kind: "service") } ?? []
        let mechanisms = catalogue("catalogues/transfer-mechanisms.txt") { $0.mechanisms($1) } ?? []
        let countries = catalogue("catalogues/countries.txt") { $0.countries($1) } ?? []
        let incompatibilities = catalogue("catalogues/incompatible-variants.txt") { $0.incompatibilities($1) } ?? []

        clauses.sort { ($0.order, $0.id) < ($1.order, $1.id) }
        let library = ClauseLibrary(
            clauses: clauses, headings: headings, measures: measures, dataCategories: categories, dataSubjects: subjects,
            purposes: purposes, operations: operations, channels: channels, services: services, transferMechanisms: mechanisms,
            countries: countries, incompatibilities: incompatibilities
        )
        // Checks across files only on files that parsed: otherwise one broken clause echoes in every reference to it.
        if problems.isEmpty, lint { problems += LibraryLint.check(library) }
        guard problems.isEmpty else { throw LibraryLoadError(problems: problems) }
        return library
    }

    init(
        clauses: [Clause], headings: [Int: String], measures: [MeasureDefinition], dataCategories: [CatalogueItem],
        dataSubjects: [CatalogueItem], purposes: [CatalogueItem], operations: [CatalogueItem], channels: [CatalogueItem],
        services: [CatalogueItem], transferMechanisms: [TransferMechanism], countries: [Country],
        incompatibilities: [VariantIncompatibility] = []
    ) {
        self.clauses = clauses
        self.headings = headings
        self.measures = measures
        self.dataCategories = dataCategories
        self.dataSubjects = dataSubjects
        self.purposes = purposes
        self.operations = operations
        self.channels = channels
        self.services = services
        self.transferMechanisms = transferMechanisms
        self.countries = countries
        self.incompatibilities = incompatibilities
        func index<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
            var result: [String: Int] = [:]
            for (offset, item) in items.enumerated() where result[key(item)] == nil { result[key(item)] = offset }
            return result
        }
        var clauseIndex: [ClauseID: Int] = [:]
        for (offset, clause) in clauses.enumerated() where clauseIndex[clause.id] == nil { clauseIndex[clause.id] = offset }
        self.clauseIndex = clauseIndex
        // An old key finds its entry; it never shadows a current key.
        func catalogueIndex(_ items: [CatalogueItem]) -> [String: Int] {
            var result = index(items) { $0.key }
            for (offset, item) in items.enumerated() {
                for alias in item.aliases where result[alias] == nil { result[alias] = offset }
            }
            return result
        }
        measureIndex = index(measures) { $0.key }
        categoryIndex = catalogueIndex(dataCategories)
        countryIndex = index(countries) { $0.code }
        mechanismIndex = index(transferMechanisms) { $0.key }
        purposeIndex = catalogueIndex(purposes)
        channelIndex = index(channels) { $0.key }
        serviceIndex = index(services) { $0.key }
        subjectIndex = catalogueIndex(dataSubjects)
        operationKeys = Set(operations.map(\.key))
    }
}

extension ClauseLibrary {
    /// A country as a reader names it ("Ireland"), or its code when the catalogue lacks it.
    public func countryName(_ code: String) -> String { country(code)?.name ?? code }

    /// A transfer mechanism as a reader names it ("Standard contractual clauses, processor to processor").
    public func mechanismLabel(_ key: String) -> String { transferMechanism(key)?.label ?? key }
}
