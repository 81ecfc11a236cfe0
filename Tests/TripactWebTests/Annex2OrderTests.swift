import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Saving Annex II as the form showed it is no change: the lists keep the document's own order.
@Suite struct Annex2OrderTests {
    /// The fields a browser sends for the page: hidden inputs, ticked boxes, checked radios, selected options, text areas.
    static func submission(_ page: String) throws -> [(String, String)] {
        var fields: [(String, String)] = []
        func unescape(_ text: Substring) -> String {
            String(text).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
        for match in page.matches(of: try Regex(#"<input ([^>]*)>"#)) {
            let attributes = String(match.output[1].substring ?? "")
            func attribute(_ name: String) -> String? {
                (try? Regex("\(name)=\"([^\"]*)\"")).flatMap { attributes.firstMatch(of: $0) }.flatMap { $0.output[1].substring }.map(unescape)
            }
            guard let name = attribute("name") else { continue }
            let type = attribute("type") ?? "text"
            if type == "checkbox" || type == "radio" {
                if attributes.contains(" checked") { fields.append((name, attribute("value") ?? "on")) }
            } else if type != "submit" {
                fields.append((name, attribute("value") ?? ""))
            }
        }
        for match in page.matches(of: try Regex(#"<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>"#)) {
            let options = String(match.output[2].substring ?? "")
            if let selected = options.firstMatch(of: try Regex(#"<option value="([^"]*)" selected>"#)) {
                fields.append((unescape(match.output[1].substring ?? ""), unescape(selected.output[1].substring ?? "")))
            }
        }
        for match in page.matches(of: try Regex(#"<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>"#)) {
            fields.append((unescape(match.output[1].substring ?? ""), unescape(match.output[2].substring ?? "")))
        }
        return fields
    }

    @Test func savingTheFormAsShownKeepsTheOrderAndProposesNothing() async throws {
        var document = Fixtures.example("full-scenario.json")
        // Lists in an order that is not the catalogue's.
        document.processing.dataSubjects.reverse()
        document.processing.channels.reverse()
        document.processing.purposes.reverse()
        let fixture = try WebFixture(document: document)
        let stored = try fixture.store.version(fixture.reference).document.processing
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            let start = try #require(page.range(of: "action=\"/agreements/\(fixture.reference)/annex2\""))
            let formPart = String(page[start.lowerBound...].prefix { _ in true }.split(separator: "</form>", maxSplits: 1)[0])
            let form = try Self.submission(formPart).filter { $0.0 != "message" } + [("message", "no change")]
            let saved = try await client.propose("/agreements/\(fixture.reference)/annex2", form: form, cookie: cookie)
            #expect(saved.status != .seeOther, "the same Annex II is no new version")
            #expect(saved.text.contains("identical") || saved.text.contains("nothing to propose"), "\(saved.status)")
        }
        #expect(try fixture.store.agreement(fixture.reference).head == 1)
        #expect(try fixture.store.version(fixture.reference).document.processing.dataSubjects == stored.dataSubjects)
    }
}
