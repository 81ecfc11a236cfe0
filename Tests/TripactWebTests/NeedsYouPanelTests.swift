import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, build item 2: "What needs you" above the document, for the viewing user's side, each entry a link to its
/// place, its counts agreeing with the items.
@Suite struct NeedsYouPanelTests {
    /// The panel's markup on an agreement page.
    static func panel(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<section class=\"needs-you\""))
        let end = try #require(html[start.upperBound...].range(of: "</section>"))
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The entries of one of the panel's lists.
    static func entries(_ panel: String, list id: String) -> [String] {
        guard let start = panel.range(of: "<ul aria-labelledby=\"\(id)\">"), let end = panel[start.upperBound...].range(of: "</ul>") else { return [] }
        return panel[start.upperBound..<end.lowerBound].components(separatedBy: "<li>").dropFirst().map { String($0) }
    }

    /// The controller proposes version 2 (breach hours and audits changed): the processor's side awaits those two items,
    /// the controller's side every item it never accepted.
    static func fixtureWithAProposal() throws -> WebFixture {
        let fixture = try WebFixture()
        var v2 = Fixtures.example("full-scenario.json")
        Fixtures.set("breach-notification", "hours", .integer(24), in: &v2)
        Fixtures.set("audits", "notice-days", .integer(20), in: &v2)
        try fixture.store.propose(v2, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "tighter")
        return fixture
    }

    @Test func eachSideSeesTheItemsAwaitingItAsLinksAndTheCountsAgreeWithTheStore() async throws {
        let fixture = try Self.fixtureWithAProposal()
        let reference = fixture.reference
        let labels = ItemLabels(document: try fixture.store.version(reference).document, library: Fixtures.library)
        try await fixture.application.test(.router) { client in
            for side in ["processor", "controller", "processor"] {
                let party: PartyRole = side == "controller" ? .controller : .processor
                let (cookie, _) = try fixture.session(.legal, side)
                let panel = try Self.panel(try await client.get("/agreements/\(reference)", cookie: cookie).text)
                let summary = try fixture.store.agreement(reference)
                let open = try fixture.store.itemStates(reference).filter { !$0.acceptedBy.contains(party) }
                let expected = party == .controller ? summary.openForController : summary.openForProcessor
                #expect(open.count == expected)
                let listed = Self.entries(panel, list: "needs-items")
                #expect(listed.count == expected, "\(side)")
                #expect(panel.contains(expected == 1 ? ">1 item awaits your side</h3>" : ">\(expected) items await your side</h3>"), "\(side)")
                #expect(panel.contains("What needs the \(party.rawValue)"))
                for state in open {
                    let title = HTMLEscaping.escape(labels.label(state.key))
                    #expect(listed.contains { $0.contains(">\(title)</a>") }, "\(title) for the \(side)")
                }
                if party == .processor {
                    #expect(panel.contains("<a href=\"/agreements/\(reference)/clauses/breach-notification\">Clause 22 — Personal Data Breaches</a>"))
                    #expect(panel.contains("aria-label=\"Accept Clause 22 — Personal Data Breaches\""), "legal users accept from the panel")
                    // Accepting one item: the next look (a new database generation) lists one fewer.
                    if expected == 2 {
                        try fixture.store.accept([ItemKey(rawValue: "clause:audits")], on: reference, by: WebFixture.email(.legal, "processor"))
                    } else {
                        #expect(expected == 1 && !panel.contains(">Clause 14 — Audits and inspections</a>"))
                    }
                }
            }
        }
    }

    @Test func viewersAndAccountManagersSeeThePanelWithoutButtons() async throws {
        let fixture = try Self.fixtureWithAProposal()
        try await fixture.application.test(.router) { client in
            for role in [Role.viewer, .accountManager] {
                let (cookie, _) = try fixture.session(role, "processor")
                let panel = try Self.panel(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text)
                #expect(Self.entries(panel, list: "needs-items").count == 2, "\(role)")
                #expect(!panel.contains("<form") && !panel.contains("<button"), "\(role) sees an action in the panel")
            }
        }
    }

    @Test func disputesValidationErrorsAndTheSignatureDueAreListedWithTheirPlaces() async throws {
        var document = Fixtures.example("full-scenario.json")
        document.parties.controller.signatory = nil
        let fixture = try WebFixture(document: document)
        let reference = fixture.reference
        try fixture.store.reject("clause:audits", on: reference, reason: "Thirty days <is> too long", by: WebFixture.email(.legal, "controller"), expectedHead: 1)
        try await fixture.application.test(.router) { client in
            let (cookie, _) = try fixture.session(.legal, "processor")
            let panel = try Self.panel(try await client.get("/agreements/\(reference)", cookie: cookie).text)
            let disputes = Self.entries(panel, list: "needs-disputes")
            #expect(disputes.count == 1 && panel.contains(">1 dispute</h3>"))
            #expect(disputes[0].contains("<a href=\"/agreements/\(reference)/clauses/audits\">Clause 14 — Audits and inspections</a>"))
            #expect(disputes[0].contains("rejected by the controller (legal of controller) on version 1: “Thirty days &lt;is&gt; too long”"))
            let errors = Self.entries(panel, list: "needs-errors")
            #expect(!errors.isEmpty && panel.contains(errors.count == 1 ? ">1 validation error</h3>" : ">\(errors.count) validation errors</h3>"))
            #expect(errors.contains { $0.hasPrefix("<a href=\"/agreements/\(reference)/parties\">The controller has no signatory") })
        }

        let agreed = try SigningRouteTests.agreedFixture()
        try await agreed.application.test(.router) { client in
            let (legal, _) = try agreed.session(.legal, "processor")
            let panel = try Self.panel(try await client.get("/agreements/\(agreed.reference)", cookie: legal).text)
            #expect(panel.contains("<a href=\"/agreements/\(agreed.reference)/sign?version=1\">Version 1 is agreed by both parties and awaits the processor&#39;s signature</a>"))
            let (viewer, _) = try agreed.session(.viewer, "processor")
            #expect(try Self.panel(try await client.get("/agreements/\(agreed.reference)", cookie: viewer).text).contains("<a href=\"#signatures\">Version 1 is agreed"))
        }
    }

    @Test func anOpenNoticeIsListedWithItsDeadlineAndNothingElseNeedsASignedAgreement() async throws {
        let fixture = try SigningRouteTests.agreedFixture()
        let bpo = WebFixture.email(.admin, "processor")
        try fixture.store.sign(fixture.reference, by: fixture.signatory("processor"), library: Fixtures.library)
        try fixture.store.sign(fixture.reference, by: fixture.signatory("controller"), library: Fixtures.library)
        try await fixture.application.test(.router) { client in
            let (cookie, _) = try fixture.session(.legal, "controller")
            let quiet = try Self.panel(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text)
            #expect(quiet.contains("<p class=\"ok\">Nothing needs your side on this agreement now.</p>") && !quiet.contains("<h3"))

            let result = try fixture.store.proposeRegisterChange(
                .addition, entry: Fixtures.registerRecord("sp-voice", name: "Voice Cloud", services: ["telephony"]), replacing: nil, plannedStart: nil,
                message: "new telephony", by: bpo, library: Fixtures.library
            )
            let notice = try #require(result.notices.first)
            let panel = try Self.panel(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text)
            let notices = Self.entries(panel, list: "needs-notices")
            #expect(notices.count == 1 && panel.contains(">1 open notice</h3>"))
            #expect(notices[0].hasPrefix("<a href=\"/notices/\(notice.id)\">Notice \(notice.id)</a>"))
            #expect(notices[0].contains("\(notice.deadlineLabel) \(notice.respondBy.label)"))
        }
    }

    @Test func theDashboardShowsHowManyItemsAwaitYourSide() async throws {
        let fixture = try Self.fixtureWithAProposal()
        let summary = try fixture.store.agreement(fixture.reference)
        try await fixture.application.test(.router) { client in
            let processor = try await client.get("/", cookie: try fixture.session(.viewer, "processor").cookie).text
            #expect(processor.contains("<th scope=\"col\">Awaiting your side</th>"))
            #expect(processor.contains("<td class=\"awaiting\">\(summary.openForProcessor) items</td>"))
            let controller = try await client.get("/", cookie: try fixture.session(.legal, "controller").cookie).text
            #expect(controller.contains("<td class=\"awaiting\">\(summary.openForController) items</td>"))
        }
    }
}
