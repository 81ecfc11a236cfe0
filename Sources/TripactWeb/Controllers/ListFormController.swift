import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// The list parts of an agreement: Annex III measures (by the 17 headings, from the catalogue or custom) and Annex IV
/// subprocessors. Rows are removed only through their explicit "remove" box; blank fields keep what is stored; a measure
/// is added from the fields under "Add", a subprocessor is picked from the processor's register (its id is the register's,
/// never typed, so Annex IV can be matched to the register). Saving writes into the side's draft. The pages are
/// `ListFormPage`.
struct ListFormController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let maximumLength = 4_000
    /// Annex IV's free-text fields; the catalogue answers (country, personal data, locations, transfer mechanism) are
    /// choices in words whose values are the keys (`applyCatalogueChoices`).
    static let subprocessorFields: [(key: String, label: String)] = [
        ("name", "Legal entity"), ("address", "Address"), ("service", "Service"), ("tiaReference", "Transfer impact assessment (reference)"),
    ]

    func register(on router: Routes) {
        for (route, kind) in [(SiteRoute.measures, Kind.measures), (.subprocessors, .subprocessors)] {
            router.get(route) { _, context, session in
                let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
                let model = try ListFormPage.Model.load(store: store, library: configuration.library, session: session, reference: reference, kind: kind)
                return ListFormPage.View(model: model).page(session: session).response(session: session)
            }
            router.post(route) { request, context, session in try await save(request: request, context: context, session: session, kind: kind) }
        }
    }

    typealias Kind = ListFormPage.Kind

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session, kind: Kind) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
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
            // Sets, not searches of the lists: the form's rows are the sender's to multiply.
            let listed = Set(document.measures.map(\.id))
            for id in Self.rowIDs(form, prefix: "m") where !listed.contains(id) {
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
            let boxes = Self.tickedBoxes(form)
            for var sub in document.subprocessors where form["s.\(sub.id).remove"] != "yes" {
                let id = sub.id
                Self.apply({ value("s.\(id).\($0)") }, to: &sub)
                Self.applyChoices({ value("s.\(id).\($0)") }, to: &sub, entries: entries, errors: &errors)
                Self.applyCatalogueChoices(form, boxes: boxes, id: id, to: &sub, library: configuration.library, errors: &errors)
                kept.append(sub)
            }
            let stored = Set(document.subprocessors.map(\.id))
            for id in Self.rowIDs(form, prefix: "s") where !stored.contains(id) && form["s.\(id).remove"] != "yes" {
                var sub = Subprocessor(id: id, name: "", address: "", country: "", service: "", dataCategories: [], locations: [], transferMechanism: "eea")
                Self.apply({ value("s.\(id).\($0)") }, to: &sub)
                Self.applyChoices({ value("s.\(id).\($0)") }, to: &sub, entries: entries, errors: &errors)
                Self.applyCatalogueChoices(form, boxes: boxes, id: id, to: &sub, library: configuration.library, errors: &errors)
                kept.append(sub)
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
            let model = try ListFormPage.Model.load(
                store: store, library: configuration.library, reference: reference, kind: kind, base: base, document: document, message: message, errors: errors
            )
            return ListFormPage.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
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

    /// Writes the non-blank text fields into a subprocessor.
    static func apply(_ field: (String) -> String, to sub: inout Subprocessor) {
        if !field("name").isEmpty { sub.name = field("name") }
        if !field("address").isEmpty { sub.address = field("address") }
        if !field("service").isEmpty { sub.service = field("service") }
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
}
