import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Account managers and viewers read every part of the agreement, but are never offered a form that would be refused.
@Suite struct ReadOnlyRoleTests {
    static let forms = ["parties", "annex2", "locations", "measures", "subprocessors", "consumer", "terms", "assistance", "clauses/breach-notification"]

    @Test(arguments: [Role.accountManager, .viewer])
    func aRoleThatDoesNotProposeReadsTheFormsWithoutASendButton(role: Role) async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (cookie, _) = try fixture.session(role, "controller")
            for form in Self.forms {
                let page = try await client.get("/agreements/\(fixture.reference)/\(form)", cookie: cookie)
                #expect(page.status == .ok, "\(form)")
                #expect(!page.text.contains("Save to your side's draft"), "\(role) is offered to propose on \(form)")
                #expect(page.text.contains("only admin and legal users propose changes, so this form cannot be sent"), "\(form)")
            }
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(overview.contains(">Read Annex I (parties)</a>") && !overview.contains(">Edit Annex I (parties)</a>"))
            let (legal, _) = try fixture.session(.legal, "controller")
            let negotiator = try await client.get("/agreements/\(fixture.reference)/terms", cookie: legal).text
            #expect(negotiator.contains("Save to your side's draft"))
            #expect(try await client.get("/agreements/\(fixture.reference)", cookie: legal).text.contains(">Edit Annex I (parties)</a>"))
        }
    }
}
