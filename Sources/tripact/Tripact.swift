import ArgumentParser

/// The `tripact` command: draft, check and print Article 28 agreements.
@main
struct Tripact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tripact",
        abstract: "Draft, negotiate, check and print GDPR Article 28 data processing agreements.",
        discussion: """
            Exit codes: 0 success; 1 the agreement has validation errors, or a verification failed; 2 unusable input \
            (unreadable file, malformed JSON, unknown field, broken clause library, database error); 3 unknown agreement, version, \
            item, user or organisation; 4 conflict (the head moved since your base version) or duplicate; 5 refused (not a party, \
            role not permitted, signing blocked by open items or validation errors, a selective acceptance not confirmed); 64 wrong usage.
            """,
        subcommands: [
            NewCommand.self, RenderCommand.self, ValidateCommand.self, ClausesCommand.self,
            OrganisationCommand.self, UserCommand.self, AgreementsCommand.self, ImportCommand.self, ProposeCommand.self, AcceptCommand.self,
            LogCommand.self, ShowCommand.self, DiffCommand.self, ExportCommand.self, SignCommand.self, VerifyCommand.self, BackupCommand.self,
            AuditCommand.self, ServeCommand.self, SubprocessorsCommand.self, NoticesCommand.self, ObjectCommand.self, ApproveCommand.self,
            ResolveCommand.self, EvidenceCommand.self, PlaybookCommand.self, TokenCommand.self, LoginCommand.self, LogoutCommand.self,
            ImportDocxCommand.self, CommentCommand.self, ApprovalCommand.self, DraftCommand.self,
        ]
    )
}
