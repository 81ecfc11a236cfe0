import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// A processor's published subprocessor list (`/public/:slug/subprocessors`) and the Atom feed of its changes, both
/// written from one model. Only what the processor chose to publish is read: no contacts, no assessment references;
/// countries and transfer mechanisms are in words.
enum PublicRegisterPage {
    struct Model {
        /// An entity in use, in words.
        struct Entry {
            let name: String
            let country: String
            let locations: String
            let description: String
            let transferMechanism: String
            let onward: String
        }

        /// A change as the list and the feed say it.
        struct Change {
            let id: Int
            /// The store's timestamp (ISO 8601, UTC), which RFC 3339 accepts as it is.
            let proposedAt: String
            let summary: String
            let plannedStart: CalendarDay
            /// The feed entry's text: what changes, from when, and for an entity added or changed, where and what it does.
            let details: String
        }

        let organisation: String
        let slug: String
        let publishedAt: String
        let entries: [Entry]
        /// Newest first.
        let changes: [Change]

        /// 404 unless the organisation published its list at this address.
        static func load(store: TripactStore, library: ClauseLibrary, slug: String) throws -> Model {
            guard let register = try store.publicRegister(slug: slug) else { throw HTTPError(.notFound, message: "no public list at this address") }
            let entries = register.entries.map { entry in
                Entry(
                    name: entry.name, country: library.countryName(entry.country), locations: entry.allCountries.map(library.countryName).joined(separator: ", "),
                    description: entry.description, transferMechanism: library.mechanismLabel(entry.transferMechanism),
                    onward: (entry.onwardSubprocessors ?? []).map { "\($0.name) (\(library.countryName($0.country)))" }.joined(separator: "; ")
                )
            }
            let changes = register.changes.map { change in
                Change(
                    id: change.id, proposedAt: change.proposedAt, summary: change.change.summary, plannedStart: change.change.plannedStart,
                    details: details(change.change, library: library)
                )
            }
            return Model(organisation: register.organisation, slug: register.slug, publishedAt: register.publishedAt, entries: entries, changes: changes)
        }

        /// The change's message is written for the controllers and stays out.
        private static func details(_ change: RegisterChange, library: ClauseLibrary) -> String {
            var details = "\(change.summary), taking effect from \(change.plannedStart.iso)."
            if let entry = change.entry ?? change.previous, change.kind != .removal {
                details += " \(entry.name), established in \(library.countryName(entry.country))"
                details += entry.locations.isEmpty ? "" : ", processing also in \(entry.locations.map(library.countryName).joined(separator: ", "))"
                details += ": \(entry.description) Transfer mechanism: \(library.mechanismLabel(entry.transferMechanism))."
            }
            return details
        }

        /// The time of the newest change, or of publication: the feed's Last-Modified.
        var lastModified: Date {
            ([publishedAt] + changes.map(\.proposedAt)).compactMap(HTTPCaching.date).max() ?? Date(timeIntervalSince1970: 0)
        }
    }
}
