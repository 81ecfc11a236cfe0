import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// A checkbox belongs to the label on its own line: box and label in one row, the box first.
@Suite struct PickerLayoutTests {
    /// Ids of the checkboxes that carry an id (those inside a `<label>` need none), and of those written as a row: a
    /// `.choice` element holding the box and, right after it, the label for it.
    static func boxes(_ page: String) throws -> (all: [String], inRows: [String]) {
        let all = page.matches(of: try Regex(#"<input type="checkbox" id="([^"]+)""#)).map { String($0.output[1].substring ?? "") }
        let rows = page.matches(of: try Regex(#"<div class="choice"><input type="checkbox" id="([^"]+)"[^>]*> <label class="inline" for="([^"]+)">[^<]+</label></div>"#))
            .filter { $0.output[1].substring == $0.output[2].substring }
            .map { String($0.output[1].substring ?? "") }
        return (all, rows)
    }

    @Test func everyPickerCheckboxSitsOnItsLabelsLineDirectlyBeforeIt() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            for path in ["annex2", "subprocessors"] {
                let page = try await client.get("/agreements/\(fixture.reference)/\(path)", cookie: cookie).text
                let (all, inRows) = try Self.boxes(page)
                #expect(!all.isEmpty || path == "subprocessors", "\(path) has pickers")
                #expect(all == inRows, "\(path): \(Set(all).subtracting(inRows).sorted().prefix(3))")
                // The row lays the box and its label out on one line; a label alone is a block of its own.
                #expect(page.contains(".choice { display: flex; align-items: center;"))
                #expect(page.contains(".choice label { display: inline;"))
            }
            let annex2 = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(annex2.contains(
                "<div class=\"choice\"><input type=\"checkbox\" id=\"dataCategories-user.financial.credit_card\" name=\"dataCategories[]\" value=\"user.financial.credit_card\""
            ))
        }
    }
}
