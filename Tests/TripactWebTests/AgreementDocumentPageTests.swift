import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, items 1, 2 and 4: the agreement page is the agreement as printed, with a margin per item that tells both
/// sides' states; what changed since the reader last reviewed is marked in the text; the clause page redlines against a
/// chosen variant and places each value on the reader's own playbook.
@Suite struct AgreementDocumentPageTests {
    static let breach = ItemKey(rawValue: "clause:breach-notification")

    /// The part of `html` from the section or row with `id` up to the end of its first margin.
    static func margin(_ id: String, in html: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</aside>") ?? rest.range(of: "</td></tr>") else { return "" }
        return String(rest[..<end.upperBound])
    }

    /// The clause's section, up to its end.
    static func section(_ id: String, in html: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)])
    }

    @Test func thePageCarriesEachClausesFilledWordingAsPrintedAndTheAnnexRows() async throws {
        let fixture = try WebFixture()
        let document = try fixture.store.version(fixture.reference).document
        let facts = AgreementFacts(document: document, library: fixture.configuration.library)
        let item = try #require(facts.included("breach-notification"))
        let printed = AgreementRenderer.clauseFragment(item, facts: facts)
        let from = try #require(printed.range(of: "<ol class=\"paragraphs\">"))
        let to = try #require(printed.range(of: "</ol>\n</section>"))
        let paragraphs = String(printed[from.lowerBound..<to.upperBound])
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(page.contains(paragraphs), "the clause's paragraphs, values filled, exactly as the export prints them")
            #expect(page.contains("36 hours"), "the breach clause's hours are filled in")
            let measure = try #require(document.measures.first)
            #expect(page.contains("<tr id=\"measure-\(measure.id)\">"), "Annex III's rows are printed")
            let sub = try #require(document.subprocessors.first)
            #expect(page.contains("<tr id=\"subprocessor-\(sub.id)\">") && page.contains(HTMLEscaping.escape(sub.name)))
            #expect(page.contains("<th scope=\"col\">State</th>"), "annex tables get a column for the margins")
            #expect(page.contains("<a href=\"#clause-breach-notification\">"), "the contents link to the clause")
            // The versions, signatures and selective acceptance stay on the page.
            #expect(page.contains("<h2>Versions</h2>") && page.contains("id=\"signatures\"") && page.contains("id=\"select-items\""))
            #expect(page.contains("form=\"select-items\" name=\"items[]\" value=\"clause:breach-notification\""), "an item is selected from its margin")
        }
    }

    /// Issue 16: with joint and independent purposes, the page is headed by the title as the document prints it.
    @Test func thePageIsHeadedByThePrintedTitle() async throws {
        let document = Fixtures.withAllThreeRoles()
        let printed = AgreementFacts(document: document, library: Fixtures.library).printedTitle
        #expect(printed != document.title, "the fixture's stored title is the generic one")
        let fixture = try WebFixture(document: document)
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(page.contains("<h1>\(HTMLEscaping.escape(printed))</h1>"), "the printed title heads the page")
            let signing = try await client.get("/agreements/\(fixture.reference)/sign", cookie: cookie).text
            #expect(signing.contains("<dt>Agreement</dt><dd>\(HTMLEscaping.escape(printed))</dd>"), "the signer reads the title the version prints")
        }
    }

    @Test func marginsShowAgreedAwaitingYouAwaitingThemAndDisputedWithWhoAndWhyForEachSide() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        // Version 1 was imported by the processor. The controller accepts audits, and everything but breach notification
        // and the subprocessor clause; the processor then rejects the subprocessor clause with a reason.
        let states = try fixture.store.itemStates(reference)
        let keep: Set<ItemKey> = [Self.breach, "clause:subprocessors"]
        try fixture.store.accept(states.map(\.key).filter { !keep.contains($0) }, on: reference, by: WebFixture.email(.legal, "controller"), expectedHead: 1)
        try fixture.store.reject("clause:subprocessors", on: reference, reason: "We need a <general> authorisation", by: WebFixture.email(.legal, "processor"), expectedHead: 1)
        let after = try fixture.store.itemStates(reference)
        let processorAcceptedAudits = try #require(after.first { $0.key == "clause:audits" }).acceptedBy
        try #require(processorAcceptedAudits == [.controller, .processor], "the importer accepted its own version")
        try #require(try #require(after.first { $0.key == Self.breach }).acceptedBy == [.processor])
        let (controller, _) = try fixture.session(.legal, "controller")
        let (processor, _) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let brand = try await client.get("/agreements/\(reference)", cookie: controller).text
            let audits = Self.margin("clause-audits", in: brand)
            #expect(audits.contains("<strong>Agreed</strong>") && audits.contains("You (controller): accepted; Them (processor): accepted"))
            let breach = Self.margin("clause-breach-notification", in: brand)
            #expect(breach.contains("<strong>Awaiting you</strong>") && breach.contains("You (controller): not yet accepted; Them (processor): accepted"))
            #expect(breach.contains("aria-label=\"Accept ") && breach.contains("Reject with a reason") && breach.contains(">Edit<"))
            let subs = Self.margin("clause-subprocessors", in: brand)
            #expect(subs.contains("<strong>Disputed</strong>"))
            #expect(subs.contains("Disputed by them (legal of processor, processor) on version 1: “We need a &lt;general&gt; authorisation”"))
            #expect(brand.contains("<span class=\"mark disputed\">disputed</span>"), "the contents carry the same marks")

            let bpo = try await client.get("/agreements/\(reference)", cookie: processor).text
            let waiting = Self.margin("clause-breach-notification", in: bpo)
            #expect(waiting.contains("<strong>Awaiting them</strong>") && waiting.contains("You (processor): accepted; Them (controller): not yet accepted"))
            #expect(!waiting.contains("aria-label=\"Accept "), "nothing to accept for a side that has accepted")
            let disputed = Self.margin("clause-subprocessors", in: bpo)
            #expect(disputed.contains("Disputed by you (legal of processor, processor)") && disputed.contains("You (processor): rejected"))
            #expect(bpo.contains("<span class=\"mark awaiting-them\">awaiting them</span>"))
        }
    }

    @Test func changesSinceTheReadersReviewAreMarkedInlineUntilTheyMarkTheNewVersionReviewed() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        var second = try fixture.store.version(reference).document
        Fixtures.set("breach-notification", "hours", .integer(24), in: &second)
        try fixture.store.propose(second, on: reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "24 hours")
        try await fixture.application.test(.router) { client in
            // The processor imported version 1, so it counts as reviewed: the controller's change is marked.
            var page = try await client.get("/agreements/\(reference)", cookie: cookie).text
            var clause = Self.section("clause-breach-notification", in: page)
            #expect(clause.contains("<del>36</del>") && clause.contains("<ins>24</ins>"), "the changed hours are marked in the clause's text")
            #expect(page.contains("You last reviewed version 1."))
            #expect(Self.margin("clause-breach-notification", in: page).contains("Changed since you reviewed version 1"))
            #expect(!Self.section("clause-audits", in: page).contains("<ins>"), "an unchanged clause is printed plain")

            // The controller proposed version 2 itself: nothing is marked for it.
            let (brand, _) = try fixture.session(.legal, "controller")
            #expect(!(try await client.get("/agreements/\(reference)", cookie: brand).text).contains("<ins>"))

            // A bad version is refused, naming the field, and nothing is stored.
            let bad = try await client.post("/agreements/\(reference)/reviewed", form: [("_csrf", csrf), ("version", "seven")], cookie: cookie)
            #expect(bad.status == .badRequest && bad.text.contains("version"))
            let missing = try await client.post("/agreements/\(reference)/reviewed", form: [("_csrf", csrf), ("version", "9")], cookie: cookie)
            #expect((400..<500).contains(missing.status.code))
            let forged = try await client.post("/agreements/\(reference)/reviewed", form: [("_csrf", "forged"), ("version", "2")], cookie: cookie)
            #expect((400..<500).contains(forged.status.code))
            #expect(try fixture.store.reviewedVersion(of: fixture.store.user(email: WebFixture.email(.legal, "processor")), in: reference) == 1)

            let marked = try await client.post("/agreements/\(reference)/reviewed", form: [("_csrf", csrf), ("version", "2")], cookie: cookie)
            #expect(marked.status == .seeOther || marked.status == .found)
            page = try await client.get("/agreements/\(reference)", cookie: cookie).text
            clause = Self.section("clause-breach-notification", in: page)
            #expect(!page.contains("<ins>") && !page.contains("<del>") && clause.contains("24 hours"), "reviewed: the marks are gone")
            #expect(page.contains("You have reviewed version 2, the current version"))
            // The mark is the reader's own: the processor's admin, who neither marked nor proposed a version, has none.
            let (admin, _) = try fixture.session(.admin, "processor")
            #expect(try await client.get("/agreements/\(reference)", cookie: admin).text.contains("You have not reviewed a version of this agreement yet"))
        }
    }

    @Test func viewersAndAccountManagersReadTheSameMarginsWithoutEditControls() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for role in [Role.viewer, .accountManager] {
                let (cookie, _) = try fixture.session(role, "controller")
                let page = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
                let breach = Self.margin("clause-breach-notification", in: page)
                #expect(breach.contains("<strong>Awaiting you</strong>"), "\(role)")
                #expect(breach.contains("Comment"), "\(role): comments stay reachable")
                for control in ["Reject with a reason", ">Edit<", "/accept\"", "form=\"select-items\"", "Accept every item"] {
                    #expect(!page.contains(control), "\(role) is offered \(control)")
                }
            }
        }
    }

    @Test func theDocumentPageAndTheClausePageShowNoInternalKey() async throws {
        let fixture = try HumanWordsRouteTests.fixture()
        let reference = fixture.reference
        let document = try fixture.store.version(reference, number: 2).document
        try fixture.store.markReviewed(reference, version: 1, by: WebFixture.email(.legal, "processor"))
        try await fixture.application.test(.router) { client in
            for side in ["controller", "processor"] {
                let (cookie, _) = try fixture.session(.legal, side)
                let page = try await client.get("/agreements/\(reference)", cookie: cookie)
                #expect(page.status == .ok)
                // The clause page's own-wording editor shows placeholders ({{clause:ID}}) on purpose: only its new parts are read.
                let clause = try await client.get("/agreements/\(reference)/clauses/breach-notification?against=\(try Self.otherVariant("breach-notification", in: fixture))", cookie: cookie)
                #expect(clause.status == .ok)
                let parts = [("the agreement page", page.text), ("the variant redline", Self.section("variant-redline", in: clause.text)), ("the scales", Self.section("scales-heading", in: clause.text))]
                #expect(!parts[1].1.isEmpty && !parts[2].1.isEmpty)
                for (name, html) in parts {
                    let visible = ConflictPageTests.visibleText(html)
                    for key in HumanWordsRouteTests.keys(document) where visible.contains(key) { Issue.record("\(side): \(name) shows the key \(key)") }
                }
            }
            let (cookie, _) = try fixture.session(.legal, "processor")
            let page = try await client.get("/agreements/\(reference)", cookie: cookie).text
            #expect(page.contains("<ins>"), "the processor sees version 2's changes marked")
        }
    }

    static func otherVariant(_ id: String, in fixture: WebFixture) throws -> String {
        let clause = try #require(fixture.configuration.library.clause(ClauseID(id)))
        let current = try #require(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == clause.id }).variant
        return try #require(clause.variants.first { $0.key != current }).key
    }

    @Test func theClausePageRedlinesAgainstAChosenVariantAndRefusesAnUnknownOne() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.viewer, "processor")
        let library = fixture.configuration.library
        let clause = try #require(library.clause("subprocessors"))
        let current = try #require(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == clause.id }).variant
        let other = try #require(clause.variants.first { $0.key != current })
        try await fixture.application.test(.router) { client in
            let base = "/agreements/\(fixture.reference)/clauses/subprocessors"
            let plain = try await client.get(base, cookie: cookie).text
            #expect(plain.contains("<select id=\"against\" name=\"against\">") && !plain.contains("id=\"variant-redline\""))
            let page = try await client.get(base + "?against=\(other.key)", cookie: cookie)
            #expect(page.status == .ok)
            let redline = Self.section("variant-redline", in: page.text)
            #expect(redline.contains("<ins>") && redline.contains("<del>"), "the two wordings' differences are marked")
            #expect(redline.contains(HTMLEscaping.escape(other.label)))
            let bad = try await client.get(base + "?against=nonsense", cookie: cookie)
            #expect(bad.status == .badRequest && bad.text.contains("against"))
        }
    }

    @Test func eachParameterSitsOnTheReadersOwnScaleNeverTheOtherSides() async throws {
        let (fixture, _) = try PlaybookRouteTests.fixtureWithPlaybooks()
        try await fixture.application.test(.router) { client in
            let uri = "/agreements/\(fixture.reference)/clauses/breach-notification"
            let (brand, _) = try fixture.session(.legal, "controller")
            let controller = ConflictPageTests.visibleText(try await client.get(uri, cookie: brand).text)
            #expect(controller.contains("40 hours, between your fallback and your walk-away positions."))
            #expect(controller.contains("your fallback: 5 hoursthis version: 40 hoursyour walk-away: 46 hours"), "the value in its place on the scale")
            let (bpo, _) = try fixture.session(.viewer, "processor")
            let processor = ConflictPageTests.visibleText(try await client.get(uri, cookie: bpo).text)
            #expect(processor.contains("40 hours, beyond your walk-away position."))
            for hours in PlaybookRouteTests.controllerHours { #expect(!PlaybookRouteTests.holds(processor, hours), "the processor sees \(hours)") }
            for hours in PlaybookRouteTests.processorHours { #expect(!PlaybookRouteTests.holds(controller, hours), "the controller sees \(hours)") }
        }
    }

    @Test func scalesRunEitherWayAndPlaceEveryValue() throws {
        let library = Fixtures.library
        let spec = try #require(library.clause("breach-notification")?.parameters.first { $0.name == "hours" })
        let rising = PlaybookPositions<ParameterValue>(preferred: .integer(24), fallback: .integer(36), walkAway: .integer(48))
        let falling = PlaybookPositions<ParameterValue>(preferred: .integer(48), fallback: .integer(36), walkAway: .integer(24))
        let cases: [(Int, PlaybookPositions<ParameterValue>, String)] = [
            (12, rising, "better for you than your preferred position"), (24, rising, "at your preferred position"),
            (30, rising, "between your preferred and your fallback positions"), (36, rising, "at your fallback position"),
            (40, rising, "between your fallback and your walk-away positions"), (48, rising, "at your walk-away position"),
            (72, rising, "beyond your walk-away position"), (12, falling, "beyond your walk-away position"), (72, falling, "better for you than your preferred position"),
            (40, falling, "between your preferred and your fallback positions"),
        ]
        for (hours, positions, verdict) in cases {
            #expect(PlaybookScale(.integer(hours), positions, spec: spec).verdict == verdict, "\(hours) hours")
        }
    }
}
