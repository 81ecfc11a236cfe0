import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The organisation's subprocessor register: its entries, its history of changes with the notices each sent, and the
/// forms that add, change (replace or modify) and remove an entry. Every change goes through the store, which sends
/// each affected agreement its notice or approval request.
struct RegisterController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct RemoveForm: Decodable {
        let _csrf: String?
        let plannedStart: String?
        let message: String?
        let confirm: String?
    }

    struct PublishForm: Decodable {
        let _csrf: String?
        let slug: String?
        let unpublish: String?
    }

    func register(on router: Routes) {
        router.get(.subprocessorRegister) { _, _, session in try show(session: session) }
        router.get(.subprocessorNew) { _, _, session in try entryPage(session: session, editing: nil, status: .ok) }
        router.post(.subprocessorNew) { request, context, session in try await save(request: request, context: context, session: session, changing: false) }
        router.get(.subprocessorChange) { _, context, session in try entryPage(session: session, editing: try entry(context, session: session), status: .ok) }
        router.post(.subprocessorChange) { request, context, session in try await save(request: request, context: context, session: session, changing: true) }
        router.post(.subprocessorRemove) { request, context, session in try await remove(request: request, context: context, session: session) }
        router.post(.registerPublish) { request, context, session in try await publish(request: request, context: context, session: session) }
    }

    /// The active entry named in the path, of the user's own organisation; anything else is 404.
    private func entry(_ context: TripactRequestContext, session: TripactStore.Session) throws -> SubprocessorRecord {
        let id = try context.pathParameter("id")
        guard let record = try store.subprocessorRegister(organisationID: session.user.organisationID).first(where: { $0.id == id && $0.isActive(on: store.today()) }) else {
            throw HTTPError(.notFound, message: "your register has no active entry '\(id)'")
        }
        return record
    }

    private func show(session: TripactStore.Session) throws -> Response {
        let model = try SubprocessorRegisterPage.Model.load(store: store, library: configuration.library, session: session)
        return SubprocessorRegisterPage.View(model: model).page(session: session).response(session: session)
    }

    private func entryPage(
        session: TripactStore.Session, editing: SubprocessorRecord?, entered: RegisterEntryForm? = nil, errors: [String: String] = [:], status: HTTPResponse.Status
    ) throws -> Response {
        let model = try RegisterEntryPage.Model.load(store: store, library: configuration.library, session: session, editing: editing, entered: entered, errors: errors)
        return RegisterEntryPage.View(model: model).page(session: session).response(status: status, session: session)
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session, changing: Bool) async throws -> Response {
        let form = try await FormDecoding.decode(RegisterEntryForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try session.user.requireNegotiator("change the subprocessor register")
        let editing = changing ? try entry(context, session: session) : nil
        var (record, errors) = form.record(library: configuration.library, today: store.today())
        let planned = form.plannedStart.trimmed.flatMap { $0.isEmpty ? nil : $0 }
        if let planned, CalendarDay(iso: planned) == nil { errors["plannedStart"] = "give a date as YYYY-MM-DD" }
        if TextLimit.exceeds(form.message ?? "", 500) { errors["message"] = "keep the message under 500 characters" }
        let kind: RegisterChange.Kind
        if let editing {
            guard let chosen = RegisterChange.Kind(rawValue: form.kind ?? ""), chosen == .modification || chosen == .replacement else {
                return try entryPage(session: session, editing: editing, entered: form, errors: errors.merging(["kind": "choose what changes"]) { $1 }, status: .unprocessableContent)
            }
            kind = chosen
            if kind == .modification, let id = record?.id, id != editing.id { errors["id"] = "a change of the same entity keeps its id '\(editing.id)'; choose 'Another entity replaces' for a new one" }
        } else {
            kind = .addition
        }
        guard errors.isEmpty, let record else {
            return try entryPage(session: session, editing: editing, entered: form, errors: errors, status: .unprocessableContent)
        }
        do {
            let result = try store.proposeRegisterChange(
                kind, entry: record, replacing: editing?.id, plannedStart: planned.flatMap(CalendarDay.init(iso:)), message: form.message.trimmed ?? "", by: session.user.email,
                library: configuration.library
            )
            return .redirect(to: SiteRoute.subprocessorRegister.link(fragment: "change-\(result.change.id)"), type: .normal)
        } catch {
            if case .invalidFields(let problems) = error {
                return try entryPage(session: session, editing: editing, entered: form, errors: problems.messagesByField(), status: .unprocessableContent)
            }
            throw error
        }
    }

    private func remove(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(RemoveForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let record = try entry(context, session: session)
        guard form.confirm == "yes" else { throw HTTPError(.unprocessableContent, message: "tick 'Remove this entity' to confirm the removal of \(record.name)") }
        let plannedText = form.plannedStart.trimmed ?? ""
        let planned = CalendarDay(iso: plannedText)
        guard plannedText.isEmpty || planned != nil else {
            throw HTTPError(.unprocessableContent, message: "plannedStart: '\(plannedText)' is not a date (YYYY-MM-DD); nothing was removed")
        }
        let message = form.message.trimmed ?? ""
        guard !TextLimit.exceeds(message, 500) else { throw HTTPError(.unprocessableContent, message: "message: keep it under 500 characters; nothing was removed") }
        let result = try store.proposeRegisterChange(
            .removal, entry: nil, replacing: record.id, plannedStart: planned, message: message, by: session.user.email, library: configuration.library
        )
        return .redirect(to: SiteRoute.subprocessorRegister.link(fragment: "change-\(result.change.id)"), type: .normal)
    }

    private func publish(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(PublishForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try store.publishRegister(slug: form.unpublish == "yes" ? nil : (form.slug.trimmed ?? ""), by: session.user.email)
        return .redirect(to: SiteRoute.subprocessorRegister.link(), type: .normal)
    }
}
