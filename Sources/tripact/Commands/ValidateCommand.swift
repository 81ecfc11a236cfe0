import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact validate FILE`: checks an agreement against Article 28 and the library.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an agreement document against Art. 28(3)(a)–(h), 28(2), 28(4), 32, 33(2), Chapter V and Art. 12(3).",
        discussion: "Exit codes: 0 no errors (warnings may remain); 1 errors found; 2 unusable input."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The agreement document (tripact/1 JSON), or - for standard input.")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Also check against this processor organisation's registers (drift from the subprocessor register, expiring evidence); needs --db or TRIPACT_DB.")
    var registersOf: String?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let read = try DocumentInput.read(file)
            var registers: RegisterSnapshot?
            if let registersOf {
                let store = try store.openExisting()
                registers = try CLIFailure.wrap { () throws(StoreError) in try store.registerSnapshot(processorID: store.organisation(named: registersOf).id) }
            }
            let findings = Validator.validate(read.document, library: try library.loadLibrary(), registers: registers)
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            switch format {
            case .json:
                struct Report: Encodable {
                    let file: String
                    let errors: Int
                    let warnings: Int
                    let findings: [Finding]
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let data = (try? encoder.encode(Report(file: file, errors: errors, warnings: warnings, findings: findings))) ?? Data()
                try FileInput.write(data + Data("\n".utf8), to: nil)
            case .text:
                var out = ""
                for finding in findings {
                    out += "\(file): \(finding.path): \(finding.severity.rawValue): \(finding.message) [\(finding.code); \(finding.article)]\n"
                }
                out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
                try FileInput.writeText(out)
            }
            if errors > 0 { throw .findings }
        }
    }
}
