import Foundation
import TripactCore
import TripactStore

/// The answer to a form saved on a version older than the head (409), as a lawyer reads it: one sentence on who
/// proposed what since the version the form was opened on (written above the form), the user's own edits kept in the
/// form, then the changes since in a few lines (written below the form). Items and fields are named in words, never
/// by key; the full redline is one link away.
struct ConflictNote {
    /// A version proposed after the form's base.
    struct Proposal {
        let number: Int
        let author: String
        let party: PartyRole
        let message: String
        /// Proposed by the signed-in user (from another tab, or an older form).
        let isYours: Bool
    }

    /// One changed item: its title, where it is, and what changed in it.
    struct Change {
        let title: String
        let link: String
        let kind: ItemChange.Kind
        let details: [Detail]
    }

    /// One changed value: its name, and either before → after or the changed words.
    struct Detail {
        let label: String
        let old: String?
        let new: String?
        let words: [WordDiff.Token]?
        let assessment: String?
    }

    let reference: String
    let base: Int
    let head: Int
    let proposals: [Proposal]
    let changes: [Change]

    /// "Nothing was saved: Alex Martin (processor) proposed version 2 after you opened this form on version 1; it changes
    /// Clause 14 — Audits and inspections." and what to do next.
    func writeAlert(_ page: inout Page, kept: String = "Your edits are kept in the form below") {
        page.raw("<div class=\"conflict\" role=\"alert\"><p><strong>Nothing was saved.</strong> ")
        page.text(sentence)
        page.raw("</p><p>")
        page.text("\(kept), ready to send again on version \(head). Check them against the changes listed under the form first.")
        page.raw("</p></div>")
    }

    /// The sentence of what happened, in words.
    var sentence: String {
        let authors = Self.list(uniqued(proposals.map { $0.isYours ? "you" : "\($0.author) (\($0.party.rawValue))" }))
        let versions = proposals.count == 1 ? "version \(head)" : "versions \(base + 1) to \(head)"
        let subject = authors.isEmpty ? "Someone" : authors.hasPrefix("you") ? "You" + authors.dropFirst(3) : authors
        var text = "\(subject) proposed \(versions) after you opened this form on version \(base)"
        let titles = changes.map(\.title)
        if titles.isEmpty {
            text += ", with no change to the agreement's text."
        } else if titles.count <= 3 {
            text += "; \(proposals.count == 1 ? "it changes" : "they change") \(Self.list(titles))."
        } else {
            text += "; \(proposals.count == 1 ? "it changes" : "they change") \(Self.list(Array(titles.prefix(2)))) and \(titles.count - 2) other items."
        }
        return text
    }

    /// The changes since the form's base, compact: each version's message, then each changed item with its values.
    func writeChanges(_ page: inout Page) {
        page.raw("<section class=\"changes-since\" aria-labelledby=\"changes-since\"><h2 id=\"changes-since\">Changes since version \(base)</h2>")
        page.raw("<ul class=\"proposals\">")
        for proposal in proposals {
            page.raw("<li>Version \(proposal.number), ")
            page.text("by \(proposal.isYours ? "you" : proposal.author) for the \(proposal.party.rawValue): “\(proposal.message)”")
            page.raw("</li>")
        }
        page.raw("</ul>")
        if changes.isEmpty { page.raw("<p>The agreement's text did not change.</p>") }
        page.raw("<ul class=\"changes\">")
        for change in changes {
            page.raw("<li><a href=\"")
            page.text(change.link)
            page.raw("\">")
            page.text(change.title)
            page.raw("</a> ")
            page.text(Self.verb(change.kind))
            if !change.details.isEmpty {
                page.raw("<ul>")
                for detail in change.details { Self.write(&page, detail) }
                page.raw("</ul>")
            }
            page.raw("</li>")
        }
        page.raw("</ul><p><a href=\"/agreements/\(AgreementController.path(reference))/compare?from=\(base)&amp;to=\(head)\">")
        page.text("Read the full redline of version \(base) against version \(head)")
        page.raw("</a></p></section>")
    }

    private static func write(_ page: inout Page, _ detail: Detail) {
        page.raw("<li>")
        page.text(detail.label + ": ")
        if let words = detail.words {
            WordRedline.excerpts(&page, words)
        } else if detail.old == nil, let new = detail.new {
            page.raw("added <ins>")
            page.text(new)
            page.raw("</ins>")
        } else if detail.new == nil, let old = detail.old {
            page.raw("removed <del>")
            page.text(old)
            page.raw("</del>")
        } else {
            page.raw("<del>")
            page.text(detail.old ?? "none")
            page.raw("</del> → <ins>")
            page.text(detail.new ?? "none")
            page.raw("</ins>")
        }
        if let assessment = detail.assessment { page.text(" (\(assessment))") }
        page.raw("</li>")
    }

    private static func verb(_ kind: ItemChange.Kind) -> String {
        switch kind {
        case .added: "was added"
        case .removed: "was removed"
        case .changed: "was changed"
        case .moved: "was moved"
        }
    }

    private func uniqued(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

extension ConflictNote {
    /// The note for a form opened on `base` when the head is now `head`. Stances are the signed-in user's side's only.
    init(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String, base: Version, head: Int) throws {
        let current = try store.version(reference, number: head)
        let playbook = try store.playbook(for: session.user, in: reference, library: library)
        let diff = AgreementDiffer.diff(
            base.document, current.document, library: library, oldLabel: "version \(base.number)", newLabel: "version \(head)", playbook: playbook
        )
        var names: [String: String] = [:]
        let entries = try store.log(reference).filter { $0.number > base.number && $0.number <= head }.sorted { $0.number < $1.number }
        let proposals = entries.map { entry in
            let name = names[entry.author] ?? (try? store.user(email: entry.author).name) ?? entry.author
            names[entry.author] = name
            return Proposal(number: entry.number, author: name, party: entry.party, message: entry.message, isYours: entry.author == session.user.email)
        }
        let newLabels = ItemLabels(document: current.document, library: library)
        let oldLabels = ItemLabels(document: base.document, library: library)
        let changes = diff.changes.map { change in
            let title = change.kind == .removed ? oldLabels.label(change.key) : newLabels.label(change.key)
            let link =
                change.key.kind == "clause" && change.kind != .removed
                ? "/agreements/\(AgreementController.path(reference))/clauses/\(AgreementController.path(change.key.name))"
                : ItemController.path(reference, change.key)
            // The diff names each field and value in words already; its keys stay in the JSON.
            let details = change.fields.map { Detail(label: $0.label, old: $0.old, new: $0.new, words: $0.words, assessment: $0.assessment?.summary) }
            return Change(title: title, link: link, kind: change.kind, details: details)
        }
        self.init(reference: reference, base: base.number, head: head, proposals: proposals, changes: changes)
    }
}
