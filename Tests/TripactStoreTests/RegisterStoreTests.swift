import Foundation
import Synchronization
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// A clock the test moves forward, so deadlines can pass within one test.
final class MovableClock: Sendable {
    private let current: Mutex<Date>
    init(_ iso: String) { current = Mutex(Self.noon(iso)) }
    var clock: StoreClock { StoreClock { [self] in current.withLock { $0 } } }
    func set(_ iso: String) { current.withLock { $0 = Self.noon(iso) } }
    static func noon(_ iso: String) -> Date {
        Date(timeIntervalSince1970: Double(CalendarDay(iso: iso)!.daysSinceEpoch) * 86_400 + 12 * 3_600)
    }
}

/// A processor with three controllers: one under general authorisation that uses telephony, one under specific
/// authorisation that uses telephony, and one that uses neither telephony nor the telephony provider's data.
struct RegisterWorld {
    let store: TripactStore
    let time = MovableClock("2026-11-27")
    static let bpo = "paul@atlantis.example"
    static let brandA = "jeanne@lumen.example"
    static let brandB = "omar@vega.example"
    static let brandC = "ines@nova.example"
    let library = Fixtures.library
    let telephonyA = Fixtures.registerRecord("tel-a", name: "Telephony A", services: ["telephony"], categories: ["user.contact.phone_number"])
    let telephonyB = Fixtures.registerRecord("tel-b", name: "Telephony B", services: ["telephony"], categories: ["user.contact.phone_number"])
    let crm = Fixtures.registerRecord("crm-a", name: "CRM A", services: ["crm"], categories: ["user.name", "user.account"])

    init() throws {
        store = try TripactStore(path: Fixtures.temporaryDirectory().appendingPathComponent("tripact.sqlite").path, clock: time.clock)
        for (org, email) in [("Atlantis", Self.bpo), ("Lumen", Self.brandA), ("Vega", Self.brandB), ("Nova", Self.brandC)] {
            try store.addOrganisation(name: org)
            try store.addUser(email: email, name: email, organisation: org, role: .legal)
        }
        try store.addUser(email: "viewer@lumen.example", name: "Viewer", organisation: "Lumen", role: .viewer)
        // The register before the agreements: both entries start in January.
        try store.proposeRegisterChange(.addition, entry: telephonyA, replacing: nil, plannedStart: nil, message: "initial register", by: Self.bpo, library: library)
        try store.proposeRegisterChange(.addition, entry: crm, replacing: nil, plannedStart: nil, message: "initial register", by: Self.bpo, library: library)
        try importAgreement("lumen-dpa", controller: "Lumen", variant: "general-objection", services: ["telephony", "crm"], subprocessors: [telephonyA, crm])
        try importAgreement("vega-dpa", controller: "Vega", variant: "specific", services: ["telephony"], subprocessors: [telephonyA])
        try importAgreement("nova-dpa", controller: "Nova", variant: "general-objection", services: ["crm"], subprocessors: [crm])
    }

    func importAgreement(_ id: String, controller: String, variant: String, services: [String], subprocessors: [SubprocessorRecord]) throws {
        let document = Fixtures.document {
            $0.id = id
            $0.processing.services = services
            $0.subprocessors = subprocessors.map(\.annexEntry)
            let index = Fixtures.selectionIndex("subprocessors", in: $0)
            $0.clauses[index].variant = variant
            $0.clauses[index].parameters = ["notice-days": .integer(10), "objection-days": .integer(10), "day-count": .string("business")]
            // Each side's legal user is its signatory in Annex I.
            $0.parties.controller.signatory?.email = Self.brand(of: controller)
            $0.parties.processor.signatory?.email = Self.bpo
        }
        try store.importAgreement(document, controller: controller, processor: "Atlantis", by: Self.bpo)
        try store.accept(nil, on: id, by: Self.brand(of: controller))
    }

    static func brand(of controller: String) -> String {
        [Self.brandA, Self.brandB, Self.brandC][["Lumen", "Vega", "Nova"].firstIndex(of: controller)!]
    }

    func replaceTelephony() throws -> [NoticeEntry] {
        try store.proposeRegisterChange(.replacement, entry: telephonyB, replacing: "tel-a", plannedStart: nil, message: "Telephony B replaces A", by: Self.bpo, library: library).notices
    }
}

@Suite struct RegisterStoreTests {
    @Test func aReplacementSendsANoticeOrARequestOnlyToTheAgreementsThatUseTheService() throws {
        let world = try RegisterWorld()
        let notices = try world.replaceTelephony()
        #expect(notices.map(\.agreement) == ["lumen-dpa", "vega-dpa"])
        let lumen = try #require(notices.first { $0.agreement == "lumen-dpa" })
        // Friday 27 November + 10 business days = Friday 11 December; applies from Saturday 12 December.
        #expect(lumen.kind == .notice)
        #expect(lumen.respondBy.iso == "2026-12-11")
        #expect(lumen.takesEffect.iso == "2026-12-12")
        #expect(lumen.reason == "Annex IV lists Telephony A")
        let vega = try #require(notices.first { $0.agreement == "vega-dpa" })
        #expect(vega.kind == .approvalRequest)
        #expect(vega.late)
        #expect(try world.store.notices(visibleTo: nil, agreement: "nova-dpa").isEmpty)
    }

    @Test func withoutObjectionTheNoticeAppliesWhenItsDayComesAndAnnexIVEqualsTheRegister() throws {
        let world = try RegisterWorld()
        let notice = try #require(try world.replaceTelephony().first { $0.agreement == "lumen-dpa" })
        let headBefore = try world.store.agreement("lumen-dpa").head
        world.time.set("2026-12-11")
        #expect(try world.store.settleDueNotices(library: world.library).isEmpty)
        #expect(try world.store.agreement("lumen-dpa").head == headBefore)
        world.time.set("2026-12-12")
        let applied = try world.store.settleDueNotices(library: world.library)
        #expect(applied.map(\.id) == [notice.id])
        let head = try world.store.version("lumen-dpa")
        #expect(head.number == headBefore + 1)
        #expect(applied.first?.appliedVersion == head.number)
        let register = try world.store.subprocessorRegister(organisation: "Atlantis").filter { $0.isActive(on: world.store.today()) }
        #expect(head.document.subprocessors.sorted { $0.id < $1.id } == register.map(\.annexEntry).sorted { $0.id < $1.id })
        // The controller's consent came through the notice, so the new Annex IV entry is agreed by both parties.
        let states = try world.store.itemStates("lumen-dpa")
        #expect(states.first { $0.key == "subprocessor:tel-b" }?.isAgreed == true)
        #expect(!states.contains { $0.key == "subprocessor:tel-a" })
        let audit = try world.store.auditEvents(agreement: "lumen-dpa").map(\.action)
        #expect(audit.suffix(2) == ["version.register", "notice.apply"])
        // Settling again changes nothing.
        #expect(try world.store.settleDueNotices(library: world.library).isEmpty)
        #expect(try world.store.agreement("lumen-dpa").head == head.number)
    }

    @Test func anObjectionInTimeHoldsTheChangeAndOneAfterTheDeadlineIsRefused() throws {
        let world = try RegisterWorld()
        let notice = try #require(try world.replaceTelephony().first { $0.agreement == "lumen-dpa" })
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "reason", message: "an objection needs its grounds (Art. 28(2))")])) {
            try world.store.object(to: notice.id, reason: "   ", by: RegisterWorld.brandA)
        }
        #expect(throws: StoreError.notPermitted("'viewer@lumen.example' is viewer; only admin and legal users object to subprocessor changes")) {
            try world.store.object(to: notice.id, reason: "US access", by: "viewer@lumen.example")
        }
        // Another controller cannot even see it.
        #expect(throws: StoreError.unknownNotice(notice.id)) { try world.store.object(to: notice.id, reason: "no", by: RegisterWorld.brandB) }
        world.time.set("2026-12-11")
        let objected = try world.store.object(to: notice.id, reason: "Telephony B has no ISO 27001 certificate", by: RegisterWorld.brandA)
        #expect(objected.status == .objected)
        world.time.set("2027-01-15")
        #expect(try world.store.settleDueNotices(library: world.library).isEmpty)
        #expect(try world.store.version("lumen-dpa").document.subprocessors.contains { $0.id == "tel-a" })
        // The register has moved on, the agreement has not: drift.
        let findings = Validator.validate(try world.store.version("lumen-dpa").document, library: world.library, registers: try world.store.registerSnapshot(forAgreement: "lumen-dpa"))
        #expect(findings.contains { $0.code == "register.ended-subprocessor" })
        #expect(throws: StoreError.notPermitted("only the controller records 'terminated'")) {
            try world.store.resolve(notice.id, as: .terminated, note: "we terminate", by: RegisterWorld.bpo)
        }
        let resolved = try world.store.resolve(notice.id, as: .alternativeOffered, note: "Telephony C instead, certified", by: RegisterWorld.bpo)
        #expect(resolved.status == .alternativeOffered)
        #expect(resolved.resolutionNote == "Telephony C instead, certified")
        // Telephony A stays in use for Lumen until the alternative lands, so the register no longer says it ended.
        #expect(try world.store.subprocessorRegister(organisation: "Atlantis").first { $0.id == "tel-a" }?.endDate == nil)
        let after = Validator.validate(try world.store.version("lumen-dpa").document, library: world.library, registers: try world.store.registerSnapshot(forAgreement: "lumen-dpa"))
        #expect(!after.contains { $0.code == "register.ended-subprocessor" })
    }

    @Test func anObjectionAfterTheLastDayIsRefusedAndTheChangeApplies() throws {
        let world = try RegisterWorld()
        let notice = try #require(try world.replaceTelephony().first { $0.agreement == "lumen-dpa" })
        world.time.set("2026-12-12")
        #expect(throws: StoreError.notPermitted("the objection period of notice \(notice.id) ended on 2026-12-11; the change applies from 2026-12-12")) {
            try world.store.object(to: notice.id, reason: "too late", by: RegisterWorld.brandA)
        }
        #expect(try world.store.notice(notice.id).status == .pending)
        #expect(try world.store.settleDueNotices(library: world.library).map(\.id) == [notice.id])
        // Once applied, an objection is refused and leaves no trace in the audit log.
        let objections = try world.store.auditEvents(agreement: "lumen-dpa").filter { $0.action == "notice.object" }.count
        #expect(throws: StoreError.notPermitted("notice 1 is applied; only a pending notice can be objected to")) { try world.store.object(to: notice.id, reason: "late", by: RegisterWorld.brandA) }
        #expect(try world.store.auditEvents(agreement: "lumen-dpa").filter { $0.action == "notice.object" }.count == objections)
    }

    @Test func anApprovalRequestChangesNothingUntilTheControllerApproves() throws {
        let world = try RegisterWorld()
        let request = try #require(try world.replaceTelephony().first { $0.agreement == "vega-dpa" })
        world.time.set("2027-06-01")
        #expect(try !world.store.settleDueNotices(library: world.library).contains { $0.agreement == "vega-dpa" })
        #expect(try world.store.version("vega-dpa").document.subprocessors.map(\.id) == ["tel-a"])
        #expect(throws: StoreError.notPermitted("only the controller's legal users approve subprocessors")) {
            try world.store.approve(request.id, by: RegisterWorld.bpo, library: world.library)
        }
        let statesBefore = try world.store.itemStates("vega-dpa").filter { $0.key.kind != "subprocessor" }
        let approved = try world.store.approve(request.id, by: RegisterWorld.brandB, library: world.library)
        #expect(approved.status == .applied)
        #expect(try world.store.version("vega-dpa").document.subprocessors.map(\.id) == ["tel-b"])
        // Only Annex IV changed; every other item keeps its state, so the agreement stays agreed.
        #expect(try world.store.itemStates("vega-dpa").filter { $0.key.kind != "subprocessor" } == statesBefore)
        #expect(try world.store.agreement("vega-dpa").status == .agreed)
        #expect(throws: StoreError.notPermitted("notice 2 is applied; only a pending request can be approved")) { try world.store.approve(request.id, by: RegisterWorld.brandB, library: world.library) }
    }

    @Test func anApprovalForALaterStartAppliesOnThatDay() throws {
        let world = try RegisterWorld()
        let result = try world.store.proposeRegisterChange(
            .replacement, entry: world.telephonyB, replacing: "tel-a", plannedStart: CalendarDay(iso: "2027-01-15"), message: "from mid-January", by: RegisterWorld.bpo,
            library: world.library
        )
        let request = try #require(result.notices.first { $0.agreement == "vega-dpa" })
        #expect(!request.late)
        #expect(try world.store.approve(request.id, by: RegisterWorld.brandB, library: world.library).status == .approved)
        #expect(try world.store.version("vega-dpa").document.subprocessors.map(\.id) == ["tel-a"])
        // The new entity is not in use before its start.
        #expect(try !world.store.subprocessorRegister(organisation: "Atlantis").first { $0.id == "tel-b" }!.isActive(on: world.store.today()))
        world.time.set("2027-01-14")
        #expect(try !world.store.settleDueNotices(library: world.library).contains { $0.id == request.id })
        world.time.set("2027-01-15")
        #expect(try world.store.settleDueNotices(library: world.library).contains { $0.id == request.id })
        #expect(try world.store.version("vega-dpa").document.subprocessors.map(\.id) == ["tel-b"])
    }

    @Test func aRefusedRequestCannotBeApprovedAfterwards() throws {
        let world = try RegisterWorld()
        let request = try #require(try world.replaceTelephony().first { $0.agreement == "vega-dpa" })
        try world.store.object(to: request.id, reason: "no", by: RegisterWorld.brandB)
        #expect(throws: StoreError.notPermitted("notice \(request.id) is refused; only a pending request can be approved")) {
            try world.store.approve(request.id, by: RegisterWorld.brandB, library: world.library)
        }
        #expect(try world.store.version("vega-dpa").document.subprocessors.map(\.id) == ["tel-a"])
    }

    @Test func aRefusedRequestIsRecordedWithItsReason() throws {
        let world = try RegisterWorld()
        let request = try #require(try world.replaceTelephony().first { $0.agreement == "vega-dpa" })
        let refused = try world.store.object(to: request.id, reason: "We need a site visit first", by: RegisterWorld.brandB)
        #expect(refused.status == .refused)
        #expect(refused.objection == "We need a site visit first")
        #expect(try world.store.resolve(request.id, as: .withdrawn, note: "We keep Telephony A for Vega", by: RegisterWorld.bpo).status == .withdrawn)
    }

    @Test func aControllerSeesOnlyTheNoticesOfItsOwnAgreements() throws {
        let world = try RegisterWorld()
        _ = try world.replaceTelephony()
        let lumen = try world.store.user(email: RegisterWorld.brandA).organisationID
        let nova = try world.store.user(email: RegisterWorld.brandC).organisationID
        let atlantis = try world.store.user(email: RegisterWorld.bpo).organisationID
        #expect(try world.store.notices(visibleTo: lumen).map(\.agreement) == ["lumen-dpa"])
        #expect(try world.store.notices(visibleTo: nova).isEmpty)
        #expect(try world.store.notices(visibleTo: atlantis).count == 2)
        let vegaNotice = try #require(try world.store.notices(visibleTo: atlantis).first { $0.agreement == "vega-dpa" })
        #expect(throws: StoreError.unknownNotice(vegaNotice.id)) { try world.store.notice(vegaNotice.id, visibleTo: lumen) }
        let due = try world.store.notices(visibleTo: atlantis, dueBefore: CalendarDay(iso: "2026-12-11")!)
        #expect(due.map(\.agreement) == ["vega-dpa"])
    }

    @Test func aRemovalInformsAndAppliesAtOnceWithoutConsent() throws {
        let world = try RegisterWorld()
        let result = try world.store.proposeRegisterChange(.removal, entry: nil, replacing: "crm-a", plannedStart: nil, message: "CRM A retired", by: RegisterWorld.bpo, library: world.library)
        #expect(Set(result.notices.map(\.agreement)) == ["lumen-dpa", "nova-dpa"])
        #expect(result.notices.allSatisfy { $0.kind == .information && $0.status == .applied })
        #expect(try !world.store.version("nova-dpa").document.subprocessors.contains { $0.id == "crm-a" })
        #expect(throws: StoreError.notPermitted("notice \(result.notices[0].id) is applied; only a pending notice can be objected to")) {
            try world.store.object(to: result.notices[0].id, reason: "no", by: RegisterWorld.brandA)
        }
    }

    @Test func badRegisterInputNamesTheFieldAndStoresNothing() throws {
        let world = try RegisterWorld()
        let before = try world.store.subprocessorRegister(organisation: "Atlantis")
        var bad = world.telephonyB
        bad.country = "XX"
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "country", message: "unknown country code 'XX'")])) {
            try world.store.proposeRegisterChange(.addition, entry: bad, replacing: nil, plannedStart: nil, message: "", by: RegisterWorld.bpo, library: world.library)
        }
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "id", message: "the register already has an entry 'crm-a'; choose another id, or change that entry")])) {
            try world.store.proposeRegisterChange(.addition, entry: world.crm, replacing: nil, plannedStart: nil, message: "", by: RegisterWorld.bpo, library: world.library)
        }
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "replacing", message: "the register of Atlantis has no entry 'nope'")])) {
            try world.store.proposeRegisterChange(.replacement, entry: world.telephonyB, replacing: "nope", plannedStart: nil, message: "", by: RegisterWorld.bpo, library: world.library)
        }
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "plannedStart", message: "the planned start 2026-01-01 is in the past; today is 2026-11-27")])) {
            try world.store.proposeRegisterChange(.addition, entry: world.telephonyB, replacing: nil, plannedStart: CalendarDay(iso: "2026-01-01"), message: "", by: RegisterWorld.bpo, library: world.library)
        }
        // A controller's change acts on its own (empty) register, never on the processor's.
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "replacing", message: "the register of Lumen has no entry 'tel-a'")])) {
            try world.store.proposeRegisterChange(.removal, entry: nil, replacing: "tel-a", plannedStart: nil, message: "", by: RegisterWorld.brandA, library: world.library)
        }
        #expect(throws: StoreError.notPermitted("'viewer@lumen.example' is viewer; only admin and legal users change the subprocessor register")) {
            try world.store.proposeRegisterChange(.addition, entry: world.telephonyB, replacing: nil, plannedStart: nil, message: "", by: "viewer@lumen.example", library: world.library)
        }
        #expect(try world.store.subprocessorRegister(organisation: "Atlantis") == before)
        // A second open change on the same entry waits for the first.
        _ = try world.replaceTelephony()
        #expect(throws: StoreError.duplicate("an open change (replace Telephony A by Telephony B) concerning the same entry; resolve it first")) {
            try world.store.proposeRegisterChange(.removal, entry: nil, replacing: "tel-b", plannedStart: nil, message: "", by: RegisterWorld.bpo, library: world.library)
        }
    }

    @Test func evidenceExpiryWarnsOnEveryAgreementThatReliesOnTheMeasure() throws {
        let world = try RegisterWorld()
        let today = world.store.today()
        try world.store.saveEvidence(
            MeasureEvidence(id: "iso", measure: "isms-governance", kind: .certificate, title: "ISO/IEC 27001 certificate", issuer: "Certa", issued: today.adding(days: -700), expires: today.adding(days: 61), reference: "C-1"),
            by: RegisterWorld.bpo
        )
        func warnings(_ reference: String) throws -> [String] {
            Validator.validate(try world.store.version(reference).document, library: world.library, registers: try world.store.registerSnapshot(forAgreement: reference))
                .filter { $0.code.hasPrefix("evidence.") }.map(\.code)
        }
        let relying = try world.store.version("lumen-dpa").document.measures.contains { $0.id == "isms-governance" }
        #expect(relying)
        #expect(try warnings("lumen-dpa").isEmpty)
        world.time.set(today.adding(days: 1).iso)
        #expect(try warnings("lumen-dpa") == ["evidence.expiring"])
        #expect(try warnings("nova-dpa") == ["evidence.expiring"])
        world.time.set(today.adding(days: 62).iso)
        #expect(try warnings("lumen-dpa") == ["evidence.expired"])
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "measure", message: "measure is required")])) {
            try world.store.saveEvidence(MeasureEvidence(id: "x", measure: "", kind: .report, title: "t", issuer: "i", issued: today, expires: nil, reference: "r"), by: RegisterWorld.bpo)
        }
    }

    @Test func aPublishedListShowsActiveEntriesAndItsChanges() throws {
        let world = try RegisterWorld()
        #expect(try world.store.publicRegister(slug: "atlantis") == nil)
        #expect(throws: StoreError.notPermitted("'paul@atlantis.example' is legal; only admins publish the subprocessor list")) { try world.store.publishRegister(slug: "atlantis", by: RegisterWorld.bpo) }
        try world.store.addUser(email: "admin@atlantis.example", name: "Admin", organisation: "Atlantis", role: .admin)
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "slug", message: "use 1 to 60 lower-case letters, digits and '-'")])) { try world.store.publishRegister(slug: "Bad Slug", by: "admin@atlantis.example") }
        try world.store.publishRegister(slug: "atlantis", by: "admin@atlantis.example")
        _ = try world.replaceTelephony()
        world.time.set("2026-12-12")
        let list = try #require(try world.store.publicRegister(slug: "atlantis"))
        #expect(list.organisation == "Atlantis")
        #expect(list.entries.map(\.id).sorted() == ["crm-a", "tel-b"])
        #expect(list.changes.first?.change.summary == "replace Telephony A by Telephony B")
        try world.store.publishRegister(slug: nil, by: "admin@atlantis.example")
        #expect(try world.store.publicRegister(slug: "atlantis") == nil)
    }
}
