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
        router.get("registers/subprocessors") { _, context in try show(context: context) }
        router.get("registers/subprocessors/new") { _, context in try entryPage(context: context, editing: nil, entered: nil, errors: [:], status: .ok) }
        router.post("registers/subprocessors/new") { request, context in try await save(request: request, context: context, changing: false) }
        router.get("registers/subprocessors/:id/change") { _, context in try entryPage(context: context, editing: try entry(context), entered: nil, errors: [:], status: .ok) }
        router.post("registers/subprocessors/:id/change") { request, context in try await save(request: request, context: context, changing: true) }
        router.post("registers/subprocessors/:id/remove") { request, context in try await remove(request: request, context: context) }
        router.post("registers/publish") { request, context in try await publish(request: request, context: context) }
    }

    /// The active entry named in the path, of the user's own organisation; anything else is 404.
    private func entry(_ context: TripactRequestContext) throws -> SubprocessorRecord {
        guard let session = context.session else { throw HTTPError(.unauthorized) }
        let id = try context.pathParameter("id")
        guard let record = try store.subprocessorRegister(organisationID: session.user.organisationID).first(where: { $0.id == id && $0.isActive(on: store.today()) }) else {
            throw HTTPError(.notFound, message: "your register has no active entry '\(id)'")
        }
        return record
    }

    private func show(context: TripactRequestContext) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let organisationID = session.user.organisationID
        let today = store.today()
        let register = try store.subprocessorRegister(organisationID: organisationID)
        let changes = try store.registerChanges(organisationID: organisationID)
        let notices = try store.notices(visibleTo: organisationID)
        let mayChange = session.user.role.mayPropose
        let library = configuration.library
        var page = Page(title: "Subprocessor register")
        page.raw("<p>The entities your organisation uses to process personal data for its clients. A change here reaches every agreement it concerns: ")
        page.raw("a notice with an objection period under general authorisation, a request for approval under specific authorisation, each with that agreement's own periods.</p>")
        if mayChange { page.raw("<p><a href=\"/registers/subprocessors/new\">Add a subprocessor</a> · <a href=\"/registers/measures\">Measure register</a></p>") }
        let active = register.filter { $0.isActive(on: today) }
        page.raw("<h2>In use</h2>")
        if active.isEmpty { page.raw("<p>The register is empty.</p>") }
        else {
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Countries</th><th scope=\"col\">Services</th><th scope=\"col\">Transfer</th><th scope=\"col\">Its own subprocessors</th><th scope=\"col\">From</th>\(mayChange ? "<th scope=\"col\">Change</th>" : "")</tr></thead><tbody>")
            for record in active {
                page.raw("<tr id=\"entry-")
                page.text(record.id)
                page.raw("\"><td>")
                page.text(record.name)
                page.raw(" <small><code>")
                page.text(record.id)
                page.raw("</code></small></td><td>")
                page.text(record.allCountries.map { library.country($0)?.name ?? $0 }.joined(separator: ", "))
                page.raw("</td><td>")
                page.text(record.services.map { library.service($0)?.label ?? $0 }.joined(separator: "; "))
                page.raw("</td><td>")
                page.text(library.transferMechanism(record.transferMechanism)?.label ?? record.transferMechanism)
                page.raw("</td><td>")
                page.text((record.onwardSubprocessors ?? []).map { "\($0.name) (\($0.country))" }.joined(separator: "; "))
                page.raw("</td><td>\(record.startDate.iso)</td>")
                if mayChange {
                    let path = "/registers/subprocessors/\(AgreementController.path(record.id))"
                    page.raw("<td><a href=\"\(path)/change\">Change or replace</a><form method=\"post\" action=\"\(path)/remove\">")
                    page.csrf(session)
                    page.raw("<label for=\"remove-start-\(HTMLEscaping.escape(record.id))\">Stop using it from</label><input type=\"date\" id=\"remove-start-\(HTMLEscaping.escape(record.id))\" name=\"plannedStart\" min=\"\(today.iso)\" value=\"\(today.iso)\">")
                    page.raw("<label for=\"remove-message-\(HTMLEscaping.escape(record.id))\">Message</label><input type=\"text\" id=\"remove-message-\(HTMLEscaping.escape(record.id))\" name=\"message\" maxlength=\"500\" required>")
                    page.raw("<div class=\"choice\"><input type=\"checkbox\" id=\"remove-confirm-\(HTMLEscaping.escape(record.id))\" name=\"confirm\" value=\"yes\" required> <label class=\"inline\" for=\"remove-confirm-\(HTMLEscaping.escape(record.id))\">Remove this entity</label></div>")
                    page.raw("<button type=\"submit\">Remove</button></form></td>")
                }
                page.raw("</tr>")
            }
            page.raw("</tbody></table></div>")
        }
        let ended = register.filter { !$0.isActive(on: today) }
        if !ended.isEmpty {
            page.raw("<h2>Ended</h2><ul>")
            for record in ended {
                page.raw("<li>")
                page.text("\(record.name) (\(record.id)): \(record.startDate.iso) to \(record.endDate?.iso ?? "")")
                page.raw("</li>")
            }
            page.raw("</ul>")
        }
        page.raw("<h2>Changes and the notices they sent</h2>")
        if changes.isEmpty { page.raw("<p>No change yet.</p>") }
        for change in changes {
            page.raw("<section class=\"change\" id=\"change-\(change.id)\"><h3>")
            page.text("Change \(change.id): \(change.change.summary)")
            page.raw("</h3><p>")
            page.text("From \(change.change.plannedStart.iso); proposed by \(change.proposedBy) on \(change.proposedAt.prefix(10)). \(change.message)")
            page.raw("</p>")
            let sent = notices.filter { $0.changeID == change.id }
            if sent.isEmpty { page.raw("<p>No agreement was concerned.</p>") } else { NoticeViews.table(&page, sent) }
            page.raw("</section>")
        }
        if session.user.role == .admin {
            let slug = try store.publicSlug(organisationID: organisationID)
            page.raw("<h2>Public list</h2><form method=\"post\" action=\"/registers/publish\">")
            page.csrf(session)
            if let slug {
                page.raw("<p>Published at <a href=\"/public/\(HTMLEscaping.escape(slug))/subprocessors\">/public/")
                page.text(slug)
                page.raw("/subprocessors</a>, with an <a href=\"/public/\(HTMLEscaping.escape(slug))/subprocessors.atom\">Atom feed</a> of its changes.</p>")
                page.raw("<input type=\"hidden\" name=\"unpublish\" value=\"yes\"><button type=\"submit\">Withdraw the public list</button>")
            } else {
                page.raw("<p>Publish the list of subprocessors in use, readable without log-in, with a feed of its changes.</p>")
                page.raw("<label for=\"slug\">Address (lower-case letters, digits and '-')</label><input type=\"text\" id=\"slug\" name=\"slug\" maxlength=\"60\" pattern=\"[a-z0-9-]+\" required>")
                page.raw("<button type=\"submit\">Publish</button>")
            }
            page.raw("</form>")
        }
        return page.response(session: session)
    }

    private func entryPage(context: TripactRequestContext, editing: SubprocessorRecord?, entered: RegisterEntryForm?, errors: [String: String], status: HTTPResponse.Status) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        try session.user.requireNegotiator("change the subprocessor register")
        var page = Page(title: editing.map { "Change or replace \($0.name)" } ?? "Add a subprocessor")
        if !errors.isEmpty {
            page.raw("<div class=\"error\" role=\"alert\"><p>Nothing was saved: \(errors.count) problem\(errors.count == 1 ? "" : "s") to fix.</p>")
            for (field, message) in errors.sorted(by: { $0.key < $1.key }) where !RegisterEntryForm.renderedFields.contains(field) {
                page.raw("<p>")
                page.text(message)
                page.raw("</p>")
            }
            page.raw("</div>")
        }
        let action = editing.map { "/registers/subprocessors/\(AgreementController.path($0.id))/change" } ?? "/registers/subprocessors/new"
        page.raw("<form method=\"post\" action=\"\(action)\">")
        page.csrf(session)
        if let editing {
            let replacing = entered?.kind == RegisterChange.Kind.replacement.rawValue
            page.raw("<fieldset><legend>What changes</legend>")
            page.raw("<div class=\"choice\"><input type=\"radio\" id=\"kind-modification\" name=\"kind\" value=\"modification\"\(replacing ? "" : " checked")> <label class=\"inline\" for=\"kind-modification\">")
            page.text("\(editing.name) stays; what it does, where or with which data changes")
            page.raw("</label></div><div><input type=\"radio\" id=\"kind-replacement\" name=\"kind\" value=\"replacement\"\(replacing ? " checked" : "")> <label class=\"inline\" for=\"kind-replacement\">")
            page.text("Another entity replaces \(editing.name) (give it its own id below)")
            page.raw("</label></div></fieldset>")
        }
        RegisterEntryForm.fields(&page, record: editing, entered: entered, errors: errors, library: configuration.library, idEditable: true)
        RegisterEntryForm.changeFields(&page, entered: entered, errors: errors, today: store.today())
        page.raw("<p><button type=\"submit\">\(editing == nil ? "Add and notify" : "Change and notify")</button></p></form>")
        return page.response(status: status, session: session)
    }

    private func save(request: Request, context: TripactRequestContext, changing: Bool) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(RegisterEntryForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try session.user.requireNegotiator("change the subprocessor register")
        let editing = changing ? try entry(context) : nil
        var (record, errors) = form.record(library: configuration.library, today: store.today())
        let planned = form.plannedStart.trimmed.flatMap { $0.isEmpty ? nil : $0 }
        if let planned, CalendarDay(iso: planned) == nil { errors["plannedStart"] = "give a date as YYYY-MM-DD" }
        if TextLimit.exceeds(form.message ?? "", 500) { errors["message"] = "keep the message under 500 characters" }
        let kind: RegisterChange.Kind
        if let editing {
            guard let chosen = RegisterChange.Kind(rawValue: form.kind ?? ""), chosen == .modification || chosen == .replacement else {
                return try entryPage(context: context, editing: editing, entered: form, errors: errors.merging(["kind": "choose what changes"]) { $1 }, status: .unprocessableContent)
            }
            kind = chosen
            if kind == .modification, let id = record?.id, id != editing.id { errors["id"] = "a change of the same entity keeps its id '\(editing.id)'; choose 'Another entity replaces' for a new one" }
        } else {
            kind = .addition
        }
        guard errors.isEmpty, let record else {
            return try entryPage(context: context, editing: editing, entered: form, errors: errors, status: .unprocessableContent)
        }
        do {
            let result = try store.proposeRegisterChange(
                kind, entry: record, replacing: editing?.id, plannedStart: planned.flatMap(CalendarDay.init(iso:)), message: form.message.trimmed ?? "", by: session.user.email,
                library: configuration.library
            )
            return .redirect(to: "/registers/subprocessors#change-\(result.change.id)", type: .normal)
        } catch {
            if case .invalidFields(let problems) = error {
                return try entryPage(context: context, editing: editing, entered: form, errors: problems.messagesByField(), status: .unprocessableContent)
            }
            throw error
        }
    }

    private func remove(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(RemoveForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let record = try entry(context)
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
        return .redirect(to: "/registers/subprocessors#change-\(result.change.id)", type: .normal)
    }

    private func publish(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(PublishForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try store.publishRegister(slug: form.unpublish == "yes" ? nil : (form.slug.trimmed ?? ""), by: session.user.email)
        return .redirect(to: "/registers/subprocessors", type: .normal)
    }
}
