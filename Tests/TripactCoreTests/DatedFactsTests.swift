import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Issue 11, item 5: every country entry carries the day it was checked and its source; old entries fail the lint.
@Suite struct DatedFactsTests {
    let library = Fixtures.library
    let shippedDay = CalendarDate("2026-11-30")!

    @Test func everyCountryEntryHasAVerifiedDateAndASource() {
        #expect(!library.countries.isEmpty)
        for country in library.countries {
            #expect(!country.source.isEmpty, "\(country.code)")
            if country.status == .adequate || country.status == .partial {
                #expect(country.source.contains("Decision"), "\(country.code): \(country.source)")
            }
        }
        #expect(library.staleCountries(today: shippedDay).isEmpty)
    }

    @Test func theUnitedKingdomAndBrazilStateWhatWasFound() throws {
        let kingdom = try #require(library.country("GB"))
        #expect(kingdom.status == .adequate && kingdom.note.contains("2031") && kingdom.source.contains("2021/1772"))
        let brazil = try #require(library.country("BR"))
        #expect(brazil.status == .adequate && brazil.source.contains("2026/179"))
    }

    func files(countries change: (String) -> String) -> [LibraryFile] {
        Fixtures.libraryFiles.map { $0.name == "catalogues/countries.txt" ? LibraryFile(name: $0.name, contents: change($0.contents)) : $0 }
    }

    @Test func anEntryNotVerifiedForMoreThanTwelveMonthsIsReported() throws {
        let stale = try ClauseLibrary.load(files { text in
            var lines = text.components(separatedBy: "\n")
            let index = lines.firstIndex { $0.hasPrefix("verified:") }!
            lines[index] = "verified: 2025-11-29"
            return lines.joined(separator: "\n")
        })
        let problems = stale.staleCountries(today: shippedDay)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("more than 12 months") == true)
        #expect(stale.staleCountries(today: CalendarDate("2026-11-29")!).isEmpty)
    }

    @Test func anEntryWithoutVerifiedDateDoesNotLoad() {
        #expect(throws: LibraryLoadError.self) {
            _ = try ClauseLibrary.load(files { $0.replacingOccurrences(of: "verified: 2026-11-29\n", with: "", options: [], range: nil) })
        }
    }

    @Test func canadaNeedsAConfirmationAndTheDataPrivacyFrameworkCoversOnlyTheUnitedStates() {
        func codes(_ sub: Subprocessor) -> Set<String> { Fixtures.codes(Fixtures.document { $0.subprocessors = [sub] }) }
        var canada = Fixtures.subprocessor(country: "CA", mechanism: "adequacy")
        #expect(codes(canada).contains("transfer.mechanism-missing"))
        canada.adequacyConfirmed = true
        #expect(!codes(canada).contains("transfer.mechanism-missing"))
        #expect(codes(Fixtures.subprocessor(country: "CA", mechanism: "adequacy-dpf")).contains("transfer.mechanism-missing"))
        #expect(!codes(Fixtures.subprocessor(country: "US", mechanism: "adequacy-dpf")).contains("transfer.mechanism-missing"))
        #expect(codes(Fixtures.subprocessor(country: "US", mechanism: "adequacy")).contains("transfer.mechanism-missing"))
    }
}
