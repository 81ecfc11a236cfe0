import Crypto

/// A clause library in a compact binary form that loads without parsing or linting: the CLI keeps one per state of
/// the library files (`LibraryCache`), so that a short command does not parse 260 KB of clause files and catalogues on
/// every start.
///
/// The archive holds exactly what `ClauseLibrary.load` produces, followed by the SHA-256 of those bytes. Reading checks
/// the digest and every length and tag, so a truncated or damaged archive is refused (`nil`), never half-read; the
/// caller then parses the files again. Any field added to a library type must be written and read here too:
/// `LibraryArchiveTests` round-trips the shipped library and compares every clause and catalogue entry.
public enum LibraryArchive {
    /// Bumped whenever the layout changes, so an archive written by an older build is never read by a newer one.
    static let layout: UInt8 = 2
    static let magic: [UInt8] = Array("TRIPACT-LIBRARY".utf8)

    public static func encode(_ library: ClauseLibrary) -> [UInt8] {
        var out = ArchiveWriter()
        out.bytes += magic
        out.bytes.append(layout)
        out.array(library.clauses) { $0.clause($1) }
        out.array(library.headings.sorted { $0.key < $1.key }) { out, pair in
            out.int(pair.key)
            out.string(pair.value)
        }
        out.array(library.measures) { $0.measure($1) }
        for items in [library.dataCategories, library.dataSubjects, library.purposes, library.operations, library.channels, library.services] {
            out.array(items) { $0.catalogueItem($1) }
        }
        out.array(library.transferMechanisms) { $0.mechanism($1) }
        out.array(library.countries) { $0.country($1) }
        out.array(library.incompatibilities) { $0.incompatibility($1) }
        return out.bytes + SHA256.hash(data: out.bytes)
    }

    /// The library the bytes hold, or nil when they are not a complete archive of this layout.
    public static func decode(_ archive: [UInt8]) -> ClauseLibrary? {
        let digestSize = SHA256.byteCount
        guard archive.count > digestSize else { return nil }
        let bytes = Array(archive[..<(archive.count - digestSize)])
        guard SHA256.hash(data: bytes).elementsEqual(archive[(archive.count - digestSize)...]) else { return nil }
        var input = ArchiveReader(bytes: bytes)
        do {
            guard try input.take(magic.count) == magic[...], try input.byte() == layout else { return nil }
            let clauses = try input.array { try $0.clause() }
            var headings: [Int: String] = [:]
            for (key, value) in try input.array({ (try $0.int(), try $0.string()) }) { headings[key] = value }
            let measures = try input.array { try $0.measure() }
            let categories = try input.array { try $0.catalogueItem() }
            let subjects = try input.array { try $0.catalogueItem() }
            let purposes = try input.array { try $0.catalogueItem() }
            let operations = try input.array { try $0.catalogueItem() }
            let channels = try input.array { try $0.catalogueItem() }
            let services = try input.array { try $0.catalogueItem() }
            let mechanisms = try input.array { try $0.mechanism() }
            let countries = try input.array { try $0.country() }
            let incompatibilities = try input.array { try $0.incompatibility() }
            guard input.isAtEnd else { return nil }
            return ClauseLibrary(
                clauses: clauses, headings: headings, measures: measures, dataCategories: categories, dataSubjects: subjects,
                purposes: purposes, operations: operations, channels: channels, services: services,
                transferMechanisms: mechanisms, countries: countries, incompatibilities: incompatibilities
            )
        } catch {
            return nil
        }
    }
}

// MARK: - Writing

private struct ArchiveWriter {
    var bytes: [UInt8] = []

    /// Unsigned LEB128 of the zig-zagged value: small numbers of either sign take one byte.
    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += value.utf8
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func array<T>(_ items: [T], _ write: (inout ArchiveWriter, T) -> Void) {
        int(items.count)
        for item in items { write(&self, item) }
    }

    mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }

    mutating func playbook(_ playbook: [PartyRole: Positions]) {
        array(PartyRole.allCases.filter { playbook[$0] != nil }) { out, role in
            let positions = playbook[role]!
            out.string(role.rawValue)
            out.string(positions.preferred)
            out.string(positions.fallback)
            out.string(positions.walkAway)
        }
    }

    mutating func clause(_ clause: Clause) {
        string(clause.id.rawValue)
        string(clause.title)
        int(clause.order)
        strings(clause.articles)
        bool(clause.mandatory)
        strings(clause.covers.map(\.rawValue))
        strings(clause.applies.map(\.rawValue))
        bool(clause.negotiable)
        string(clause.summary)
        playbook(clause.playbook)
        array(clause.parameters) { $0.parameter($1) }
        array(clause.variants) { $0.variant($1) }
        string(clause.file)
        string(clause.part.rawValue)
    }

    mutating func parameter(_ parameter: ParameterSpec) {
        string(parameter.name)
        switch parameter.kind {
        case .integer(let unit, let min, let max):
            bytes.append(0)
            string(unit.rawValue)
            int(min)
            int(max)
        case .enumeration(let options):
            bytes.append(1)
            array(options) { out, option in
                out.string(option.key)
                out.string(option.text)
            }
        case .boolean: bytes.append(2)
        case .text: bytes.append(3)
        case .date: bytes.append(4)
        }
        bool(parameter.defaultValue != nil)
        if let value = parameter.defaultValue { parameterValue(value) }
        string(parameter.label)
        playbook(parameter.playbook)
    }

    mutating func parameterValue(_ value: ParameterValue) {
        switch value {
        case .integer(let number):
            bytes.append(0)
            int(number)
        case .boolean(let flag):
            bytes.append(1)
            bool(flag)
        case .string(let text):
            bytes.append(2)
            string(text)
        }
    }

    mutating func variant(_ variant: Variant) {
        string(variant.key)
        string(variant.stance.rawValue)
        string(variant.label)
        array(variant.text.paragraphs) { $0.paragraph($1) }
    }

    mutating func paragraph(_ paragraph: Paragraph) {
        bool(paragraph.condition != nil)
        if let condition = paragraph.condition {
            bool(condition.negated)
            switch condition.subject {
            case .parameter(let name, let equals):
                bytes.append(0)
                string(name)
                optionalString(equals)
            case .agreement(let condition):
                bytes.append(1)
                string(condition.rawValue)
            }
        }
        array(paragraph.lines) { out, line in out.array(line) { $0.segment($1) } }
        bool(paragraph.isList)
        int(paragraph.line)
        int(paragraph.columns)
    }

    mutating func segment(_ segment: Segment) {
        switch segment {
        case .literal(let text, let html):
            bytes.append(0)
            string(text)
            string(html)
        case .placeholder(.parameter(let name)):
            bytes.append(1)
            string(name)
        case .placeholder(.field(let field)):
            bytes.append(2)
            string(field.rawValue)
        case .placeholder(.clauseReference(let id)):
            bytes.append(3)
            string(id.rawValue)
        case .placeholder(.unknown(let raw)):
            bytes.append(4)
            string(raw)
        }
    }

    mutating func measure(_ measure: MeasureDefinition) {
        string(measure.key)
        int(measure.heading)
        string(measure.title)
        string(measure.description)
        bool(measure.contactCentre)
    }

    mutating func catalogueItem(_ item: CatalogueItem) {
        string(item.key)
        string(item.label)
        string(item.description)
        string(item.special.rawValue)
        strings(item.aliases)
        bool(item.isExtension)
        optionalString(item.typicalRole?.rawValue)
    }

    mutating func mechanism(_ mechanism: TransferMechanism) {
        string(mechanism.key)
        string(mechanism.label)
        string(mechanism.articles)
        string(mechanism.description)
        bool(mechanism.needsTIA)
        bool(mechanism.processorUse)
    }

    mutating func country(_ country: Country) {
        string(country.code)
        string(country.name)
        string(country.status.rawValue)
        string(country.note)
        string(country.verified.description)
        string(country.source)
        optionalString(country.coveredBy)
        int(country.line)
    }

    mutating func incompatibility(_ pair: VariantIncompatibility) {
        string(pair.key)
        string(pair.first.clause.rawValue)
        string(pair.first.variant)
        string(pair.second.clause.rawValue)
        string(pair.second.variant)
        string(pair.reason)
        int(pair.line)
    }
}

// MARK: - Reading

private struct ArchiveDamaged: Error {}

private struct ArchiveReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw ArchiveDamaged() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw ArchiveDamaged() }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func int() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw ArchiveDamaged() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
        }
        let zigzag = Int64(bitPattern: value)
        return Int((zigzag >> 1) ^ -(zigzag & 1))
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw ArchiveDamaged()
        }
    }

    mutating func string() throws -> String {
        let slice = try take(try int())
        guard let text = String(validating: slice, as: UTF8.self) else { throw ArchiveDamaged() }
        return text
    }

    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

    /// A raw value of `T`, refusing names this build does not know.
    mutating func raw<T: RawRepresentable>(_: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw ArchiveDamaged() }
        return value
    }

    mutating func array<T>(_ read: (inout ArchiveReader) throws -> T) throws -> [T] {
        let count = try int()
        // Every element takes at least one byte: a count beyond the bytes left is damage, not a reason to reserve memory.
        guard count >= 0, count <= bytes.count - offset else { throw ArchiveDamaged() }
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try read(&self)) }
        return result
    }

    mutating func strings() throws -> [String] { try array { try $0.string() } }

    mutating func playbook() throws -> [PartyRole: Positions] {
        var result: [PartyRole: Positions] = [:]
        for (role, positions) in try array({ reader in
            (try reader.raw(PartyRole.self), Positions(preferred: try reader.string(), fallback: try reader.string(), walkAway: try reader.string()))
        }) {
            result[role] = positions
        }
        return result
    }

    mutating func clause() throws -> Clause {
        Clause(
            id: ClauseID(try string()), title: try string(), order: try int(), articles: try strings(), mandatory: try bool(),
            covers: try array { try $0.raw(Article28Element.self) }, applies: try array { try $0.raw(Condition.self) },
            negotiable: try bool(), summary: try string(), playbook: try playbook(), parameters: try array { try $0.parameter() },
            variants: try array { try $0.variant() }, file: try string(), part: try raw(ClausePart.self)
        )
    }

    mutating func parameter() throws -> ParameterSpec {
        let name = try string()
        let kind: ParameterSpec.Kind
        switch try byte() {
        case 0: kind = .integer(unit: try raw(ParameterSpec.Unit.self), min: try int(), max: try int())
        case 1: kind = .enumeration(try array { reader in ParameterSpec.EnumOption(key: try reader.string(), text: try reader.string()) })
        case 2: kind = .boolean
        case 3: kind = .text
        case 4: kind = .date
        default: throw ArchiveDamaged()
        }
        let defaultValue = try bool() ? try parameterValue() : nil
        return ParameterSpec(name: name, kind: kind, defaultValue: defaultValue, label: try string(), playbook: try playbook())
    }

    mutating func parameterValue() throws -> ParameterValue {
        switch try byte() {
        case 0: .integer(try int())
        case 1: .boolean(try bool())
        case 2: .string(try string())
        default: throw ArchiveDamaged()
        }
    }

    mutating func variant() throws -> Variant {
        Variant(key: try string(), stance: try raw(Stance.self), label: try string(), text: ClauseText(paragraphs: try array { try $0.paragraph() }))
    }

    mutating func paragraph() throws -> Paragraph {
        var condition: ParagraphCondition?
        if try bool() {
            let negated = try bool()
            switch try byte() {
            case 0: condition = ParagraphCondition(negated: negated, subject: .parameter(try string(), equals: try optionalString()))
            case 1: condition = ParagraphCondition(negated: negated, subject: .agreement(try raw(Condition.self)))
            default: throw ArchiveDamaged()
            }
        }
        let lines = try array { reader in try reader.array { try $0.segment() } }
        return Paragraph(condition: condition, lines: lines, isList: try bool(), line: try int(), columns: try int())
    }

    mutating func segment() throws -> Segment {
        switch try byte() {
        case 0: .literal(text: try string(), html: try string())
        case 1: .placeholder(.parameter(try string()))
        case 2: .placeholder(.field(try raw(AgreementField.self)))
        case 3: .placeholder(.clauseReference(ClauseID(try string())))
        case 4: .placeholder(.unknown(try string()))
        default: throw ArchiveDamaged()
        }
    }

    mutating func measure() throws -> MeasureDefinition {
        MeasureDefinition(key: try string(), heading: try int(), title: try string(), description: try string(), contactCentre: try bool())
    }

    mutating func catalogueItem() throws -> CatalogueItem {
        var item = CatalogueItem(key: try string(), label: try string(), description: try string(), special: try raw(SpecialCategoryKind.self))
        item.aliases = try strings()
        item.isExtension = try bool()
        if let role = try optionalString() {
            guard let typical = PurposeRole(rawValue: role) else { throw ArchiveDamaged() }
            item.typicalRole = typical
        }
        return item
    }

    mutating func mechanism() throws -> TransferMechanism {
        TransferMechanism(
            key: try string(), label: try string(), articles: try string(), description: try string(), needsTIA: try bool(),
            processorUse: try bool()
        )
    }

    mutating func country() throws -> Country {
        let code = try string()
        let name = try string()
        let status = try raw(Country.Status.self)
        let note = try string()
        guard let verified = CalendarDate(try string()) else { throw ArchiveDamaged() }
        return Country(
            code: code, name: name, status: status, note: note, verified: verified, source: try string(), coveredBy: try optionalString(),
            line: try int()
        )
    }

    mutating func incompatibility() throws -> VariantIncompatibility {
        VariantIncompatibility(
            key: try string(), first: VariantReference(clause: ClauseID(try string()), variant: try string()),
            second: VariantReference(clause: ClauseID(try string()), variant: try string()), reason: try string(), line: try int()
        )
    }
}
