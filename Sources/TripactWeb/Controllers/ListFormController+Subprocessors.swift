import Foundation
import TripactCore

/// Annex IV's catalogue answers, read back from choices in words: the country and the transfer mechanism from selects,
/// the personal data and the processing locations from checkboxes (one field per key, so the form stays a flat
/// dictionary), with a select to add a location. The posted values are keys; a key the catalogue does not know is
/// refused with the field's name, unless the entry already had it (the form shows a stored key as it is).
extension ListFormController {
    /// The hidden field that says the row showed its personal data boxes: only then does an unticked box remove a category.
    static let categoriesShown = "categories"
    /// The hidden field that says the row showed its location boxes.
    static let locationsShown = "locations"

    /// The ticked boxes of every row, read in one pass over the form: `s.ID.category.KEY` and `s.ID.location.CODE`
    /// by `ID.category` / `ID.location`. Each row then looks up its own, so a form with many rows costs no more per row
    /// than its own fields.
    static func tickedBoxes(_ form: [String: String]) -> [String: [String]] {
        var boxes: [String: [String]] = [:]
        for (key, value) in form where value == "yes" && key.hasPrefix("s.") {
            let parts = key.dropFirst(2).split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "category" || parts[1] == "location" else { continue }
            boxes["\(parts[0]).\(parts[1])", default: []].append(String(parts[2]))
        }
        return boxes
    }

    static func applyCatalogueChoices(
        _ form: [String: String], boxes: [String: [String]], id: String, to sub: inout Subprocessor, library: ClauseLibrary, errors: inout [String]
    ) {
        let prefix = "s.\(id)."
        func value(_ field: String) -> String { (form[prefix + field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func ticked(_ field: String) -> [String] { boxes["\(id).\(field)"] ?? [] }
        let label = sub.name.isEmpty ? sub.id : sub.name

        // Blank keeps what is stored, as for the text fields.
        let country = value("country").uppercased()
        if !country.isEmpty {
            if library.country(country) == nil, country != sub.country {
                errors.append("Country (\(label)): '\(country)' is not in the countries catalogue; choose a country from the list")
            }
            sub.country = country
        }
        let mechanism = value("transferMechanism")
        if !mechanism.isEmpty {
            if library.transferMechanism(mechanism) == nil, mechanism != sub.transferMechanism {
                errors.append("Transfer mechanism (\(label)): '\(mechanism)' is not a transfer mechanism of the catalogue")
            }
            sub.transferMechanism = mechanism
        }

        // The stored entries keep their order (and an old key its spelling), so that saving the form unchanged changes
        // nothing; newly ticked ones follow in the catalogue's order.
        if form[prefix + categoriesShown] != nil {
            let chosen = Set(ticked("category"))
            let unknown = chosen.filter { library.dataCategory($0) == nil && !sub.dataCategories.contains($0) }.sorted()
            for key in unknown { errors.append("Personal data (\(label)): '\(key)' is not a data category of the catalogue") }
            let kept = sub.dataCategories.filter { chosen.contains($0) || chosen.contains(library.currentCategoryKey($0)) }
            let keptKeys = Set(kept.map(library.currentCategoryKey))
            let added = library.dataCategories.map(\.key).filter { chosen.contains($0) && !keptKeys.contains($0) }
            sub.dataCategories = kept + added + unknown
        }
        if form[prefix + locationsShown] != nil {
            var chosen = Set(ticked("location").map { $0.uppercased() })
            let extra = value("newLocation").uppercased()
            if !extra.isEmpty { chosen.insert(extra) }
            let unknown = chosen.filter { library.country($0) == nil && !sub.locations.contains($0) }.sorted()
            for code in unknown { errors.append("Processing locations (\(label)): '\(code)' is not in the countries catalogue; choose a country from the list") }
            let kept = sub.locations.filter { chosen.contains($0) }
            let added = library.countries.map(\.code).filter { chosen.contains($0) && !kept.contains($0) }
            sub.locations = kept + added + unknown
        }
    }
}
