public import Foundation
import OpenAPIRuntime
public import TripactCore
public import TripactStore

/// The exports, notices and verification, and the writing operations, each answering in the domain types the local
/// commands use.
extension RemoteAPI {
    /// The largest export the client reads (an HTML export of the largest storable agreement is well below this).
    static let maximumExportBytes = 64 * 1_048_576

    /// The version as the HTML document that is printed and signed, byte for byte what the server renders.
    public func exportHTML(_ reference: String, number: Int) async throws(RemoteFailure) -> Data {
        try await call {
            let body = try await client.exportVersion(path: .init(reference: reference, number: number)).ok.body.html
            return try await Data(collecting: body, upTo: Self.maximumExportBytes)
        }
    }

    /// The version as Word, or the redline from `redlineFrom` to it.
    public func exportDocx(_ reference: String, number: Int, redlineFrom: Int?) async throws(RemoteFailure) -> Data {
        try await call {
            let answer = try await client.exportVersionDocx(path: .init(reference: reference, number: number), query: .init(redlineFrom: redlineFrom))
            let body = try answer.ok.body.applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document
            return try await Data(collecting: body, upTo: Self.maximumExportBytes)
        }
    }

    public func notices(dueBefore: CalendarDay?, openOnly: Bool, agreement: String?) async throws(RemoteFailure) -> [NoticeEntry] {
        try await call {
            let query = Operations.ListNotices.Input.Query(dueBefore: dueBefore?.iso, open: openOnly ? true : nil, agreement: agreement)
            return try bridged(try await client.listNotices(query: query).ok.body.json)
        }
    }

    /// What the server's records say about an exported file (the file is sent whole; the server reads it itself).
    public func verify(_ file: Data) async throws(RemoteFailure) -> ExportCheck {
        try await call { try bridged(try await client.verifyExport(body: .binary(HTTPBody(file))).ok.body.json) }
    }

    /// Proposes `document` as the next version on `base`; a 409 carries the head now, a 422 the problems at `document.…`.
    public func propose(_ reference: String, document: AgreementDocument, base: Int, message: String) async throws(RemoteFailure) -> VersionEntry {
        try await call {
            let body = try JSONDecoder().decode(Components.Schemas.Document.self, from: DocumentCodec.canonicalJSON(document))
            let proposal = Components.Schemas.Proposal(base: base, message: message, document: body)
            return try bridged(try await client.proposeVersion(path: .init(reference: reference), body: .json(proposal)).created.body.json)
        }
    }

    /// Accepts `items` (all items when nil) of head version `head` for the token's side; the item states after.
    public func accept(_ reference: String, items: [ItemKey]?, head: Int) async throws(RemoteFailure) -> [ItemState] {
        try await call {
            let acceptance = Components.Schemas.Acceptance(head: head, items: items?.map(\.rawValue))
            return try bridged(try await client.acceptItems(path: .init(reference: reference), body: .json(acceptance)).ok.body.json)
        }
    }

    /// Comments on an item, or on the whole agreement when `item` is nil.
    public func comment(_ reference: String, item: ItemKey?, body: String, isInternal: Bool) async throws(RemoteFailure) {
        try await call {
            let comment = Components.Schemas.NewComment(item: item?.rawValue, body: body, isInternal: isInternal)
            _ = try await client.addComment(path: .init(reference: reference), body: .json(comment)).created
        }
    }
}
