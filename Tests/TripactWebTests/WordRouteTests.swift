import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct WordRouteTests {
    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    /// A version's Word document and the redline between two versions: the parties download them, the outsider gets 404.
    @Test func onlyThePartiesDownloadWordDocuments() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        var v2 = Fixtures.example("full-scenario.json")
        v2.parties.processor.name = "Atlantis Nouvelle SAS"
        _ = try fixture.store.propose(v2, on: reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "rename")
        try fixture.store.comment(on: reference, item: "clause:audits", body: "Shared remark on audits", by: WebFixture.email(.legal, "processor"))
        try fixture.store.comment(on: reference, item: "clause:audits", body: "Internal: we can live with one audit", by: WebFixture.email(.legal, "processor"), isInternal: true)
        let routes = ["/agreements/\(reference)/versions/1/docx", "/agreements/\(reference)/versions/2/docx", "/agreements/\(reference)/compare/docx?from=1&to=2"]
        try await fixture.application.test(.router) { client in
            for side in ["controller", "processor"] {
                let (cookie, _) = try fixture.session(.legal, side)
                for route in routes {
                    let response = try await client.get(route, cookie: cookie)
                    #expect(response.status == .ok, "\(side) on \(route)")
                    #expect(response.headers[.contentType] == Self.docx)
                    #expect(response.headers[.contentDisposition]?.hasSuffix(".docx\"") == true)
                    #expect(Array(response.body.readableBytesView.prefix(2)) == Array("PK".utf8))
                }
                let overview = try await client.get("/agreements/\(reference)", cookie: cookie)
                #expect(overview.text.contains("/agreements/\(reference)/versions/1/docx"))
                let compare = try await client.get("/agreements/\(reference)/compare?from=1&to=2", cookie: cookie)
                #expect(compare.text.contains("/agreements/\(reference)/compare/docx?from=1&amp;to=2"))
            }
            let (outsider, _) = try fixture.session(.legal, "outsider")
            for route in routes { #expect(try await client.get(route, cookie: outsider).status == .notFound, "\(route)") }
            #expect(try await client.get(routes[0]).location == "/login")
            #expect(try await client.get("/agreements/\(reference)/versions/9/docx", cookie: try fixture.session(.legal, "controller").cookie).status == .notFound)
        }
        // The redline carries the shared comment and never the internal one, whoever downloads it.
        let data = try WordDownloads.redline(store: fixture.store, reference: reference, from: 1, to: 2, library: Fixtures.library)
        #expect(try Self.part("word/comments.xml", of: data).contains("Shared remark on audits"))
        #expect(try !Self.part("word/comments.xml", of: data).contains("Internal"))
        #expect(try Self.part("word/document.xml", of: data).contains("w:author=\"\(WebFixture.processor)\""))
    }

    /// A part of a DOCX, read through Python's zipfile so the test does not lean on the writer's own library.
    static func part(_ name: String, of data: Data) throws -> String {
        let file = Fixtures.temporaryDirectory().appendingPathComponent("redline.docx")
        try data.write(to: file)
        let result = try Shell.run("/usr/bin/env", ["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", file.path, name])
        return result.stdout
    }
}
