import ArgumentParser

/// The `tripact` command: draft, check and print Article 28 agreements.
@main
struct Tripact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tripact",
        abstract: "Draft, negotiate, check and print GDPR Article 28 data processing agreements.",
        discussion: """
            Exit codes: 0 success; 1 the agreement has validation errors; 2 unusable input \
            (unreadable file, malformed JSON, unknown field, broken clause library); 64 wrong usage.
            """,
        subcommands: [NewCommand.self, RenderCommand.self, ValidateCommand.self, ClausesCommand.self]
    )
}
