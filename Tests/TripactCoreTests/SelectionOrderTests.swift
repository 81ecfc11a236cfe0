import Testing
import TripactCore

@Suite struct SelectionOrderTests {
    @Test func whatStaysKeepsItsPlaceAndNewChoicesFollowInTheFormsOrder() {
        #expect(SelectionOrder.keeping(["b", "a", "c"], ["a", "b", "c", "d"]) == ["b", "a", "c", "d"])
        #expect(SelectionOrder.keeping(["b", "a", "c"], ["a", "c"]) == ["a", "c"])
        #expect(SelectionOrder.keeping([], ["x", "y"]) == ["x", "y"])
        #expect(SelectionOrder.keeping(["x"], []) == [])
    }
}
