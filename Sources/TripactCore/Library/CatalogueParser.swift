/// Parses the block files of `clauses/catalogues/`: blocks separated by blank lines, `key: value` lines.
struct CatalogueParser {
    let file: String
    private(set) var problems: [LibraryProblem] = []

    init(file: String) { self.file = file }

    struct Block {
        let kind: String
        let key: String
        let line: Int
        var fields: Fields
    }

    /// The blocks of the file whose first line is `kind: KEY`; duplicates and other kinds are reported.
    mutating func blocks(_ contents: String, kind: String) -> [Block] {
        var groups: [[KeyValueLine]] = []
        var current: [KeyValueLine] = []
        for (number, text) in numberedLines(contents) + [(number: 0, text: Substring(""))] {
            let trimmed = text.trimmingWhitespace()
            if trimmed.hasPrefix("#") { continue }
            if trimmed.isEmpty {
                if !current.isEmpty { groups.append(current) }
                current = []
                continue
            }
            guard let field = splitKeyValue(trimmed, line: number) else {
                problems.append(LibraryProblem(file: file, line: number, message: "expected 'key: value', found '\(trimmed)'"))
                continue
            }
            current.append(field)
        }
        var seen: Set<String> = []
        var result: [Block] = []
        for group in groups {
            let head = group[0]
            guard head.key == kind, !head.value.isEmpty else {
                problems.append(LibraryProblem(file: file, line: head.line, message: "an entry of this file starts with '\(kind): KEY', found '\(head.key):'"))
                continue
            }
            if !seen.insert(head.value).inserted {
                problems.append(LibraryProblem(file: file, line: head.line, message: "\(kind) '\(head.value)' is defined twice"))
            }
            result.append(Block(kind: kind, key: head.value, line: head.line, fields: Fields(section: Array(group.dropFirst()), file: file, sectionName: "\(kind) '\(head.value)'")))
        }
        return result
    }

    mutating func finish(_ block: inout Block) {
        block.fields.rejectUnknown()
        problems += block.fields.problems
    }

    mutating func headings(_ contents: String) -> [Int: String] {
        var result: [Int: String] = [:]
        for var block in blocks(contents, kind: "heading") {
            let title = block.fields.required("title")
            finish(&block)
            guard let number = Int(block.key), (1...17).contains(number) else {
                problems.append(LibraryProblem(file: file, line: block.line, message: "a heading number runs from 1 to 17, found '\(block.key)'"))
                continue
            }
            if let title { result[number] = title }
        }
        return result
    }

    mutating func measures(_ contents: String) -> [MeasureDefinition] {
        blocks(contents, kind: "measure").compactMap { block in
            var block = block
            let heading = block.fields.integer("heading")
            let title = block.fields.required("title")
            let description = block.fields.required("description")
            let contactCentre = block.fields.flag("contact-centre")
            finish(&block)
            if let heading, !(1...17).contains(heading) {
                problems.append(LibraryProblem(file: file, line: block.fields.line(of: "heading"), message: "heading runs from 1 to 17, found \(heading)"))
                return nil
            }
            guard let heading, let title, let description, let contactCentre else { return nil }
            return MeasureDefinition(key: block.key, heading: heading, title: title, description: description, contactCentre: contactCentre)
        }
    }

    mutating func items(_ contents: String, kind: String, hasSpecial: Bool = false) -> [CatalogueItem] {
        blocks(contents, kind: kind).compactMap { block in
            var block = block
            let label = block.fields.required("label")
            let description = block.fields.required("description")
            let aliases = block.fields.optional("aliases").map { $0.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty } } ?? []
            var isExtension = false
            if block.fields.line(of: "extension") != nil { isExtension = block.fields.flag("extension") ?? false }
            var typicalRole: PurposeRole?
            if kind == "purpose", let raw = block.fields.optional("typical-role") {
                typicalRole = PurposeRole(rawValue: raw)
                if typicalRole == nil { block.fields.problem("'typical-role' is on-behalf, joint or independent, found '\(raw)'", at: block.fields.line(of: "typical-role")) }
            }
            var special = SpecialCategoryKind.no
            if hasSpecial, let raw = block.fields.required("special") {
                if let kind = SpecialCategoryKind(rawValue: raw) {
                    special = kind
                } else {
                    block.fields.problem("'special' is no, art9 or art10, found '\(raw)'", at: block.fields.line(of: "special"))
                }
            }
            finish(&block)
            guard let label, let description else { return nil }
            return CatalogueItem(key: block.key, label: label, description: description, special: special, aliases: aliases, isExtension: isExtension, typicalRole: typicalRole)
        }
    }

    mutating func mechanisms(_ contents: String) -> [TransferMechanism] {
        blocks(contents, kind: "mechanism").compactMap { block in
            var block = block
            let label = block.fields.required("label")
            let articles = block.fields.required("articles")
            let description = block.fields.required("description")
            let needsTIA = block.fields.flag("needs-tia")
            let processorUse = block.fields.flag("processor-use")
            finish(&block)
            guard let label, let articles, let description, let needsTIA, let processorUse else { return nil }
            return TransferMechanism(key: block.key, label: label, articles: articles, description: description, needsTIA: needsTIA, processorUse: processorUse)
        }
    }

    mutating func countries(_ contents: String) -> [Country] {
        blocks(contents, kind: "country").compactMap { block in
            var block = block
            let name = block.fields.required("name")
            let statusRaw = block.fields.required("status")
            let note = block.fields.optional("note") ?? ""
            let verifiedRaw = block.fields.required("verified")
            let source = block.fields.required("source")
            let coveredBy = block.fields.optional("covered-by")
            let verified = verifiedRaw.flatMap(CalendarDate.init)
            if let verifiedRaw, verified == nil {
                block.fields.problem("'verified' is a date written YYYY-MM-DD, found '\(verifiedRaw)'", at: block.fields.line(of: "verified"))
            }
            finish(&block)
            guard let name, let statusRaw, let verified, let source else { return nil }
            guard let status = Country.Status(rawValue: statusRaw) else {
                problems.append(LibraryProblem(file: file, line: block.line, message: "status is eea, adequate, partial or third, found '\(statusRaw)'"))
                return nil
            }
            if coveredBy != nil, status != .partial {
                problems.append(LibraryProblem(file: file, line: block.line, message: "'covered-by' belongs only to a country whose status is partial"))
            }
            return Country(code: block.key, name: name, status: status, note: note, verified: verified, source: source, coveredBy: coveredBy, line: block.line)
        }
    }

    mutating func incompatibilities(_ contents: String) -> [VariantIncompatibility] {
        blocks(contents, kind: "pair").compactMap { block in
            var block = block
            func reference(_ key: String) -> VariantReference? {
                guard let raw = block.fields.required(key) else { return nil }
                let words = raw.split(separator: " ")
                guard words.count == 2 else {
                    block.fields.problem("'\(key)' is written 'CLAUSE-ID VARIANT', found '\(raw)'", at: block.fields.line(of: key))
                    return nil
                }
                return VariantReference(clause: ClauseID(String(words[0])), variant: String(words[1]))
            }
            let first = reference("first")
            let second = reference("second")
            let reason = block.fields.required("reason")
            finish(&block)
            guard let first, let second, let reason else { return nil }
            return VariantIncompatibility(key: block.key, first: first, second: second, reason: reason, line: block.line)
        }
    }
}
