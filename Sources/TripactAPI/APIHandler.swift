import Foundation
import OpenAPIRuntime
import TripactCore
import TripactStore

/// The operations of `openapi.yaml`. Every agreement operation first finds the caller's side of the agreement: an
/// agreement of another organisation is "not a party", which is answered 404 like an unknown one.
struct APIHandler: APIProtocol {
    let store: TripactStore
    let library: ClauseLibrary
    let word: WordExport

    /// The caller and their side of the agreement; throws `notAParty` (404) for an agreement they may not see.
    func side(in reference: String) throws -> (user: User, side: PartyRole) {
        let caller = try APICaller.require()
        guard let side = try store.party(of: caller.user, in: reference) else {
            throw StoreError.notAParty(user: caller.user.email, agreement: reference)
        }
        return (caller.user, side)
    }

    func listAgreements(_ input: Operations.ListAgreements.Input) async throws -> Operations.ListAgreements.Output {
        let caller = try APICaller.require()
        let status = input.query.status.flatMap { AgreementStatus(rawValue: $0.rawValue) }
        let list = try store.agreements(visibleTo: caller.user.organisationID).filter { status == nil || $0.status == status }
        return .ok(.init(body: .json(try list.map(Components.Schemas.AgreementSummary.init))))
    }

    func getAgreement(_ input: Operations.GetAgreement.Input) async throws -> Operations.GetAgreement.Output {
        let reference = input.path.reference
        let (_, side) = try side(in: reference)
        let detail = Components.Schemas.AgreementDetail(
            agreement: try .init(store.agreement(reference)), side: try .init(side), items: try store.itemStates(reference).map(Components.Schemas.ItemState.init)
        )
        return .ok(.init(body: .json(detail)))
    }

    func listVersions(_ input: Operations.ListVersions.Input) async throws -> Operations.ListVersions.Output {
        let reference = input.path.reference
        _ = try side(in: reference)
        let notes = try store.proceduralNotes(reference)
        return .ok(.init(body: .json(try store.log(reference).map { try .init($0, procedure: notes[$0.number]) })))
    }

    func getVersion(_ input: Operations.GetVersion.Input) async throws -> Operations.GetVersion.Output {
        let reference = input.path.reference
        _ = try side(in: reference)
        let version = try store.version(reference, number: input.path.number)
        guard let entry = try store.log(reference).first(where: { $0.number == version.number }) else {
            throw StoreError.unknownVersion(agreement: reference, version: input.path.number)
        }
        let document = try JSONDecoder().decode(Components.Schemas.Document.self, from: DocumentCodec.canonicalJSON(version.document))
        return .ok(.init(body: .json(.init(version: try .init(entry, procedure: store.proceduralNotes(reference)[entry.number]), document: document))))
    }

    func exportVersion(_ input: Operations.ExportVersion.Input) async throws -> Operations.ExportVersion.Output {
        let reference = input.path.reference
        _ = try side(in: reference)
        let version = try store.version(reference, number: input.path.number)
        var context = try store.renderContext(reference, version: version.number)
        context.embedForVerification = true
        let bytes = AgreementRenderer.renderUTF8(AgreementFacts(document: version.document, library: library), context: context, contentHash: version.contentHash)
        return .ok(.init(body: .html(HTTPBody(bytes))))
    }

    func getDiff(_ input: Operations.GetDiff.Input) async throws -> Operations.GetDiff.Output {
        let reference = input.path.reference
        _ = try side(in: reference)
        let old = try store.version(reference, number: input.query.from)
        let new = try store.version(reference, number: input.query.to)
        // No playbook: whom a change favours is a side's private judgement, and the diff's shape is the same without it.
        let diff = AgreementDiffer.diff(
            old.document, new.document, library: library, oldLabel: "\(reference) v\(old.number)", newLabel: "\(reference) v\(new.number)", playbook: nil
        )
        return .ok(.init(body: .json(try .init(diff))))
    }

    func listComments(_ input: Operations.ListComments.Input) async throws -> Operations.ListComments.Output {
        let (user, _) = try side(in: input.path.reference)
        return .ok(.init(body: .json(try store.comments(input.path.reference, visibleTo: user.organisationID).map(Components.Schemas.Comment.init))))
    }

    func listNotices(_ input: Operations.ListNotices.Input) async throws -> Operations.ListNotices.Output {
        let caller = try APICaller.require()
        var dueBefore: CalendarDay?
        if let day = input.query.dueBefore {
            guard let parsed = CalendarDay(iso: day) else {
                throw APIProblem(status: 422, message: "dueBefore must be a date YYYY-MM-DD", fields: [FieldProblem(field: "dueBefore", message: "must be a date YYYY-MM-DD; found '\(day)'")])
            }
            dueBefore = parsed
        }
        let notices = try store.notices(
            visibleTo: caller.user.organisationID, dueBefore: dueBefore, openOnly: input.query.open ?? false, agreement: input.query.agreement
        )
        return .ok(.init(body: .json(try notices.map(Components.Schemas.Notice.init))))
    }

    func getRegister(_ input: Operations.GetRegister.Input) async throws -> Operations.GetRegister.Output {
        let caller = try APICaller.require()
        return .ok(.init(body: .json(try store.subprocessorRegister(organisationID: caller.user.organisationID).map(Components.Schemas.SubprocessorRecord.init))))
    }
}
