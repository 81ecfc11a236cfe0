import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Adding one measure changes one measure: the catalogue wording the form shows for the others is not taken as new
/// wording of theirs, so the other side's acceptance of them stands.
@Suite struct MeasureFormTests {
    @Test func addingOneMeasureThroughTheFormLeavesEveryOtherMeasureAsItWas() async throws {
        let fixture = try WebFixture()
        try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "controller"))
        let before = try fixture.store.version(fixture.reference).document.measures
        #expect(before.contains { $0.description == nil }, "the fixture has measures that take the catalogue's wording")
        let unused = try #require(Fixtures.library.measures.first { measure in !before.contains { $0.id == measure.key } })
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/measures", cookie: cookie).text
            // Send every textarea back exactly as the page showed it, as a browser does.
            let pattern = try Regex(#"<textarea id="m-\d+" name="([^"]+)"[^>]*>([^<]*)</textarea>"#)
            var form: [(String, String)] = [("_csrf", csrf), ("base", "1"), ("new.catalogue", unused.key), ("message", "one more measure")]
            for match in page.matches(of: pattern) {
                let name = String(match.output[1].substring ?? "")
                let shown = String(match.output[2].substring ?? "")
                form.append((unescape(name), unescape(shown)))
            }
            #expect(form.count > 10)
            let saved = try await client.propose("/agreements/\(fixture.reference)/measures", form: form, cookie: cookie)
            #expect(saved.status == .seeOther, "\(saved.text)")
        }
        let after = try fixture.store.version(fixture.reference).document.measures
        #expect(Array(after.prefix(before.count)) == before, "no existing measure changed")
        let open = try fixture.store.itemStates(fixture.reference).filter { !$0.isAgreed }.map(\.key.rawValue)
        #expect(open == ["measure:\(unused.key)"], "only the new measure awaits the controller")
    }

    func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
