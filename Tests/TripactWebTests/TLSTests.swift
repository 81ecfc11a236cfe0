import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct TLSTests {
    /// A self-signed certificate for localhost and its key, made by openssl in a temporary folder.
    static func selfSignedCertificate() throws -> WebConfiguration.TLSFiles {
        let folder = Fixtures.temporaryDirectory()
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let made = try Shell.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=localhost",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        return WebConfiguration.TLSFiles(certificatePath: certificate, keyPath: key)
    }

    @Test func theServerAnswersOverHTTPSAndMarksItsCookiesSecure() async throws {
        let fixture = try WebFixture()
        var configuration = fixture.configuration
        configuration.tls = try Self.selfSignedCertificate()
        let app = try buildApplication(configuration: configuration)
        try await app.test(.ahc(.https)) { client in
            let login = try await client.get("/login")
            #expect(login.status == .ok && login.text.contains("<form method=\"post\" action=\"/login\">"))
            #expect(login.setCookies.allSatisfy { $0.contains("Secure") } && !login.setCookies.isEmpty)
            // AsyncHTTPClient follows redirects, so the POST-redirect-GET of the log-in is checked over plain HTTP tests; here a
            // plain GET proves the HTTPS channel serves the same router.
            #expect(try await client.get("/health").text == "ok")
        }
    }

    @Test func withoutTLSTheCookiesAreNotSecure() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let login = try await client.get("/login")
            #expect(!login.setCookies.isEmpty && !login.setCookies.contains { $0.contains("Secure") })
        }
    }

    @Test func anUnreadableKeyIsNamedInTheError() throws {
        let fixture = try WebFixture()
        var configuration = fixture.configuration
        let files = try Self.selfSignedCertificate()
        configuration.tls = WebConfiguration.TLSFiles(certificatePath: files.certificatePath, keyPath: files.certificatePath)
        do {
            _ = try buildApplication(configuration: configuration)
            Issue.record("a certificate was accepted as a private key")
        } catch let error as TLSFileError {
            #expect(error.message.contains("cannot read the private key '\(files.certificatePath)'"))
        }
    }
}
