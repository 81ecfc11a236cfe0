import Foundation
import TripactCore

/// The benchmark's input: the shipped library plus synthetic clauses up to 40, and the full example grown to
/// 80 measures and 60 subprocessors.
enum LargeAgreement {
    static let clauseCount = 40
    static let measureCount = 80
    static let subprocessorCount = 60

    /// Copies the library into `folder`, adding copies of negotiated clauses under new ids until there are 40.
    static func library(copyingTo folder: URL, from source: URL) throws -> ([LibraryFile], ClauseLibrary) {
        let manager = FileManager.default
        var files: [LibraryFile] = []
        for name in try manager.contentsOfDirectory(atPath: source.path).filter({ $0.hasSuffix(".clause") }).sorted() + ClauseLibrary.catalogueFiles {
            files.append(LibraryFile(name: name, contents: try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)))
        }
        let originals = files.filter { $0.name.hasSuffix(".clause") && $0.contents.contains("negotiable: yes") }
        var extra = 0
        while files.filter({ $0.name.hasSuffix(".clause") }).count < clauseCount {
            let original = originals[extra % originals.count]
            let id = String(original.name.dropLast(".clause".count))
            extra += 1
            var text = original.contents.replacingOccurrences(of: "id: \(id)\n", with: "id: extra-\(extra)\n")
            text = text.replacingOccurrences(of: "mandatory: yes", with: "mandatory: no")
            text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("part: ") }.map { line in
                // Copies print last, so they belong to the closing part (the lint refuses a part out of order).
                if line.hasPrefix("order: ") { return "order: \(1_000 + extra)\npart: closing" }
                if line.hasPrefix("covers: ") { return "covers:" }
                if line.hasPrefix("applies: ") { return "applies: always" }
                return String(line)
            }.joined(separator: "\n").replacingOccurrences(of: "\ncovers:\n", with: "\n")
            files.append(LibraryFile(name: "extra-\(extra).clause", contents: text))
        }
        for file in files { try Data(file.contents.utf8).write(to: folder.appendingPathComponent(file.name)) }
        return (files, try ClauseLibrary.load(files))
    }

    static func document(library: ClauseLibrary, example: URL) throws -> AgreementDocument {
        var document = try DocumentCodec.decode(Data(contentsOf: example))
        for clause in library.clauses where !document.clauses.contains(where: { $0.clause == clause.id }) && (clause.applies == [.always] || clause.applies == [.selected]) {
            var parameters: [String: ParameterValue] = [:]
            for spec in clause.parameters { parameters[spec.name] = spec.defaultValue }
            document.clauses.append(ClauseSelection(clause: clause.id, variant: clause.defaultVariant.key, parameters: parameters))
        }
        document.measures = Array(library.measures.prefix(measureCount)).map { MeasureEntry(id: $0.key) }
        let countries = ["FR", "IE", "DE", "US", "MA", "PT", "NL", "IN"]
        let mechanisms = ["eea", "eea", "eea", "adequacy-dpf", "scc-module-3", "eea", "eea", "bcr-processor"]
        let categories = document.processing.dataCategories.map(\.category)
        document.subprocessors = (0..<subprocessorCount).map { index in
            let slot = index % countries.count
            return Subprocessor(
                id: "sub-\(index)", name: "Service Provider \(index) Ltd", address: "\(index) Harbour Street, Example City",
                country: countries[slot], service: "Contact-centre tooling: recording, analytics and workforce management, lot \(index)",
                dataCategories: Array(categories.prefix(3 + index % 3)), locations: [countries[slot]], transferMechanism: mechanisms[slot],
                tiaReference: mechanisms[slot].hasPrefix("scc") || mechanisms[slot].hasPrefix("bcr") ? "TIA-\(index)" : nil,
                contact: Contact(name: "Privacy Office", email: "privacy\(index)@provider.example")
            )
        }
        return document
    }
}
