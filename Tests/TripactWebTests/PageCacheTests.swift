import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The overview and the export are served from caches keyed by the database's generation: each user still gets
/// their own token, and any change shows at once.
@Suite struct PageCacheTests {
    @Test func aCachedOverviewCarriesEachUsersOwnTokenAndFollowsEveryChange() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let first = try fixture.session(.legal, "controller")
            let second = try fixture.session(.admin, "controller")
            let pageA = try await client.get("/agreements/\(fixture.reference)", cookie: first.cookie).text
            let pageB = try await client.get("/agreements/\(fixture.reference)", cookie: second.cookie).text
            #expect(pageA.contains("name=\"_csrf\" value=\"\(first.csrf)\"") && !pageA.contains(second.csrf))
            #expect(pageB.contains("name=\"_csrf\" value=\"\(second.csrf)\"") && !pageB.contains(first.csrf))
            #expect(!pageA.contains("tripact-csrf"))
            let before = try #require(pageA.range(of: "open items: [0-9]+ for the controller", options: .regularExpression).map { String(pageA[$0]) })
            // A change made outside the web (as the CLI would) shows on the next view.
            try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "controller"))
            let pageC = try await client.get("/agreements/\(fixture.reference)", cookie: first.cookie).text
            let after = try #require(pageC.range(of: "open items: [0-9]+ for the controller", options: .regularExpression).map { String(pageC[$0]) })
            #expect(before != after && after == "open items: 0 for the controller")
            // The viewer of the same side has no accept forms: its cached page is not the legal user's. (Its one form marks
            // a version as reviewed for itself.)
            let viewer = try fixture.session(.viewer, "controller")
            let viewerPage = try await client.get("/agreements/\(fixture.reference)", cookie: viewer.cookie).text
            #expect(!viewerPage.contains("/accept\"") && viewerPage.contains("name=\"_csrf\" value=\"\(viewer.csrf)\""))
        }
    }

    @Test func theExportTravelsGzippedToBrowsersThatAcceptItAndFollowsSignatures() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (cookie, _) = try fixture.session(.legal, "processor")
            let uri = "/agreements/\(fixture.reference)/versions/1"
            let plain = try await client.get(uri, cookie: cookie)
            #expect(plain.headers[.contentEncoding] == nil && plain.headers[.vary] == "Accept-Encoding")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            headers[.acceptEncoding] = "br;q=1.0, gzip;q=0.8, *;q=0.1"
            let zipped = try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes * 3 < plain.body.readableBytes)
            let file = Fixtures.temporaryDirectory().appendingPathComponent("export.html.gz")
            try Data(zipped.body.readableBytesView).write(to: file)
            let unzipped = try Shell.run("/bin/gzip", ["-dc", file.path])
            #expect(unzipped.status == 0 && unzipped.stdout == plain.text)
            headers[.acceptEncoding] = "gzip;q=0, identity"
            #expect(try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil).headers[.contentEncoding] == nil)
            // Status and signatures are not in the version's text, yet the cached export follows them.
            #expect(!plain.text.contains("AGREED, NOT SIGNED"))
            try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "controller"))
            #expect(try await client.get(uri, cookie: cookie).text.contains("AGREED, NOT SIGNED"))
        }
    }

    /// The overview is the largest page; browsers get it gzipped from pieces compressed once, with each user's header
    /// and token put in per response. `gzip -t` checks the CRC and the length the assembled stream carries.
    @Test func theOverviewTravelsGzippedWithEachUsersOwnToken() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let uri = "/agreements/\(fixture.reference)"
            for (role, side) in [(Role.legal, "controller"), (.admin, "controller"), (.viewer, "processor")] {
                let user = try fixture.session(role, side)
                let plain = try await client.get(uri, cookie: user.cookie)
                var headers = HTTPFields()
                headers[.cookie] = user.cookie
                headers[.acceptEncoding] = "gzip, deflate"
                let zipped = try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
                #expect(zipped.headers[.contentEncoding] == "gzip" && zipped.headers[.vary] == "Accept-Encoding")
                #expect(plain.headers[.contentEncoding] == nil)
                #expect(zipped.body.readableBytes * 3 < plain.body.readableBytes)
                let file = Fixtures.temporaryDirectory().appendingPathComponent("overview-\(role.rawValue).html.gz")
                try Data(zipped.body.readableBytesView).write(to: file)
                #expect(try Shell.run("/bin/gzip", ["-t", file.path]).status == 0)
                let unzipped = try Shell.run("/bin/gzip", ["-dc", file.path])
                #expect(unzipped.status == 0 && unzipped.stdout == plain.text)
                #expect(unzipped.stdout.contains("name=\"_csrf\" value=\"\(user.csrf)\"") && !unzipped.stdout.contains("tripact-csrf"))
            }
        }
    }
}
