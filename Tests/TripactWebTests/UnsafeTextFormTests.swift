import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct UnsafeTextFormTests {
    @Test func aFormFieldWithATerminalEscapeIsRefusedWith422NamingTheField() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let refused = try await client.post("/new-agreement", form: [
                ("_csrf", csrf), ("title", "DPA\u{1B}]0;owned\u{07}"), ("reference", "hostile"), ("counterpart", "Other Brand SA"),
                ("side", "processor"), ("mainAgreement", "Hotline services agreement"),
            ], cookie: cookie)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("&#39;title&#39; contains the escape character (U+001B)") || refused.text.contains("'title' contains the escape character (U+001B)"), "\(refused.text)")
            #expect(refused.text.contains("Go back with your browser: your text is still in the form"))
            let overridden = try await client.post("/new-agreement", form: [
                ("_csrf", csrf), ("title", "DPA"), ("reference", "hostile"), ("counterpart", "Other Brand SA"),
                ("side", "processor"), ("mainAgreement", "Hotline \u{202E}services"),
            ], cookie: cookie)
            #expect(overridden.status == .unprocessableContent && overridden.text.contains("mainAgreement"))
        }
        #expect(throws: StoreError.unknownAgreement("hostile")) { try fixture.store.version("hostile") }
    }
}
