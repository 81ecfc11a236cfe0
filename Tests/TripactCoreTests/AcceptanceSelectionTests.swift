import Testing
import TripactCore
import TripactTestSupport

@Suite struct AcceptanceSelectionTests {
    let keys: [ItemKey] = ["agreement:terms", "party:controller", "annex2:purposes", "clause:audits", "clause:breach-notification", "measure:enc", "annex3:assistance", "subprocessor:crm"]

    @Test func onlyCoversExactlyTheListedItemsInItemOrder() {
        #expect(AcceptanceSelection.only(["clause:breach-notification", "party:controller"]).resolve(in: keys) == .success(["party:controller", "clause:breach-notification"]))
    }

    @Test func aWholeAnnexOrEveryClauseIsOneName() {
        #expect(AcceptanceSelection.only(["annex3"]).resolve(in: keys) == .success(["measure:enc", "annex3:assistance"]))
        #expect(AcceptanceSelection.only(["clauses", "annex4"]).resolve(in: keys) == .success(["clause:audits", "clause:breach-notification", "subprocessor:crm"]))
    }

    @Test func exceptCoversEverythingButTheListedItems() {
        #expect(AcceptanceSelection.except(["clauses", "subprocessor:crm"]).resolve(in: keys) == .success(["agreement:terms", "party:controller", "annex2:purposes", "measure:enc", "annex3:assistance"]))
    }

    @Test func unknownNamesAreAllNamed() {
        #expect(AcceptanceSelection.only(["clause:audits", "clause:nope", "annex9"]).resolve(in: keys) == .failure(.init(names: ["clause:nope", "annex9"])))
    }

    @Test func theSummaryLeavesOutWhatTheSideAcceptedAndNamesWhatStaysOpen() throws {
        let states = keys.map { ItemState(key: $0, hash: "h", acceptedBy: $0 == "clause:audits" ? [.controller] : [.processor]) }
        let summary = try AcceptanceSummary.of(.only(["clauses", "annex4"]), states: states, party: .controller, version: 3).get()
        #expect(summary.toAccept == ["clause:breach-notification", "subprocessor:crm"], "clause:audits is already the controller's")
        #expect(summary.leftOpen == ["agreement:terms", "party:controller", "annex2:purposes", "measure:enc", "annex3:assistance"])
        #expect(summary.introduction == "You are about to accept, for the controller, 2 items of version 3:")
        #expect(summary.confirmation == "Accept these 2 items")
        let forProcessor = try AcceptanceSummary.of(.except(["annex4"]), states: states, party: .processor, version: 3).get()
        #expect(forProcessor.toAccept == ["clause:audits"] && forProcessor.leftOpen.isEmpty, "the processor has accepted all but clause:audits")
        #expect(forProcessor.introduction.hasSuffix("for the processor, 1 item of version 3:") && forProcessor.confirmation == "Accept this item")
        #expect(throws: AcceptanceSelection.UnknownItems(names: ["annex9"])) { try AcceptanceSummary.of(.only(["annex9"]), states: states, party: .controller, version: 3).get() }
    }

    @Test func labelsAreWordsNotKeys() {
        let document = Fixtures.example("full-scenario.json")
        let labels = ItemLabels(document: document, library: Fixtures.library)
        let number = AgreementFacts(document: document, library: Fixtures.library).included("breach-notification")!.number
        #expect(labels.label("clause:breach-notification") == "Clause \(number) — Personal Data Breaches")
        #expect(labels.label("annex2:purposes") == "Annex II — purposes")
        #expect(labels.label("subprocessor:sp-nuvola").hasPrefix("Annex IV — Nuvola"))
        for item in AgreementItems.items(of: document) {
            let label = labels.label(item.key)
            #expect(!label.contains(item.key.rawValue), "\(item.key) reads '\(label)'")
        }
    }
}
