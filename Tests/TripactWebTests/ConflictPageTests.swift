import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, bug 7 tested here that a form saved on an older version answered 409; since issue 10 a form saves into the
/// side's draft, which is carried onto the head (`DraftRouteTests`), so only the shared helper is left.
@Suite struct ConflictPageTests {
    /// The text a person reads: tags (and so attribute values such as links) left out.
    static func visibleText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text
    }
}
