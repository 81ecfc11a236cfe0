import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// What the printed agreement reads like: numbers run into their paragraphs, words instead of keys, each fact once.
@Suite struct PrintedWordsTests {
    func render(_ document: AgreementDocument) -> String {
        AgreementRenderer.render(AgreementFacts(document: document, library: Fixtures.library))
    }

    /// The text a reader sees: the body without its tags, attributes and style sheet.
    func visibleText(_ html: String) throws -> String {
        let body = String(html[try #require(html.range(of: "<body")).lowerBound...])
        return body.replacing(try Regex("<[^>]*>"), with: " ")
    }

    @Test func aListParagraphsNumberRunsIntoItsFirstItem() throws {
        let html = render(Fixtures.example("full-scenario.json"))
        let lists = html.matches(of: try Regex(#"<li( class="list")?><span class="number">[0-9.]+</span> <ul>"#))
        #expect(!lists.isEmpty, "the example has list paragraphs")
        #expect(lists.allSatisfy { $0.output[1].substring != nil }, "every list paragraph is marked as one")
        // The number hangs in the paragraph's margin beside the first item, not on a line of its own.
        #expect(html.contains("ol.paragraphs > li.list > .number { float: left; width: 2.6em; margin-left: -2.6em; }"))
        #expect(html.contains("ol.paragraphs > li.list > ul { margin-top: 0; }"))
    }

    @Test func annexTwoPrintsCatalogueLabelsNeverCatalogueKeys() throws {
        let document = Fixtures.example("full-scenario.json")
        let text = try visibleText(render(document))
        for entry in document.processing.dataCategories {
            #expect(text.contains(try #require(Fixtures.library.dataCategory(entry.category)).label))
        }
        for item in Fixtures.library.dataCategories + Fixtures.library.purposes {
            #expect(!text.contains(item.key), "\(item.key) is printed")
        }
    }

    @Test func anAddressThatNamesItsCountryIsNotFollowedByItAgain() throws {
        let document = Fixtures.example("full-scenario.json")
        let html = render(document)
        for sub in document.subprocessors {
            #expect(html.contains("<td>\(HTMLEscaping.escape(sub.address))</td>"), "\(sub.name): \(sub.address)")
        }
        #expect(!html.contains("Netherlands, Netherlands"))
        // An address without its country gets the country's name once.
        let bare = render(Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(country: "IE")] })
        #expect(bare.contains("<td>1 Dock Road, Dublin, Ireland</td>"))
    }
}
