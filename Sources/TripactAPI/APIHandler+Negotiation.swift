import Foundation
import OpenAPIRuntime
import TripactCore
import TripactStore

/// The writing operations: each reaches only a `negotiate` token (`APITokenMiddleware.writingOperations`) and then
/// the store method the web form calls, which checks the role, the side, the head and the input as it does there.
extension APIHandler {
    func proposeVersion(_ input: Operations.ProposeVersion.Input) async throws -> Operations.ProposeVersion.Output {
        let reference = input.path.reference
        let (user, _) = try side(in: reference)
        guard case .json(let proposal) = input.body else { throw APIProblem(status: 415, message: "send the proposal as application/json") }
        // The document is read by the same strict reader as a file given to `tripact propose`; its problems name their
        // path inside the document, prefixed with `document.`.
        let document: AgreementDocument
        do {
            document = try DocumentCodec.decode(JSONEncoder().encode(proposal.document))
        } catch let error as DocumentError {
            throw APIProblem(status: 422, message: "the document cannot be read: \(error)", fields: [FieldProblem(field: Self.documentPath(error), message: error.description)])
        }
        let version: Version
        do {
            version = try store.propose(document, on: reference, basedOn: proposal.base, by: user.email, message: proposal.message)
        } catch {
            // The store names fields of the document (`title`); in the request they sit under `document`.
            if case .invalidFields(let problems) = error {
                throw StoreError.invalidFields(problems.map { FieldProblem(field: "document." + $0.field, message: $0.message) })
            }
            throw error
        }
        guard let entry = try store.log(reference).first(where: { $0.number == version.number }) else {
            throw StoreError.unknownVersion(agreement: reference, version: version.number)
        }
        return .created(.init(body: .json(try .init(entry, procedure: nil))))
    }

    func acceptItems(_ input: Operations.AcceptItems.Input) async throws -> Operations.AcceptItems.Output {
        let reference = input.path.reference
        let (user, _) = try side(in: reference)
        guard case .json(let acceptance) = input.body else { throw APIProblem(status: 415, message: "send the acceptance as application/json") }
        let states = try store.accept(acceptance.items.map { $0.map(ItemKey.init(rawValue:)) }, on: reference, by: user.email, expectedHead: acceptance.head)
        return .ok(.init(body: .json(try states.map(Components.Schemas.ItemState.init))))
    }

    func rejectItem(_ input: Operations.RejectItem.Input) async throws -> Operations.RejectItem.Output {
        let reference = input.path.reference
        let (user, _) = try side(in: reference)
        guard case .json(let rejection) = input.body else { throw APIProblem(status: 415, message: "send the rejection as application/json") }
        let states = try store.reject(ItemKey(rawValue: rejection.item), on: reference, reason: rejection.reason, by: user.email, expectedHead: rejection.head)
        return .ok(.init(body: .json(try states.map(Components.Schemas.ItemState.init))))
    }

    func addComment(_ input: Operations.AddComment.Input) async throws -> Operations.AddComment.Output {
        let reference = input.path.reference
        let (user, _) = try side(in: reference)
        guard case .json(let comment) = input.body else { throw APIProblem(status: 415, message: "send the comment as application/json") }
        try store.comment(on: reference, item: comment.item.map(ItemKey.init(rawValue:)), body: comment.body, by: user.email, isInternal: comment.isInternal ?? false)
        return .created(.init(body: .json(try store.comments(reference, visibleTo: user.organisationID).map(Components.Schemas.Comment.init))))
    }

    func objectToNotice(_ input: Operations.ObjectToNotice.Input) async throws -> Operations.ObjectToNotice.Output {
        let caller = try APICaller.require()
        _ = try store.notice(input.path.id, visibleTo: caller.user.organisationID)
        guard case .json(let objection) = input.body else { throw APIProblem(status: 415, message: "send the objection as application/json") }
        return .ok(.init(body: .json(try .init(store.object(to: input.path.id, reason: objection.reason, by: caller.user.email)))))
    }

    func approveNotice(_ input: Operations.ApproveNotice.Input) async throws -> Operations.ApproveNotice.Output {
        let caller = try APICaller.require()
        _ = try store.notice(input.path.id, visibleTo: caller.user.organisationID)
        return .ok(.init(body: .json(try .init(store.approve(input.path.id, by: caller.user.email, library: library)))))
    }

    /// Where in the request a document problem is: `document`, or `document.` and the problem's own path.
    static func documentPath(_ error: DocumentError) -> String {
        switch error {
        case .unknownKey(let path, _, _), .missingKey(let path, _), .wrongType(let path, _, _), .invalidValue(let path, _, _): "document." + path
        case .malformedJSON: "document"
        case .unsupportedFormat: "document.format"
        }
    }
}
