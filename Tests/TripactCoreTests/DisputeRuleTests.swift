import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// A rejection is a state of the item's wording: it lasts while that wording does.
@Suite struct DisputeRuleTests {
    let key: ItemKey = "clause:breach-notification"

    func state(_ states: [ItemState], _ key: ItemKey) throws -> ItemState { try #require(states.first { $0.key == key }) }

    @Test func aDisputeOutlivesProposalsThatLeaveTheItemAsItIsAndEndsWhenTheItemChanges() throws {
        var document = Fixtures.document()
        var states = Negotiation.initialStates(items: AgreementItems.items(of: document), proposer: .processor)
        let index = try #require(states.firstIndex { $0.key == key })
        states[index].reject(by: .controller)
        #expect(states[index].label == "disputed by controller" && states[index].acceptedBy == [.processor])

        for title in ["A first unrelated title", "A second unrelated title"] {
            document.title = title
            states = Negotiation.statesAfterProposal(previous: states, items: AgreementItems.items(of: document), proposer: .processor)
            #expect(try state(states, key).disputedBy == [.controller], "an unrelated version keeps the dispute")
        }
        Fixtures.set("breach-notification", "hours", .integer(30), in: &document)
        states = Negotiation.statesAfterProposal(previous: states, items: AgreementItems.items(of: document), proposer: .processor)
        #expect(try state(states, key).disputedBy.isEmpty && state(states, key).label == "accepted by processor only", "new wording is a new question")
    }

    @Test func acceptingEndsTheAcceptingSidesOwnDisputeOnly() {
        var state = ItemState(key: key, hash: "h", acceptedBy: [.controller, .processor])
        state.reject(by: .controller)
        state.reject(by: .processor)
        #expect(state.label == "disputed by controller and processor" && state.acceptedBy.isEmpty)
        state.accept(by: .processor)
        #expect(state.disputedBy == [.controller] && state.acceptedBy == [.processor])
        state.accept(by: .controller)
        #expect(!state.isDisputed && state.isAgreed && state.label == "agreed")
    }

    /// `--format json` and the API print item states: the same state must read the same in every process, so the
    /// parties are listed in their fixed order, not in a set's hash order; and the JSON reads back as the same state.
    @Test func anItemStateEncodesItsPartiesInTheirFixedOrder() throws {
        var state = ItemState(key: key, hash: "h", acceptedBy: [.processor, .controller])
        state.reject(by: .processor)
        state.reject(by: .controller)
        state.accept(by: .processor)
        state.accept(by: .controller)
        state.reject(by: .processor)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(ItemState(key: key, hash: "h", acceptedBy: [.processor, .controller], disputedBy: [.processor, .controller])), as: UTF8.self)
        #expect(json == #"{"acceptedBy":["controller","processor"],"disputedBy":["controller","processor"],"hash":"h","key":"clause:breach-notification"}"#)
        #expect(try JSONDecoder().decode(ItemState.self, from: try encoder.encode(state)) == state)
    }
}
