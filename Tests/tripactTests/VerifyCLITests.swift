import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// `tripact verify` says "verified" only of what the database and the audit chain vouch for: a forged status block
/// fails even when the forger re-rendered the whole file consistently.
@Suite struct VerifyCLITests {
    /// Writes version 1 of the workspace's agreement rendered with a status block of the forger's choosing.
    func forge(_ w: CLIWorkspace, _ context: RenderContext, name: String) throws -> String {
        let document = Fixtures.example("full-scenario.json")
        var context = context
        context.embedForVerification = true
        let html = AgreementRenderer.renderUTF8(AgreementFacts(document: document, library: Fixtures.library), context: context, contentHash: DocumentCodec.contentHash(document))
        let path = w.directory.appendingPathComponent(name).path
        try Data(html).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let invented: [PartyRole: SignatureRecord] = [
        .controller: SignatureRecord(name: "Eve Mallory", position: "eve@example.com", signedAt: "2026-11-01T10:00:00.000Z"),
        .processor: SignatureRecord(name: "Mallet", position: "mallet@example.com", signedAt: "2026-11-01T11:00:00.000Z"),
    ]

    @Test(arguments: [
        ("signed", "it prints SIGNED, the database says DRAFT"),
        ("version", "it prints version 9, the database holds it as version 1"),
        ("agreed", "it prints AGREED, NOT SIGNED, the database says DRAFT"),
    ])
    func aForgedStatusBlockOfADraftFailsAgainstTheDatabase(forgery: String, expected: String) throws {
        let w = try CLIWorkspace()
        let context: RenderContext = switch forgery {
        case "signed": RenderContext(version: 1, status: .signed, signatures: Self.invented)
        case "version": RenderContext(version: 9, status: .draft)
        default: RenderContext(version: 1, status: .agreed)
        }
        let path = try forge(w, context, name: "forged.html")
        let result = try w.run(["verify", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("printed text matches the embedded document"), "the forgery is consistent with itself: \(result.stderr)")
        #expect(result.stderr.contains("DISAGREES with the database: \(expected)"), "\(result.stderr)")
    }

    @Test func theExportOfAVersionUpdatedByANoticeAfterSignatureVerifiesAsSigned() throws {
        let w = try CLIWorkspace()
        try #require(try w.run(["accept", w.reference, "--all", "--as", CLIWorkspace.brand]).status == 0)
        try #require(try w.run(["sign", w.reference, "--as", CLIWorkspace.brandSignatory]).status == 0)
        try #require(try w.run(["sign", w.reference, "--as", CLIWorkspace.bpoSignatory]).status == 0)
        let entry = try RegisterCLITests().entry(w, id: "sp-nuvola", name: "Nuvola Voice Platform B.V.", file: "nuvola.json")
        try #require(try w.run(["subprocessors", "add", entry, "--as", CLIWorkspace.bpo]).status == 0)
        // A removal needs no consent: the agreement is informed and its Annex IV follows at once, in version 2.
        let removed = try w.run(["subprocessors", "remove", "sp-nuvola", "-m", "retired", "--as", CLIWorkspace.bpo])
        try #require(removed.status == 0, "\(removed.stderr)")
        let shown = try w.run(["show", w.reference])
        #expect(shown.stdout.contains("status signed; Annex IV updated on "), "\(shown.stdout)")
        let log = try w.run(["log", w.reference])
        #expect(log.stdout.contains("version 2 (on 1)") && log.stdout.contains("[signed: carries the signatures of version 1; Annex IV updated on "), "\(log.stdout)")
        #expect(log.stdout.contains("version 1  sha256") && log.stdout.contains("[signed by controller and processor]"), "\(log.stdout)")
        let path = w.directory.appendingPathComponent("v2.html").path
        try #require(try w.run(["export", w.reference, "--version", "2", "--format", "html", "-o", path]).status == 0)
        let verified = try w.run(["verify", path])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("it is version 2 of '\(w.reference)': SIGNED; Annex IV updated on "), "\(verified.stdout)")
        #expect(try w.run(["audit", "verify"]).status == 0)
    }

    @Test func inventedSignatoriesOnASignedVersionFail() throws {
        let w = try CLIWorkspace()
        try #require(try w.run(["accept", w.reference, "--all", "--as", CLIWorkspace.brand]).status == 0)
        try #require(try w.run(["sign", w.reference, "--as", CLIWorkspace.brandSignatory]).status == 0)
        try #require(try w.run(["sign", w.reference, "--as", CLIWorkspace.bpoSignatory]).status == 0)
        let result = try w.run(["verify", try forge(w, RenderContext(version: 1, status: .signed, signatures: Self.invented), name: "forged.html")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("DISAGREES with the database: the controller's signature: it prints Eve Mallory (eve@example.com)"), "\(result.stderr)")
    }

    @Test func withoutADatabaseAStatusBlockThatContradictsItselfFailsAndSignedIsNotConfirmed() throws {
        let w = try CLIWorkspace()
        let noDatabase = ["TRIPACT_DB": ""]
        let halfSigned = try forge(w, RenderContext(version: 1, status: .signed, signatures: [.controller: Self.invented[.controller]!]), name: "half.html")
        let contradicted = try CLIRunner.run(["verify", halfSigned], in: w.directory, environment: noDatabase)
        #expect(contradicted.status == 1)
        #expect(contradicted.stderr.contains("DISAGREES with itself: it prints SIGNED but carries 1 of 2 signatures"), "\(contradicted.stderr)")
        let consistent = try CLIRunner.run(["verify", try forge(w, RenderContext(version: 1, status: .signed, signatures: Self.invented), name: "whole.html")], in: w.directory, environment: noDatabase)
        #expect(consistent.status == 0, "\(consistent.stderr)")
        #expect(consistent.stdout.contains("only a database (--db or TRIPACT_DB) can confirm its status and signatures"))
    }

    @Test func anExportOfAVersionWhoseSignatureWasForgedInTheDatabaseFails() throws {
        let w = try CLIWorkspace()
        try #require(try w.run(["accept", w.reference, "--all", "--as", CLIWorkspace.brand]).status == 0)
        try #require(try w.run(["sign", w.reference, "--as", CLIWorkspace.brandSignatory]).status == 0)
        // The processor never signed: a row is slipped in with the shell, and the export is taken after.
        let shell = try SQLiteShell.run(
            w.database,
            "INSERT INTO signatures (agreement_id, version, party, user_id, content_hash, signed_at) SELECT 1, 1, 'processor', (SELECT id FROM users WHERE email = '\(CLIWorkspace.bpo)'), content_hash, '2026-12-01T00:00:00.000Z' FROM versions WHERE number = 1;"
        )
        #expect(shell.status == 0, "\(shell.stderr)")
        let html = w.directory.appendingPathComponent("export.html").path
        #expect(try w.run(["export", w.reference, "--format", "html", "-o", html]).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!page.contains("<dd class=\"status\">SIGNED</dd>") && page.contains("<dd class=\"status\">AGREED, NOT SIGNED</dd>"), "a signature outside the chain does not print as signed")
        let result = try w.run(["verify", html])
        #expect(result.status == 1)
        #expect(result.stderr.contains("DISAGREES with the audit chain: signatures(agreement_id=1, version=1, party=processor) is not in the audit chain"), "\(result.stderr)")
    }
}
