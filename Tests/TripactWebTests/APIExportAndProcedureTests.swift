import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The API's answers added for the remote CLI: procedural updates in the agreement and the log (newest first, as
/// documented), the status filter, the notice filters, the Word export and the check of an exported file.
@Suite struct APIExportAndProcedureTests {
    /// Signs the fixture's agreement and settles a notice on it, so that version 2 is made by the agreement's procedure.
    static func signedAndUpdated(_ fixture: WebFixture) throws -> NoticeEntry {
        let bpo = WebFixture.email(.legal, "processor")
        let brand = WebFixture.email(.legal, "controller")
        try fixture.store.accept(nil, on: fixture.reference, by: brand)
        try fixture.store.sign(fixture.reference, by: fixture.signatory("processor"), library: Fixtures.library)
        try fixture.store.sign(fixture.reference, by: fixture.signatory("controller"), library: Fixtures.library)
        let result = try fixture.store.proposeRegisterChange(
            .addition, entry: Fixtures.registerRecord("sp-voice", name: "Voice Cloud", services: ["telephony"]), replacing: nil, plannedStart: nil,
            message: "new telephony", by: bpo, library: Fixtures.library
        )
        let notice = try #require(result.notices.first)
        fixture.clock.advance(Double(fixture.store.today().days(until: notice.takesEffect) + 1) * 86_400)
        try fixture.store.settleDueNotices(library: Fixtures.library)
        return notice
    }

    @Test func anAgreementUpdatedByItsProcedureSaysSoAndTheLogIsNewestFirst() async throws {
        let fixture = try WebFixture()
        let notice = try Self.signedAndUpdated(fixture)
        try await fixture.application.test(.router) { client in
            let token = try fixture.token(.viewer, "controller", scope: .read)
            let detail = try #require(try await client.api(.get, "/agreements/\(fixture.reference)", token: token).json() as? [String: Any])
            let agreement = try #require(detail["agreement"] as? [String: Any])
            #expect((agreement["standing"] as? String)?.hasPrefix("signed; Annex IV updated on ") == true, "\(agreement)")
            #expect((agreement["headUpdate"] as? [String: Any])?["notice"] as? Int == notice.id)
            let log = try #require(try await client.api(.get, "/agreements/\(fixture.reference)/versions", token: token).json() as? [[String: Any]])
            #expect(log.compactMap { $0["number"] as? Int } == [2, 1], "newest first, as openapi.yaml says and 'tripact log' prints")
            let note = try #require(log.first?["procedure"] as? String)
            #expect(note == (try fixture.store.proceduralNotes(fixture.reference))[2])
            #expect(note.hasPrefix("signed: carries the signatures of version 1; Annex IV updated on ") && note.hasSuffix("notice \(notice.id)"))
            #expect(log.last?["procedure"] == nil)
            let version = try #require(try await client.api(.get, "/agreements/\(fixture.reference)/versions/2", token: token).json() as? [String: Any])
            #expect((version["version"] as? [String: Any])?["procedure"] as? String == note)

            let signed = try await client.api(.get, "/agreements?status=signed", token: token).json() as? [[String: Any]]
            #expect(signed?.compactMap { $0["reference"] as? String } == [fixture.reference])
            let drafts = try await client.api(.get, "/agreements?status=draft", token: token).json() as? [[String: Any]]
            #expect(drafts?.isEmpty == true)

            let mine = try await client.api(.get, "/notices?agreement=\(fixture.reference)", token: token).json() as? [[String: Any]]
            #expect(mine?.compactMap { $0["id"] as? Int } == [notice.id])
            let other = try await client.api(.get, "/notices?agreement=another", token: token).json() as? [[String: Any]]
            #expect(other?.isEmpty == true)
            let open = try await client.api(.get, "/notices?open=true", token: token).json() as? [[String: Any]]
            #expect(open?.isEmpty == true, "the notice was applied")
            let badDay = try await client.api(.get, "/notices?dueBefore=2026-13-45", token: token)
            #expect(badDay.status == .unprocessableContent || badDay.status == .badRequest, "\(badDay.status)")
        }
    }

    @Test func theWordExportAndTheCheckOfAnExportAnswerForTheCallersOrganisationOnly() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let token = try fixture.token(.viewer, "controller", scope: .read)
            let word = try await client.api(.get, "/agreements/\(fixture.reference)/versions/1/docx", token: token)
            #expect(word.status == .ok)
            #expect(word.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            let expected = try WordDownloads.export(store: fixture.store, reference: fixture.reference, version: 1, library: Fixtures.library)
            #expect(Data(word.body.readableBytesView) == expected, "the same file as the agreement page's download")
            let sameVersion = try await client.api(.get, "/agreements/\(fixture.reference)/versions/1/docx?redlineFrom=1", token: token)
            #expect(sameVersion.status == .badRequest)
            let outsider = try fixture.token(.legal, "outsider", scope: .read)
            #expect(try await client.api(.get, "/agreements/\(fixture.reference)/versions/1/docx", token: outsider).status == .notFound)

            let html = try await client.api(.get, "/agreements/\(fixture.reference)/versions/1/export", token: token)
            func check(_ body: ByteBuffer, _ token: String) async throws -> TestResponse {
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(token)"
                headers[.contentType] = "application/octet-stream"
                return try await client.executeRequest(uri: "/api/v1/verifications", method: .post, headers: headers, body: body)
            }
            let checked = try #require(try await check(html.body, token).json() as? [String: Any])
            let matches = try #require(checked["matches"] as? [[String: Any]])
            #expect(matches.count == 1 && matches.first?["agreement"] as? String == fixture.reference && matches.first?["version"] as? Int == 1)
            #expect(matches.first?["standing"] as? String == "DRAFT")
            #expect((matches.first?["disagreements"] as? [String])?.isEmpty == true)
            #expect((checked["auditProblems"] as? [String])?.isEmpty == true)
            let unseen = try #require(try await check(html.body, outsider).json() as? [String: Any])
            #expect((unseen["matches"] as? [Any])?.isEmpty == true, "another organisation never learns the version exists")
            let garbage = try await check(ByteBuffer(string: "not an export"), token)
            #expect(garbage.status == .unprocessableContent)
            #expect(try garbage.problem().paths == ["file"])
        }
    }

    /// The server and the client are generated from the one document at the repository's root.
    @Test func theServerAndTheClientReadTheSameOpenAPIDocument() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try Data(contentsOf: root.appendingPathComponent("openapi.yaml"))
        for target in ["TripactAPI", "TripactAPIClient"] {
            #expect(try Data(contentsOf: root.appendingPathComponent("Sources/\(target)/openapi.yaml")) == document, "\(target)'s copy differs")
        }
    }
}
