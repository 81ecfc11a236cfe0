import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct DeadlineArithmeticTests {
    func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    @Test func isoDatesRoundTripAndImpossibleDatesAreRefused() {
        for text in ["1970-01-01", "2024-02-29", "2026-12-31", "2100-03-01", "1969-12-31"] {
            #expect(CalendarDay(iso: text)?.iso == text)
        }
        for text in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-4-01", "26-04-01", "2026-04-31", "", "2026-04-01T00:00"] {
            #expect(CalendarDay(iso: text) == nil, "\(text)")
        }
        #expect(CalendarDay(Date(timeIntervalSince1970: 86_400 * 3 - 1)).iso == "1970-01-03")
        #expect(CalendarDay(Date(timeIntervalSince1970: -1)).iso == "1969-12-31")
    }

    @Test func weekdaysFollowTheCalendar() {
        #expect(day("2026-11-29").weekday == 7)  // a Sunday
        #expect(day("2026-11-30").weekday == 1)
        #expect(day("2024-02-29").weekday == 4)
        #expect(day("2026-11-29").label == "Sun 29 Nov 2026")
    }

    @Test func calendarDaysCrossMonthAndYearEnds() {
        #expect(day("2026-01-31").adding(30, .calendar).iso == "2026-03-02")
        #expect(day("2024-01-31").adding(30, .calendar).iso == "2024-03-01")
        #expect(day("2026-12-17").adding(14, .calendar).iso == "2026-12-31")
        #expect(day("2026-12-18").adding(14, .calendar).iso == "2027-01-01")
    }

    @Test func businessDaysSkipWeekendsAcrossMonthEnds() {
        // Friday 27 November 2026 + 1 business day = Monday 30 November.
        #expect(day("2026-11-27").adding(1, .business).iso == "2026-11-30")
        // A notice given on a Saturday: the first business day is Monday.
        #expect(day("2026-11-28").adding(1, .business).iso == "2026-11-30")
        // Thursday 26 November + 5 business days crosses a weekend and the month end: Thursday 3 December.
        #expect(day("2026-11-26").adding(5, .business).iso == "2026-12-03")
        // 10 business days from Wednesday 24 February 2027 cross the end of a 28-day February.
        #expect(day("2027-02-24").adding(10, .business).iso == "2027-03-10")
        // 20 business days from Monday 14 December 2026 cross two weekends and the year end.
        #expect(day("2026-12-14").adding(20, .business).iso == "2027-01-11")
        #expect(day("2026-11-27").adding(0, .business).iso == "2026-11-27")
    }

    @Test func generalAuthorisationGivesAnObjectionDeadlineAndAnEffectiveDayFromTheAgreementsOwnPeriods() {
        let terms = SubprocessorTerms(authorisation: .general, noticeDays: 30, objectionDays: 14, requestDays: 21, dayCount: .calendar)
        let schedule = terms.schedule(kind: .replacement, issued: day("2026-11-29"), plannedStart: day("2026-11-29"))
        #expect(schedule.kind == .notice)
        #expect(schedule.respondBy.iso == "2026-12-13")
        #expect(schedule.takesEffect.iso == "2026-12-29")
        let business = SubprocessorTerms(authorisation: .general, noticeDays: 10, objectionDays: 10, requestDays: 0, dayCount: .business)
        let scheduleB = business.schedule(kind: .addition, issued: day("2026-11-27"), plannedStart: day("2026-11-27"))
        #expect(scheduleB.respondBy.iso == "2026-12-11")
        // The change applies the day after the objection period, when that is later than the end of the notice.
        #expect(scheduleB.takesEffect.iso == "2026-12-12")
        let later = terms.schedule(kind: .addition, issued: day("2026-11-29"), plannedStart: day("2027-02-01"))
        #expect(later.takesEffect.iso == "2027-02-01")
    }

    @Test func specificAuthorisationAsksForApprovalAndFlagsALateRequest() {
        let terms = SubprocessorTerms(authorisation: .specific, noticeDays: 0, objectionDays: 0, requestDays: 21, dayCount: .calendar)
        let inTime = terms.schedule(kind: .addition, issued: day("2026-11-29"), plannedStart: day("2026-12-20"))
        #expect(inTime.kind == .approvalRequest)
        #expect(!inTime.late)
        #expect(inTime.respondBy.iso == "2026-12-19")
        let late = terms.schedule(kind: .addition, issued: day("2026-11-29"), plannedStart: day("2026-12-19"))
        #expect(late.late)
        let removal = terms.schedule(kind: .removal, issued: day("2026-11-29"), plannedStart: day("2026-11-29"))
        #expect(removal.kind == .information)
        #expect(removal.takesEffect.iso == "2026-11-29")
    }

    @Test func termsComeFromTheAgreementsSubprocessorClause() {
        var document = Fixtures.document()
        let index = Fixtures.selectionIndex("subprocessors", in: document)
        document.clauses[index].variant = "general-objection"
        document.clauses[index].parameters = ["notice-days": .integer(20), "objection-days": .integer(15), "day-count": .string("business")]
        let terms = SubprocessorTerms(document: document, library: Fixtures.library)
        #expect(terms == SubprocessorTerms(authorisation: .general, noticeDays: 20, objectionDays: 15, requestDays: 21, dayCount: .business))
        document.clauses[index].variant = "specific"
        #expect(SubprocessorTerms(document: document, library: Fixtures.library).authorisation == .specific)
        document.clauses.remove(at: index)
        #expect(SubprocessorTerms(document: document, library: Fixtures.library).authorisation == .specific)
    }
}

@Suite struct RegisterChangeTests {
    func document(services: [String]?, subprocessors: [Subprocessor] = []) -> AgreementDocument {
        Fixtures.document {
            $0.processing.services = services
            $0.subprocessors = subprocessors
        }
    }

    @Test func onlyAgreementsThatUseTheServiceOrListTheEntityAreAffected() {
        let telephony = Fixtures.registerRecord("tel-a", name: "Telephony A", services: ["telephony"])
        let addition = RegisterChange(kind: .addition, entry: telephony, previous: nil, plannedStart: CalendarDay(iso: "2026-12-01")!)
        #expect(addition.reason(affecting: document(services: ["telephony", "crm"])) != nil)
        #expect(addition.reason(affecting: document(services: ["crm"])) == nil)
        // Without services in Annex II, shared data is what decides.
        #expect(addition.reason(affecting: document(services: nil)) != nil)
        let unrelated = Fixtures.registerRecord("x", name: "X", services: ["telephony"], categories: ["user.biometrics.voice"])
        #expect(RegisterChange(kind: .addition, entry: unrelated, previous: nil, plannedStart: addition.plannedStart).reason(affecting: document(services: nil)) == nil)

        let crm = Fixtures.registerRecord("crm-a", name: "CRM A", services: ["crm"])
        let removal = RegisterChange(kind: .removal, entry: nil, previous: crm, plannedStart: addition.plannedStart)
        #expect(removal.reason(affecting: document(services: ["crm"], subprocessors: [crm.annexEntry])) == "Annex IV lists CRM A")
        #expect(removal.reason(affecting: document(services: ["crm"])) == nil)
        // An entity Annex IV already lists as the register has it needs no notice.
        let known = RegisterChange(kind: .addition, entry: crm, previous: nil, plannedStart: addition.plannedStart)
        #expect(known.reason(affecting: document(services: ["crm"], subprocessors: [crm.annexEntry])) == nil)
    }

    @Test func aReplacementTakesTheOldEntrysPlaceInAnnexIVAndCarriesTheOnwardChain() {
        let old = Fixtures.registerRecord("tel-a", name: "Telephony A", services: ["telephony"])
        let new = Fixtures.registerRecord("tel-b", name: "Telephony B", services: ["telephony"])
        let crm = Fixtures.registerRecord("crm-a", name: "CRM A", services: ["crm"])
        let before = document(services: ["telephony", "crm"], subprocessors: [old.annexEntry, crm.annexEntry])
        let after = RegisterChange(kind: .replacement, entry: new, previous: old, plannedStart: old.startDate).applied(to: before)
        #expect(after.subprocessors == [new.annexEntry, crm.annexEntry])
        #expect(after.subprocessors[0].onwardSubprocessors?.first?.name == "Hyperscale Cloud Ireland Ltd")
        let removed = RegisterChange(kind: .removal, entry: nil, previous: crm, plannedStart: old.startDate).applied(to: after)
        #expect(removed.subprocessors == [new.annexEntry])
        let html = AgreementRenderer.render(AgreementFacts(document: after, library: Fixtures.library))
        #expect(html.contains("Its own subprocessors: Hyperscale Cloud Ireland Ltd (Ireland (IE)): Infrastructure hosting"))
    }

    @Test func anEntryWithProblemsNamesEachField() {
        var entry = Fixtures.registerRecord("bad id", name: "", services: ["telepathy"])
        entry.transferMechanism = "scc-module-3"
        entry.country = "US"
        let fields = Set(entry.problems(library: Fixtures.library).map(\.field))
        #expect(fields == ["id", "name", "services[0]", "tiaReference"])
    }
}

@Suite struct RegisterFindingTests {
    func findings(expiringIn days: Int?, measure: String = "isms-governance") -> [Finding] {
        let today = CalendarDay(iso: "2026-11-29")!
        let document = Fixtures.document { $0.measures = [MeasureEntry(id: "isms-governance"), MeasureEntry(id: "enc-at-rest")] }
        let evidence = MeasureEvidence(
            id: "iso27001", measure: measure, kind: .certificate, title: "ISO/IEC 27001 certificate", issuer: "Certa SAS",
            issued: today.adding(days: -900), expires: days.map { today.adding(days: $0) }, reference: "CERT-2024-118"
        )
        let snapshot = RegisterSnapshot(subprocessors: [], evidence: [evidence], today: today)
        return RegisterFindings.check(document, library: Fixtures.library, registers: snapshot).filter { $0.code.hasPrefix("evidence.") }
    }

    @Test func evidenceExpiringWithinSixtyDaysOrExpiredWarnsOnTheMeasure() {
        #expect(findings(expiringIn: 61).isEmpty)
        #expect(findings(expiringIn: 60).map(\.code) == ["evidence.expiring"])
        #expect(findings(expiringIn: 60).first?.message.contains("in 60 days") == true)
        #expect(findings(expiringIn: 0).first?.message.contains("today") == true)
        #expect(findings(expiringIn: -1).map(\.code) == ["evidence.expired"])
        #expect(findings(expiringIn: -1).first?.path == "measures[0]")
        #expect(findings(expiringIn: nil).isEmpty)
        #expect(findings(expiringIn: 0, measure: "pentest-annual").isEmpty)
    }

    @Test func driftBetweenTheAgreementAndTheRegisterWarns() {
        let today = CalendarDay(iso: "2026-11-29")!
        var ended = Fixtures.registerRecord("tel-a", name: "Telephony A", services: ["telephony"])
        ended.endDate = today
        let crm = Fixtures.registerRecord("crm-a", name: "CRM A", services: ["crm"])
        let document = Fixtures.document {
            $0.processing.services = ["telephony", "crm", "speech-analytics"]
            $0.subprocessors = [ended.annexEntry, crm.annexEntry, Fixtures.subprocessor(id: "other")]
        }
        let snapshot = RegisterSnapshot(subprocessors: [ended, crm], evidence: [], today: today)
        let found = RegisterFindings.check(document, library: Fixtures.library, registers: snapshot).map { "\($0.code) \($0.path)" }
        #expect(RegisterFindings.check(document, library: Fixtures.library, registers: RegisterSnapshot(subprocessors: [], evidence: [], today: today)).isEmpty,
                "a processor without a register has nothing to drift from")
        #expect(found.sorted() == [
            "register.ended-subprocessor subprocessors[0]", "register.service-not-covered processing.services[0]",
            "register.service-not-covered processing.services[2]", "register.unknown-subprocessor subprocessors[2]",
        ])
    }
}
