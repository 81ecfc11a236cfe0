import ArgumentParser
import Foundation
import TripactCore

/// `tripact clauses`: read and check the clause library.
struct ClausesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clauses",
        abstract: "List, show and lint the clause library.",
        subcommands: [List.self, Show.self, Lint.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the clauses in printing order.")
        @OptionGroup var library: LibraryOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let library = try library.loadLibrary()
                var out = ""
                for clause in library.clauses {
                    let flags = (clause.mandatory ? "mandatory" : "optional") + (clause.negotiable ? ", negotiable" : "")
                    let applies = clause.applies == [.always] ? "" : " [applies: \(clause.applies.map(\.rawValue).joined(separator: " and "))]"
                    out += "\(clause.id.rawValue.padding(toLength: 34, withPad: " ", startingAt: 0)) \(clause.title) (\(flags))\(applies)\n"
                }
                try FileInput.writeText(out)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one clause: articles, parameters, playbook and each variant's text.")
        @Argument(help: "The clause id, as 'tripact clauses list' prints it.") var id: String
        @OptionGroup var library: LibraryOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let library = try library.loadLibrary()
                guard let clause = library.clause(ClauseID(id)) else {
                    throw .unusableInput("unknown clause '\(id)'; 'tripact clauses list' shows the library")
                }
                try FileInput.writeText(ClauseDescription.text(clause))
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lint", 
            abstract: "Check every file of the library; exit 2 with file:line messages when anything is wrong.",
            discussion: "A country entry not verified for more than 12 months is reported as a warning and the lint exits 1."
        )
        @OptionGroup var library: LibraryOptions

        @Option(name: .customLong("as-of"), help: "Judge the age of dated facts as of this day, YYYY-MM-DD (default: today, UTC).")
        var asOf: String?

        func validate() throws {
            if let asOf, CalendarDate(asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD, found '\(asOf)'") }
        }

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let library = try library.loadLibrary(alwaysLint: true)
                let today = asOf.flatMap(CalendarDate.init) ?? CalendarDate(CalendarDay(Date()).iso)!
                let stale = library.staleCountries(today: today)
                if !stale.isEmpty {
                    let directory = self.library.resolvedDirectory().path
                    let lines = stale.map { "warning: \(directory)/\($0)\n" }.joined()
                    FileHandle.standardError.write(Data(lines.utf8))
                    throw .findings
                }
                let contactCentre = library.measures.filter(\.contactCentre).count
                let summary = "ok: \(library.clauses.count) clauses, \(library.measures.count) measures (\(contactCentre) for contact centres), "
                    + "\(library.dataCategories.count) data categories, \(library.dataSubjects.count) data subjects, \(library.purposes.count) purposes, "
                    + "\(library.operations.count) operations, \(library.channels.count) channels, \(library.transferMechanisms.count) transfer mechanisms, "
                    + "\(library.countries.count) countries\n"
                try FileInput.writeText(summary)
            }
        }
    }
}
