import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb
import ZIPFoundation

/// The agreement's Word page: a returned DOCX uploaded, proposed with its comments, and the report of what went where.
@Suite struct WordImportRouteTests {
    static let boundary = "----TripactTestBoundary7MA4YWxk"

    /// A multipart body as a browser sends the Word page's form.
    static func multipart(_ fields: [(String, String)], file: Data?, fileName: String = "returned.docx") -> ByteBuffer {
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(WordDownloads.contentType)\r\n\r\n".utf8)
            body += file + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func upload(_ client: some TestClientProtocol, _ reference: String, cookie: String, fields: [(String, String)], file: Data?) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[.cookie] = cookie
        return try await client.executeRequest(uri: "/agreements/\(reference)/word", method: .post, headers: headers, body: multipart(fields, file: file))
    }

    /// Version 1's export as the other side returns it: the governing law typed over, a comment on that clause and a
    /// note after the signatures that belongs to no clause.
    static func returned(_ fixture: WebFixture) throws -> Data {
        let original = try WordDownloads.export(store: fixture.store, reference: fixture.reference, version: 1, library: fixture.configuration.library)
        var parts: [String: Data] = [:]
        let archive = try Archive(data: original, accessMode: .read)
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        var xml = String(decoding: parts["word/document.xml"]!, as: UTF8.self)
        let facts = AgreementFacts(document: try fixture.store.version(fixture.reference, number: 1).document, library: fixture.configuration.library)
        let law = try #require(facts.included.first { $0.clause.id.rawValue == "governing-law" })
        let heading = try #require(xml.range(of: "w:name=\"clause_\(law.number)\""))
        let value = try #require(xml.range(of: ">French law</w:t></w:r>", range: heading.upperBound..<xml.endIndex))
        xml.replaceSubrange(value, with: ">Belgian law</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:commentRangeEnd w:id=\"0\"/>")
        let end = try #require(xml.range(of: "<w:sectPr", options: .backwards))
        xml.insert(contentsOf: "<w:p><w:r><w:t>Please call us about the fees.</w:t></w:r></w:p>", at: end.lowerBound)
        parts["word/document.xml"] = Data(xml.utf8)
        parts["word/comments.xml"] = Data("""
            <?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:comment w:id="0" w:author="Outside Counsel"><w:p><w:r><w:t>Why Belgian law?</w:t></w:r></w:p></w:comment></w:comments>
            """.utf8)
        let rezipped = try Archive(accessMode: .create)
        for (name, bytes) in parts.sorted(by: { $0.key < $1.key }) {
            try rezipped.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        return try #require(rezipped.data)
    }

    static func commentCount(_ fixture: WebFixture) throws -> Int {
        try fixture.store.comments(fixture.reference, visibleTo: try fixture.store.organisation(named: WebFixture.processor).id).count
    }

    /// With the box ticked, the upload proposes at once (the path before drafts), its comments in the same write.
    @Test func aReturnedDocxIsProposedWithItsCommentAndTheReportListsWhatWasNotMapped() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        let data = try Self.returned(fixture)
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "processor")
            let overview = try await client.get("/agreements/\(reference)", cookie: cookie)
            #expect(overview.text.contains("/agreements/\(reference)/word"))
            let form = try await client.get("/agreements/\(reference)/word", cookie: cookie)
            #expect(form.status == .ok)
            #expect(form.text.contains("enctype=\"multipart/form-data\"") && form.text.contains("name=\"_csrf\" value=\"\(csrf)\""))
            #expect(form.text.contains("name=\"propose\"") && !form.text.contains("name=\"propose\" value=\"yes\" checked"), "the draft is the default")
            let response = try await Self.upload(
                client, reference, cookie: cookie, fields: [("_csrf", csrf), ("base", "1"), ("message", "Counsel's edits"), ("propose", "yes")], file: data
            )
            #expect(response.status == .ok, "\(response.text)")
            let page = response.text
            #expect(page.contains("proposed as version 2"))
            #expect(page.contains("French law to Belgian law"))
            #expect(page.contains("Why Belgian law?"))
            // The stray note is listed with its place, not dropped.
            #expect(page.contains("Not imported") && page.contains("Please call us about the fees.") && page.contains("Signatures"))
        }
        let head = try fixture.store.version(reference)
        #expect(head.number == 2 && head.message == "Counsel's edits")
        let index = Fixtures.selectionIndex("governing-law", in: head.document)
        #expect(head.document.clauses[index].parameters["law"] == .string("Belgian law"))
        let comments = try fixture.store.comments(reference, visibleTo: try fixture.store.organisation(named: WebFixture.controller).id)
        #expect(comments.contains { $0.item == "clause:governing-law" && $0.version == 2 && $0.body.contains("Why Belgian law?") && !$0.isInternal })
    }

    @Test func theUploadRefusesAMissingTokenAViewerAnOversizeFileAndAForeignFileStoringNothing() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        let data = try Self.returned(fixture)
        let comments = try Self.commentCount(fixture)
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "processor")
            let noToken = try await Self.upload(client, reference, cookie: cookie, fields: [("base", "1")], file: data)
            #expect(noToken.status == .forbidden)
            let wrongToken = try await Self.upload(client, reference, cookie: cookie, fields: [("_csrf", "x" + csrf), ("base", "1")], file: data)
            #expect(wrongToken.status == .forbidden)
            for role in [Role.viewer, .accountManager] {
                let (other, otherToken) = try fixture.session(role, "processor")
                let refused = try await Self.upload(client, reference, cookie: other, fields: [("_csrf", otherToken), ("base", "1")], file: data)
                #expect(refused.status == .forbidden, "\(role)")
            }
            let (outsider, outsiderToken) = try fixture.session(.legal, "outsider")
            #expect(try await Self.upload(client, reference, cookie: outsider, fields: [("_csrf", outsiderToken), ("base", "1")], file: data).status == .notFound)

            let oversize = try await Self.upload(client, reference, cookie: cookie, fields: [("_csrf", csrf), ("base", "1")], file: Data(count: WordImport.maximumBytes + 70_000))
            #expect(oversize.status == .contentTooLarge)
            #expect(oversize.text.contains("file:") && oversize.text.contains("\(WordImport.maximumBytes) bytes"), "\(oversize.text)")

            let foreign = try await Self.upload(client, reference, cookie: cookie, fields: [("_csrf", csrf), ("base", "1")], file: Data("not a word document".utf8))
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.text.contains("the DOCX is damaged: it is not a ZIP archive") && foreign.text.contains("Nothing was saved"), "\(foreign.text)")

            let noFile = try await Self.upload(client, reference, cookie: cookie, fields: [("_csrf", csrf), ("base", "1")], file: nil)
            #expect(noFile.status == .badRequest && noFile.text.contains("choose the returned Word document"))

            // Exported from version 1, uploaded as if from version 2: refused, naming the version.
            let wrongBase = try await Self.upload(client, reference, cookie: cookie, fields: [("_csrf", csrf), ("base", "2")], file: data)
            #expect(wrongBase.status == .notFound || wrongBase.status == .unprocessableContent)
        }
        #expect(try fixture.store.agreement(reference).head == 1)
        #expect(try Self.commentCount(fixture) == comments)
    }

    /// The proposal and its Word comments are one write: a comment the new version cannot take stores neither.
    @Test func aProposalWhoseCommentIsRefusedStoresNeitherVersionNorComment() throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        var document = try fixture.store.version(reference).document
        document.mainAgreement += " (amended)"
        let comments = try Self.commentCount(fixture)
        let email = WebFixture.email(.legal, "processor")
        #expect(throws: StoreError.self) {
            try fixture.store.propose(document, on: reference, basedOn: 1, by: email, message: "m", comments: [
                ProposalComment(item: "clause:governing-law", body: "fine"), ProposalComment(item: "clause:no-such-clause", body: "refused"),
            ])
        }
        #expect(try fixture.store.agreement(reference).head == 1)
        #expect(try Self.commentCount(fixture) == comments)
        // Comments without a version (a returned file that changes nothing): all of them or none, too.
        #expect(throws: StoreError.self) {
            try fixture.store.comment(on: reference, [ProposalComment(item: nil, body: "fine"), ProposalComment(item: "clause:no-such-clause", body: "refused")], by: email)
        }
        #expect(try Self.commentCount(fixture) == comments)
        let version = try fixture.store.propose(document, on: reference, basedOn: 1, by: email, message: "m", comments: [ProposalComment(item: "clause:governing-law", body: "fine")])
        #expect(version.number == 2)
        #expect(try Self.commentCount(fixture) == comments + 1)
    }
}
