import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 13 with drafts: by default a returned DOCX goes into the importing side's draft, its Word comments held with
/// it; the other side sees neither until the turn is sent, sending posts the comments, discarding drops them.
@Suite struct WordImportDraftRouteTests {
    static let comment = "Why Belgian law?"

    static func upload(_ fixture: WebFixture, _ client: some TestClientProtocol, cookie: String, csrf: String) async throws -> TestResponse {
        try await WordImportRouteTests.upload(
            client, fixture.reference, cookie: cookie, fields: [("_csrf", csrf), ("base", "1"), ("message", "Counsel's edits")], file: try WordImportRouteTests.returned(fixture)
        )
    }

    static func draft(_ reference: String) -> String { "/agreements/\(reference)/draft" }

    static func commentBodies(_ fixture: WebFixture, _ organisation: String) throws -> [String] {
        try fixture.store.comments(fixture.reference, visibleTo: try fixture.store.organisation(named: organisation).id).map(\.body)
    }

    @Test func theUploadFillsTheDraftTheOtherSideSeesNeitherItNorItsCommentsAndSendingPostsThem() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        let email = WebFixture.email(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "processor")
            let (other, _) = try fixture.session(.legal, "controller")
            let response = try await Self.upload(fixture, client, cookie: cookie, csrf: csrf)
            #expect(response.status == .ok, "\(response.text)")
            let report = response.text
            #expect(report.contains("saved into your side's draft") && report.contains("href=\"/agreements/\(reference)/draft\""), "\(report)")
            #expect(report.contains("French law to Belgian law") && report.contains(Self.comment) && report.contains("Please call us about the fees."))
            #expect(!report.contains("proposed as version"))

            // Nothing sent: the head, and both sides' comments, are as they were; the draft holds edit and comment.
            #expect(try fixture.store.agreement(reference).head == 1)
            let draft = try #require(try fixture.store.draft(reference, for: email))
            #expect(draft.changes.contains("clause:governing-law"))
            #expect(draft.edits.allSatisfy { $0.editorEmail == email && $0.note == "Returned in Word (returned.docx): Counsel's edits" } && !draft.edits.isEmpty)
            #expect(draft.comments.map(\.item) == ["clause:governing-law"] && draft.comments[0].body.contains(Self.comment))
            for organisation in [WebFixture.controller, WebFixture.processor] {
                #expect(try !Self.commentBodies(fixture, organisation).contains { $0.contains(Self.comment) })
            }

            let review = try await client.get(Self.draft(reference), cookie: cookie).text
            #expect(review.contains("Word comments to post when you send") && review.contains(Self.comment), "\(review)")
            #expect(review.contains("Returned in Word (returned.docx)"))
            let overview = try await client.get("/agreements/\(reference)", cookie: cookie).text
            #expect(overview.contains("1 Word comment — review and send"), "\(overview)")

            for uri in ["/agreements/\(reference)", Self.draft(reference), "/agreements/\(reference)/items/clause:governing-law"] {
                let theirs = try await client.get(uri, cookie: other).text
                #expect(!theirs.contains(Self.comment) && !theirs.contains("Belgian law") && !theirs.contains("returned.docx"), "\(uri)")
            }

            let sent = try await client.post(Self.draft(reference) + "/send", form: [("_csrf", csrf), ("message", "Counsel's edits")], cookie: cookie)
            #expect(sent.status == .seeOther, "\(sent.text)")
        }
        let head = try fixture.store.version(reference)
        #expect(head.number == 2 && head.message == "Counsel's edits")
        #expect(head.document.clauses[Fixtures.selectionIndex("governing-law", in: head.document)].parameters["law"] == .string("Belgian law"))
        let comments = try fixture.store.comments(reference, visibleTo: try fixture.store.organisation(named: WebFixture.controller).id)
        #expect(comments.contains { $0.item == "clause:governing-law" && $0.version == 2 && $0.body.contains(Self.comment) && !$0.isInternal })
        #expect(try fixture.store.draft(reference, for: email) == nil)
    }

    @Test func discardingTheDraftDropsTheHeldWordComments() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "processor")
            #expect(try await Self.upload(fixture, client, cookie: cookie, csrf: csrf).status == .ok)
            let discarded = try await client.post(Self.draft(reference) + "/discard", form: [("_csrf", csrf)], cookie: cookie)
            #expect(discarded.status == .seeOther)
            let review = try await client.get(Self.draft(reference), cookie: cookie).text
            #expect(!review.contains(Self.comment))
        }
        #expect(try fixture.store.draft(reference, for: WebFixture.email(.legal, "processor")) == nil)
        #expect(try fixture.store.agreement(reference).head == 1)
        for organisation in [WebFixture.controller, WebFixture.processor] {
            #expect(try !Self.commentBodies(fixture, organisation).contains { $0.contains(Self.comment) })
        }
    }
}
