import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The list parts of an agreement: Annex III measures (by the 17 headings, from the catalogue or custom) and Annex IV
/// subprocessors. Rows are removed only through their explicit "remove" box; blank fields keep what is stored; a measure
/// is added from the fields under "Add", a subprocessor is picked from the processor's register (its id is the register's,
/// never typed, so Annex IV can be matched to the register). Saving proposes a version on the version loaded; a stale
/// base answers 409.
struct ListFormController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let maximumLength = 4_000
    static let subprocessorFields: [(key: String, label: String)] = [
        ("name", "Legal entity"), ("address", "Address"), ("country", "Country (ISO code)"), ("service", "Service"),
        ("dataCategories", "Personal data (catalogue keys, comma-separated)"), ("locations", "Processing locations (ISO codes, comma-separated)"),
        ("transferMechanism", "Transfer mechanism (eea, adequacy, adequacy-dpf, scc-module-3, bcr-processor, …)"), ("tiaReference", "Transfer impact assessment"),
    ]

    func register(on router: Routes) {
        router.get("agreements/:reference/measures") { _, context in try show(context: context, kind: .measures) }
        router.post("agreements/:reference/measures") { request, context in try await save(request: request, context: context, kind: .measures) }
        router.get("agreements/:reference/subprocessors") { _, context in try show(context: context, kind: .subprocessors) }
        router.post("agreements/:reference/subprocessors") { request, context in try await save(request: request, context: context, kind: .subprocessors) }
    }

    enum Kind: String { case measures, subprocessors }

    private func show(context: TripactRequestContext, kind: Kind) throws -> Response {
        guard let (session, reference) = try AgreementAccess.sessionAndReference(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let head = try Proposals.working(store: store, session: session, reference: reference)
        return try page(session: session, reference: reference, kind: kind, base: head.number, document: head.document, message: "", errors: [], status: .ok)
    }

    private func save(request: Request, context: TripactRequestContext, kind: Kind) async throws -> Response {
        guard let (session, reference) = try AgreementAccess.sessionAndReference(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode([String: String].self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form["_csrf"], base: form["base"].flatMap(Int.init))
        let base = baseVersion.number
        var document = baseVersion.document
        var errors: [String] = []
        func value(_ key: String) -> String { (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        if form.values.contains(where: { TextLimit.exceeds($0, Self.maximumLength) }) { errors.append("a field is longer than \(Self.maximumLength) characters") }
        switch kind {
        case .measures:
            // Rows are keyed by the measure's id, not its position: after a conflict the form is saved on a newer
            // version whose list may differ, and each edit must still reach its own row.
            var kept: [MeasureEntry] = []
            let facts = AgreementFacts(document: document, library: configuration.library)
            for var measure in document.measures where form["m.\(measure.id).remove"] != "yes" {
                let description = value("m.\(measure.id).description")
                // The form shows the catalogue's wording where the measure has none of its own. Sent back as shown, it
                // is no new wording: the measure stays a reference to the catalogue (which follows the clause parameters
                // it quotes), and the other side's acceptance of it stands.
                let asShown = measure.description == nil
                    && description == facts.measureDescription(measure).trimmingCharacters(in: .whitespacesAndNewlines)
                if !description.isEmpty, !asShown { measure.description = description }
                kept.append(measure)
            }
            // A row of the form that the base lacks (the other side removed it since) is the user's to keep.
            for id in Self.rowIDs(form, prefix: "m") where !kept.contains(where: { $0.id == id }) && !document.measures.contains(where: { $0.id == id }) {
                guard form["m.\(id).remove"] != "yes" else { continue }
                let description = value("m.\(id).description")
                if configuration.library.measure(id) != nil {
                    kept.append(MeasureEntry(id: id, description: description.isEmpty ? nil : description))
                } else if let heading = Int(value("m.\(id).heading")), (1...17).contains(heading), !value("m.\(id).title").isEmpty, !description.isEmpty {
                    kept.append(MeasureEntry(id: id, heading: heading, title: value("m.\(id).title"), description: description))
                }
            }
            let catalogue = value("new.catalogue")
            if !catalogue.isEmpty {
                if configuration.library.measure(catalogue) == nil { errors.append("'\(catalogue)' is not a catalogue measure") }
                else if kept.contains(where: { $0.id == catalogue }) { errors.append("measure '\(catalogue)' is already listed") }
                else { kept.append(MeasureEntry(id: catalogue, description: value("new.description").isEmpty ? nil : value("new.description"))) }
            }
            let title = value("new.title")
            if !title.isEmpty {
                let heading = Int(value("new.heading")) ?? 0
                let description = value("new.customDescription")
                if !(1...17).contains(heading) { errors.append("choose the heading of the custom measure") }
                if description.isEmpty { errors.append("describe the custom measure concretely") }
                let id = "custom-" + DraftFactory.slug(title)
                if kept.contains(where: { $0.id == id }) { errors.append("a measure '\(id)' is already listed") }
                kept.append(MeasureEntry(id: id, heading: heading, title: title, description: description))
            }
            document.measures = kept
        case .subprocessors:
            var kept: [Subprocessor] = []
            let entries = Set(document.subprocessors.map(\.id)).union(Self.rowIDs(form, prefix: "s"))
            for var sub in document.subprocessors where form["s.\(sub.id).remove"] != "yes" {
                let id = sub.id
                Self.apply({ value("s.\(id).\($0)") }, to: &sub)
                Self.applyChoices({ value("s.\(id).\($0)") }, to: &sub, entries: entries, errors: &errors)
                kept.append(sub)
            }
            for id in Self.rowIDs(form, prefix: "s") where !document.subprocessors.contains(where: { $0.id == id }) && form["s.\(id).remove"] != "yes" {
                var sub = Subprocessor(id: id, name: "", address: "", country: "", service: "", dataCategories: [], locations: [], transferMechanism: "eea")
                Self.apply({ value("s.\(id).\($0)") }, to: &sub)
                Self.applyChoices({ value("s.\(id).\($0)") }, to: &sub, entries: entries, errors: &errors)
                if !kept.contains(where: { $0.id == sub.id }) { kept.append(sub) }
            }
            let register = try Self.pickableEntries(store: store, reference: reference)
            for key in form.keys.sorted() where key.hasPrefix("add.") && form[key] == "yes" {
                let id = String(key.dropFirst(4))
                if let record = register.first(where: { $0.id == id }) {
                    if kept.contains(where: { $0.id == id }) { errors.append("'\(record.name)' is already listed") } else { kept.append(record.annexEntry) }
                } else {
                    errors.append("'\(id)' is not an active entry of the processor's subprocessor register")
                }
            }
            document.subprocessors = kept
        }
        let message = value("message")
        if message.isEmpty { errors.append("say what you changed and why") }
        guard errors.isEmpty else {
            return try page(session: session, reference: reference, kind: kind, base: base, document: document, message: message, errors: errors, status: .unprocessableContent)
        }
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: message)
    }

    /// The entries of the agreement's processor's register in force today: what Annex IV may list.
    static func pickableEntries(store: TripactStore, reference: String) throws -> [SubprocessorRecord] {
        let snapshot = try store.registerSnapshot(forAgreement: reference)
        return snapshot.subprocessors.filter { $0.isActive(on: snapshot.today) }
    }

    /// The ids of the rows the form showed (`m.row.ID` or `s.row.ID`), in a stable order.
    static func rowIDs(_ form: [String: String], prefix: String) -> [String] {
        form.keys.filter { $0.hasPrefix("\(prefix).row.") }.map { String($0.dropFirst(prefix.count + 5)) }.filter { !$0.isEmpty }.sorted()
    }

    /// Writes the non-blank fields into a subprocessor.
    static func apply(_ field: (String) -> String, to sub: inout Subprocessor) {
        func list(_ text: String) -> [String] { text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        if !field("name").isEmpty { sub.name = field("name") }
        if !field("address").isEmpty { sub.address = field("address") }
        if !field("country").isEmpty { sub.country = field("country").uppercased() }
        if !field("service").isEmpty { sub.service = field("service") }
        if !field("dataCategories").isEmpty { sub.dataCategories = list(field("dataCategories")) }
        if !field("locations").isEmpty { sub.locations = list(field("locations")).map { $0.uppercased() } }
        if !field("transferMechanism").isEmpty { sub.transferMechanism = field("transferMechanism") }
        if !field("tiaReference").isEmpty { sub.tiaReference = field("tiaReference") }
    }

    /// A select's value for "not a back-up for any entry"; an absent field keeps what is stored.
    static let noBackup = "none"

    /// The two answers chosen from a list: which entry this one backs up (`backupFor`) and whether the parties confirm that
    /// it falls within an adequacy decision that covers only some recipients (`adequacyConfirmed`). "Not a back-up" and
    /// "not confirmed" leave the field absent, so that undoing a choice gives back the stored document's hash.
    static func applyChoices(_ field: (String) -> String, to sub: inout Subprocessor, entries: Set<String>, errors: inout [String]) {
        let label = sub.name.isEmpty ? sub.id : sub.name
        switch field("backupFor") {
        case "": break
        case noBackup: sub.backupFor = nil
        case let target where target != sub.id && entries.contains(target): sub.backupFor = target
        case let target: errors.append("Back-up for (\(label)): '\(target)' is not another subprocessor of Annex IV")
        }
        switch field("adequacyConfirmed") {
        case "": break
        case "yes": sub.adequacyConfirmed = true
        case "no": sub.adequacyConfirmed = nil
        case let other: errors.append("Adequacy confirmation (\(label)): '\(other)' is not an answer; choose 'confirmed' or 'not confirmed'")
        }
    }

    private func page(
        session: TripactStore.Session, reference: String, kind: Kind, base: Int, document: AgreementDocument, message: String, errors: [String],
        status: HTTPResponse.Status
    ) throws -> Response {
        let library = configuration.library
        let facts = AgreementFacts(document: document, library: library)
        let register = kind == .subprocessors ? try Self.pickableEntries(store: store, reference: reference) : []
        var page = Page(title: kind == .measures ? "Annex III — Technical and organisational measures" : "Annex IV — Subprocessors")
        page.raw("<p><a href=\"/agreements/\(AgreementController.path(reference))\">Back to the agreement</a></p>")
        for error in errors { page.raw("<p class=\"error\" role=\"alert\">"); page.text(error); page.raw("</p>") }
        page.raw("<form method=\"post\" action=\"/agreements/\(AgreementController.path(reference))/\(kind.rawValue)\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(base)\">")
        switch kind {
        case .measures:
            for heading in 1...17 {
                let rows = document.measures.enumerated().filter { ($0.element.heading ?? library.measure($0.element.id)?.heading) == heading }
                guard !rows.isEmpty else { continue }
                page.raw("<fieldset><legend>\(heading). ")
                page.text(library.headings[heading] ?? "")
                page.raw("</legend>")
                for (index, measure) in rows {
                    let catalogue = library.measure(measure.id)
                    let name = "m.\(HTMLEscaping.escape(measure.id))"
                    page.raw("<input type=\"hidden\" name=\"m.row.\(HTMLEscaping.escape(measure.id))\" value=\"1\">")
                    if catalogue == nil {
                        page.raw("<input type=\"hidden\" name=\"\(name).heading\" value=\"\(heading)\"><input type=\"hidden\" name=\"\(name).title\" value=\"")
                        page.text(measure.title ?? "")
                        page.raw("\">")
                    }
                    page.raw("<label for=\"m-\(index)\">")
                    page.text(measure.title ?? catalogue?.title ?? measure.id)
                    page.raw("</label><textarea id=\"m-\(index)\" name=\"\(name).description\" rows=\"2\" cols=\"80\" maxlength=\"\(Self.maximumLength)\">")
                    page.text(facts.measureDescription(measure))
                    page.raw("</textarea> <label class=\"inline\"><input type=\"checkbox\" name=\"\(name).remove\" value=\"yes\"> remove this measure</label>")
                }
                page.raw("</fieldset>")
            }
            page.raw("<fieldset><legend>Add a measure</legend><label for=\"new-catalogue\">From the catalogue</label><select id=\"new-catalogue\" name=\"new.catalogue\"><option value=\"\">—</option>")
            let listed = Set(document.measures.map(\.id))
            for measure in library.measures where !listed.contains(measure.key) {
                page.option(measure.key, "\(measure.heading). \(measure.title)")
            }
            page.raw("</select><label for=\"new-description\">Description for this agreement (optional)</label><textarea id=\"new-description\" name=\"new.description\" rows=\"2\" cols=\"80\"></textarea>")
            page.raw("<label for=\"new-title\">Or a custom measure: title</label><input id=\"new-title\" name=\"new.title\" type=\"text\" size=\"60\">")
            page.raw("<label for=\"new-heading\">Heading</label><select id=\"new-heading\" name=\"new.heading\"><option value=\"\">—</option>")
            for heading in 1...17 {
                page.raw("<option value=\"\(heading)\">\(heading). ")
                page.text(library.headings[heading] ?? "")
                page.raw("</option>")
            }
            page.raw("</select><label for=\"new-custom\">What is done, how and how often</label><textarea id=\"new-custom\" name=\"new.customDescription\" rows=\"2\" cols=\"80\"></textarea></fieldset>")
        case .subprocessors:
            for (index, sub) in document.subprocessors.enumerated() {
                page.raw("<fieldset><legend>")
                page.text(sub.name)
                page.raw("</legend>")
                let name = "s.\(HTMLEscaping.escape(sub.id))"
                page.raw("<input type=\"hidden\" name=\"s.row.\(HTMLEscaping.escape(sub.id))\" value=\"1\">")
                Self.subprocessorInputs(&page, prefix: name, idPrefix: "s-\(index)", sub: sub)
                Self.choiceInputs(&page, prefix: name, idPrefix: "s-\(index)", sub: sub, others: document.subprocessors.filter { $0.id != sub.id })
                page.raw("<label class=\"inline\"><input type=\"checkbox\" name=\"\(name).remove\" value=\"yes\"> remove this subprocessor</label></fieldset>")
            }
            let listed = Set(document.subprocessors.map(\.id))
            let pickable = register.filter { !listed.contains($0.id) }
            page.raw("<fieldset><legend>Add a subprocessor from the processor's register</legend>")
            if pickable.isEmpty {
                page.raw("<p>Every active entry of the processor's register is listed. The processor adds entities under Registers, which notifies the agreements concerned.</p>")
            }
            for record in pickable {
                Pickers.choice(&page, id: "add-\(record.id)", name: "add.\(record.id)", value: "yes", checked: false, label: "\(record.name) (\(record.country)): \(record.description)")
            }
            page.raw("</fieldset>")
        }
        page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required>")
        page.text(message)
        page.raw("</textarea>")
        page.proposeButton(base: base, session: session)
        page.raw("</form>")
        return page.response(status: status, session: session)
    }

    private static func choiceInputs(_ page: inout Page, prefix: String, idPrefix: String, sub: Subprocessor, others: [Subprocessor]) {
        page.raw("<label for=\"\(idPrefix)-backupFor\">Approved back-up: may replace this entry at short notice in an emergency</label>")
        page.raw("<select id=\"\(idPrefix)-backupFor\" name=\"\(prefix).backupFor\"><option value=\"\(noBackup)\">not a back-up</option>")
        for other in others {
            page.option(other.id, "back-up for \(other.name)", selected: other.id == sub.backupFor)
        }
        page.raw("</select>")
        DeliveryLocationController.adequacyConfirmation(&page, prefix: prefix, id: idPrefix, value: sub.adequacyConfirmed == true ? "yes" : "no", error: nil)
    }

    private static func subprocessorInputs(_ page: inout Page, prefix: String, idPrefix: String, sub: Subprocessor?) {
        for (key, label) in subprocessorFields {
            let value: String
            switch key {
            case "name": value = sub?.name ?? ""
            case "address": value = sub?.address ?? ""
            case "country": value = sub?.country ?? ""
            case "service": value = sub?.service ?? ""
            case "dataCategories": value = sub?.dataCategories.joined(separator: ", ") ?? ""
            case "locations": value = sub?.locations.joined(separator: ", ") ?? ""
            case "transferMechanism": value = sub?.transferMechanism ?? ""
            default: value = sub?.tiaReference ?? ""
            }
            page.raw("<label for=\"\(idPrefix)-\(key)\">\(label)</label><input id=\"\(idPrefix)-\(key)\" name=\"\(prefix).\(key)\" type=\"text\" size=\"60\" maxlength=\"\(maximumLength)\" value=\"")
            page.text(value)
            page.raw("\">")
        }
    }
}
