public import Foundation
import OpenAPIRuntime
public import TripactCore
public import TripactStore

/// Writes a version as Word, or a redline between two versions (`redlineFrom`). The web's Word downloads do this; the
/// API is handed the same function by the application, because the Word writer lives above the API in the build.
public typealias WordExport = @Sendable (_ store: TripactStore, _ reference: String, _ version: Int, _ redlineFrom: Int?, _ library: ClauseLibrary) throws -> Data

/// The Word export and the check of an exported file.
extension APIHandler {
    /// The largest file `verifyExport` reads: a stored document is at most 4 MiB as canonical JSON, and its HTML export
    /// (text, the embedded document and the styles) stays well within four times that.
    static let maximumVerifiedBytes = 16 * 1_048_576

    func exportVersionDocx(_ input: Operations.ExportVersionDocx.Input) async throws -> Operations.ExportVersionDocx.Output {
        let reference = input.path.reference
        _ = try side(in: reference)
        // Both versions must exist (404 otherwise) before anything is written.
        let version = try store.version(reference, number: input.path.number)
        if let from = input.query.redlineFrom { _ = try store.version(reference, number: from) }
        let bytes = try word(store, reference, version.number, input.query.redlineFrom, library)
        return .ok(.init(body: .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(HTTPBody(bytes))))
    }

    func verifyExport(_ input: Operations.VerifyExport.Input) async throws -> Operations.VerifyExport.Output {
        let caller = try APICaller.require()
        guard case .binary(let body) = input.body else { throw APIProblem(status: 415, message: "send the file as application/octet-stream") }
        let data: Data
        do {
            data = try await Data(collecting: body, upTo: Self.maximumVerifiedBytes)
        } catch {
            throw APIProblem(status: 422, message: "the file is larger than an export can be", fields: [FieldProblem(field: "file", message: "at most 16 MiB")])
        }
        let result: ExportVerifier.Result
        do {
            result = try ExportVerifier.verify(data, library: library)
        } catch {
            throw APIProblem(status: 422, message: "the file is not a Tripact export: \(error)", fields: [FieldProblem(field: "file", message: error.description)])
        }
        return .ok(.init(body: .json(.init(try store.check(result, visibleTo: caller.user.organisationID)))))
    }
}
