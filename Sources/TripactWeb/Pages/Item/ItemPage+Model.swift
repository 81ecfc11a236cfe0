import Foundation
import TripactCore
import TripactStore

/// One item of an agreement (`/agreements/:reference/items/:item`), whatever its kind: its content, the form that
/// edits it, its state, accept and reject, and its comment thread. A rejection refused (no reason, or a head that
/// moved) writes the same page again with the reason kept.
enum ItemPage {
    /// What the page shows, read from the store and put in words; the view only writes it.
    struct Model {
        /// A rejection that came too late: the head moved from the version the page was opened on.
        struct StaleRejection {
            let head: Int
            let opened: Int
        }

        let reference: String
        let key: ItemKey
        let head: Int
        let title: String
        /// The form that changes this kind of item, "Edit …" or "Read …" by the reader's role; nil for a removal.
        let editor: (href: String, label: String)?
        /// The item's canonical JSON, indented for reading; nil when the head removes the item.
        let content: String?
        let negotiation: ItemNegotiationView
        let staleRejection: StaleRejection?

        static func load(
            store: TripactStore, session: TripactStore.Session, reference: String, party: PartyRole, key: ItemKey, reason: String = "",
            reasonError: String? = nil, staleRejection: StaleRejection? = nil
        ) throws -> Model {
            let summary = try store.agreement(reference)
            let head = try store.version(reference)
            guard let state = try store.itemStates(reference).first(where: { $0.key == key }) else {
                throw StoreError.unknownItem(agreement: reference, item: key.rawValue)
            }
            let item = AgreementItems.items(of: head.document).first { $0.key == key }
            let mayPropose = session.user.role.mayPropose
            let editor: (href: String, label: String)? = state.isRemoval ? nil : Self.editor(key, reference: reference).map { editor in
                (
                    href: editor.href,
                    label: mayPropose ? editor.label : editor.label.replacingOccurrences(of: "Edit ", with: "Read ").replacingOccurrences(of: "Change this clause", with: "Read this clause")
                )
            }
            let negotiation = ItemNegotiationView(
                mayPropose: mayPropose, reference: reference, party: party, key: key, state: state, head: head.number, status: summary.status,
                comments: try store.comments(reference, item: key, visibleTo: session.user.organisationID),
                disputes: try store.disputes(reference).filter { $0.item == key }, commentAction: SiteRoute.itemComments.link(reference, key.rawValue), back: "item",
                reason: reason, reasonError: reasonError
            )
            return Model(
                reference: reference, key: key, head: head.number, title: item?.title ?? "Removed item \(key.rawValue)", editor: editor,
                content: item.map { readable($0.canonical) }, negotiation: negotiation, staleRejection: staleRejection
            )
        }

        /// The form that changes this kind of item, and its label.
        static func editor(_ key: ItemKey, reference: String) -> (href: String, label: String)? {
            switch key.kind {
            case "clause": (SiteRoute.clause.link(reference, key.name), "Change this clause (variant and parameters)")
            case "party": (SiteRoute.parties.link(reference), "Edit Annex I (parties)")
            case "annex2":
                key.name == "delivery-locations"
                    ? (SiteRoute.locations.link(reference), "Edit the delivery locations") : (SiteRoute.annex2.link(reference), "Edit Annex II")
            case "measure": (SiteRoute.measures.link(reference), "Edit Annex III (measures)")
            case "annex3": (SiteRoute.assistance.link(reference), "Edit the assistance measures")
            case "subprocessor": (SiteRoute.subprocessors.link(reference), "Edit Annex IV (subprocessors)")
            case "annex5": (SiteRoute.consumer.link(reference), "Edit Annex V")
            case "agreement": (SiteRoute.terms.link(reference), "Edit the terms")
            case "role": (SiteRoute.annex2.link(reference), "Edit Annex II (who decides each purpose)")
            case "allocation": (SiteRoute.allocation.link(reference), "Edit the joint controllers' allocation")
            default: nil
            }
        }

        /// The item's canonical JSON, indented for reading.
        static func readable(_ canonical: Data) -> String {
            guard let object = try? JSONSerialization.jsonObject(with: canonical, options: [.fragmentsAllowed]),
                let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
            else { return String(decoding: canonical, as: UTF8.self) }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
