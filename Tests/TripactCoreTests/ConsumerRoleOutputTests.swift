import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The consumer outputs follow each purpose's role (issue 16, item 4): the agent script names who will answer a request,
/// and the privacy-notice text gives each joint purpose its lawful basis.
@Suite struct ConsumerRoleOutputTests {
    static func summary(_ document: AgreementDocument) -> String {
        ConsumerSummaryRenderer.render(AgreementFacts(document: document, library: Fixtures.library))
    }

    /// The "What to say" step of the agent script, from its heading to the end of the step.
    static func whatToSay(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<h3>What to say</h3>"))
        let end = try #require(html[start.upperBound...].range(of: "</li>"))
        return String(html[start.upperBound..<end.lowerBound])
    }

    static func withContactPoint(_ party: PartyRole) throws -> AgreementDocument {
        var document = Fixtures.withAllThreeRoles()
        let joint = try #require(document.clauses.lastIndex { $0.clause == "joint-controllership" })
        document.clauses[joint].parameters["contact-point"] = .string(party.rawValue)
        return document
    }

    @Test func theAgentSaysWhoAnswersEachKindOfPurposeFromTheDocument() throws {
        let document = try Self.withContactPoint(.processor)
        let say = try Self.whatToSay(Self.summary(document))
        let controller = HTMLEscaping.escape(document.parties.controller.name)
        let processor = HTMLEscaping.escape(document.parties.processor.name)
        func label(_ key: String) -> String { HTMLEscaping.escape(Fixtures.library.purpose(key)?.label ?? key) }
        let joint = document.processing.purposes[0].purpose
        #expect(say.contains("<p>If the request is about \(label(joint)):</p><blockquote>Thank you. I have recorded your request. \(processor), the contact point for it, will answer you"), "\(say)")
        #expect(say.contains("<p>If the request is about \(label("analytics.reporting")):</p><blockquote>Thank you. I have recorded your request. \(processor), which is responsible for that use, will answer you"), "\(say)")
        #expect(say.contains("<p>For any other request:</p><blockquote>Thank you. I have recorded your request. \(controller) will answer you within one month of today."), "\(say)")
    }

    @Test func whenTheControllerAnswersEverythingTheAgentSaysItOnce() throws {
        let controller = HTMLEscaping.escape(Fixtures.example("full-scenario.json").parties.controller.name)
        let expected = "<blockquote>Thank you. I have recorded your request. \(controller) will answer you within one month of today. "
            + "If the request is complex, they may need up to two more months and will tell you why.</blockquote>"
        #expect(try Self.whatToSay(Self.summary(Fixtures.example("full-scenario.json"))) == expected, "purposes on behalf only")
        var controllerReceives = try Self.withContactPoint(.controller)
        let index = try #require(controllerReceives.processing.purposes.firstIndex { $0.purpose == "analytics.reporting" })
        controllerReceives.processing.purposes[index].recipient = .controller
        #expect(try Self.whatToSay(Self.summary(controllerReceives)) == expected, "the Controller is the contact point and the recipient")
    }

    @Test func thePrivacyNoticeTextGivesAJointPurposeItsLawfulBasis() throws {
        let html = Self.summary(Fixtures.withAllThreeRoles())
        let start = try #require(html.range(of: "<section id=\"privacy-notice\">"))
        let notice = String(html[start.upperBound..<(try #require(html[start.upperBound...].range(of: "</section>"))).lowerBound])
        let label = HTMLEscaping.escape(Fixtures.library.purpose(Fixtures.withAllThreeRoles().processing.purposes[0].purpose)?.label ?? "")
        #expect(notice.contains("<li>\(label), on the basis of \(HTMLEscaping.escape(LawfulBasis.contract.label)).</li>"), "\(notice)")
        #expect(notice.contains("Purposes we decide together with"))
    }
}
