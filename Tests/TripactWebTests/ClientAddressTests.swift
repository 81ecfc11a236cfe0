import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Behind a reverse proxy every request comes from the proxy: log-in throttling would count all users as one client,
/// and a certificate of completion would name the proxy. `--trusted-proxy` names the proxies whose X-Forwarded-For
/// is believed; nobody else's is.
@Suite struct ClientAddressTests {
    @Test func onlyATrustedProxysHeaderNamesTheClient() {
        let proxies: Set = ["10.0.0.2", "10.0.0.3"]
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.23"], trusting: proxies) == "198.51.100.23")
        // The nearest hop that is not a trusted proxy: an address a client wrote further left is not believed.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["192.0.2.1, 198.51.100.23, 10.0.0.3"], trusting: proxies) == "198.51.100.23")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["192.0.2.1", "198.51.100.23"], trusting: proxies) == "198.51.100.23")
        // A peer that is not a trusted proxy is the client, whatever it sends.
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["198.51.100.23"], trusting: proxies) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.23"], trusting: []) == "10.0.0.2")
        // A hop that is no IP address ends the walk at the last good one; no header leaves the proxy.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.23, <script>"], trusting: proxies) == "10.0.0.2")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["unknown, 10.0.0.3"], trusting: proxies) == "10.0.0.3")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: [], trusting: proxies) == "10.0.0.2")
        // Ports and brackets come off; IPv6 reads in its usual form.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.23:51234"], trusting: proxies) == "198.51.100.23")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["[2001:db8::7]:443"], trusting: proxies) == "2001:db8::7")
        #expect(ClientAddress.normalised("2001:db8::7") == "2001:db8::7")
        #expect(ClientAddress.normalised(String(repeating: "1", count: 100)) == nil)
        #expect(ClientAddress.normalised("example.org") == nil)
    }

    @Test func aSignatureBehindATrustedProxyRecordsTheClientAndUntrustedHeadersAreIgnored() async throws {
        for trusted in [true, false] {
            let fixture = try SigningRouteTests.agreedFixture()
            // The certificate prints once both have signed: the controller signs first, away from the proxy.
            try fixture.store.sign(fixture.reference, by: fixture.signatory("controller"), library: Fixtures.library, expectedHead: 1, clientAddress: "203.0.113.7")
            var configuration = fixture.configuration
            if trusted { configuration.trustedProxies = ["127.0.0.1"] }
            let app = Application(router: buildRouter(store: fixture.store, configuration: configuration))
            let (cookie, csrf) = try fixture.signatorySession("processor")
            try await app.test(.live) { client in
                var headers = HTTPFields()
                headers[.contentType] = "application/x-www-form-urlencoded"
                headers[.cookie] = cookie
                headers[ClientAddressTests.forwardedFor] = "198.51.100.23"
                let body = "_csrf=\(csrf)&version=1&confirm=yes"
                let signed = try await client.executeRequest(uri: "/agreements/\(fixture.reference)/sign", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(signed.status == .seeOther)
                let print = try await client.get("/agreements/\(fixture.reference)/versions/1", cookie: cookie).text
                let recorded = trusted ? "198.51.100.23" : "127.0.0.1"
                #expect(print.contains("</td><td>\(recorded)</td><td class=\"hash\">"), "trusted: \(trusted)")
            }
        }
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
