import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct RegisterCLITests {
    /// Writes a register entry built from the full example's telephony platform, under another id and name.
    func entry(_ w: CLIWorkspace, id: String, name: String, file: String) throws -> String {
        let source = Fixtures.example("full-scenario.json").subprocessors.first { $0.id == "sp-nuvola" }!
        let record = SubprocessorRecord(
            id: id, name: name, address: source.address, country: source.country, services: ["contact-centre-platform", "telephony"],
            description: source.service, dataCategories: source.dataCategories, locations: source.locations, transferMechanism: source.transferMechanism,
            tiaReference: source.tiaReference, contact: source.contact, startDate: CalendarDay(iso: "2026-01-01")!
        )
        let path = w.directory.appendingPathComponent(file).path
        try DocumentCodec.canonicalJSON(record).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aReplacementFromTheTerminalNotifiesTheControllerWhoObjectsInTime() throws {
        let w = try CLIWorkspace()
        let org = "Atlantis Relation Client SAS"
        #expect(try w.run(["subprocessors", "add", try entry(w, id: "sp-nuvola", name: "Nuvola Voice Platform B.V.", file: "nuvola.json"), "--as", CLIWorkspace.bpo]).status == 0)
        let change = try w.run(["subprocessors", "change", "sp-nuvola", try entry(w, id: "sp-sonora", name: "Sonora Cloud SAS", file: "sonora.json"), "-m", "new platform", "--as", CLIWorkspace.bpo])
        #expect(change.status == 0, "\(change.stderr)")
        #expect(change.stdout.contains("replace Nuvola Voice Platform B.V. by Sonora Cloud SAS"))
        #expect(change.stdout.contains("notice 1  \(w.reference)  notice  pending  objections until"))

        let listed = try w.run(["notices", "--as", CLIWorkspace.brand, "--format", "json"])
        let notices = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(notices?.count == 1)
        #expect(notices?.first?["kind"] as? String == "notice")
        let farFuture = try w.run(["notices", "--due-before", "2100-01-01", "--format", "json"])
        #expect(farFuture.stdout.contains("\"id\" : 1"))
        #expect(try w.run(["notices", "--due-before", "2000-01-01"]).stdout.split(separator: "\n").count == 1)
        #expect(try w.run(["notices", "--due-before", "tomorrow"]).status == 64)

        let empty = try w.run(["object", "1", "--reason", " ", "--as", CLIWorkspace.brand])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("reason"))
        #expect(try w.run(["object", "1", "--reason", "Processing by the processor", "--as", CLIWorkspace.bpo]).status == 5)
        let objected = try w.run(["object", "1", "--reason", "Sonora has no ISO 27001 certificate", "--as", CLIWorkspace.brand])
        #expect(objected.status == 0)
        #expect(objected.stdout.contains("objected"))
        #expect(try w.run(["approve", "1", "--as", CLIWorkspace.brand]).status == 5)
        #expect(try w.run(["object", "99", "--reason", "x", "--as", CLIWorkspace.brand]).status == 3)
        let resolved = try w.run(["resolve", "1", "--outcome", "withdrawn", "--note", "Lumen stays on Nuvola", "--as", CLIWorkspace.bpo])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(resolved.stdout.contains("withdrawn"))

        let list = try w.run(["subprocessors", "list", "--org", org, "--all"])
        #expect(list.stdout.contains("sp-sonora") && list.stdout.contains("sp-nuvola"))
        #expect(try w.run(["subprocessors", "list", "--org", "Nobody"]).status == 3)
    }

    @Test func badEntriesExitTwoNamingFileLineAndFieldAndChangeNothing() throws {
        let w = try CLIWorkspace()
        let unknownKey = w.directory.appendingPathComponent("unknown.json")
        let valid = try String(contentsOfFile: try entry(w, id: "sp-a", name: "A", file: "a.json"), encoding: .utf8)
        try valid.replacingOccurrences(of: "{", with: "{\n\"colour\": \"blue\",", options: [], range: valid.range(of: "{")).write(to: unknownKey, atomically: true, encoding: .utf8)
        let result = try w.run(["subprocessors", "add", unknownKey.path, "--as", CLIWorkspace.bpo])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown.json:2") && result.stderr.contains("colour"))
        let badCountry = w.directory.appendingPathComponent("country.json")
        try valid.replacingOccurrences(of: "\"country\":\"NL\"", with: "\"country\":\"ZZ\"").write(to: badCountry, atomically: true, encoding: .utf8)
        let country = try w.run(["subprocessors", "add", badCountry.path, "--as", CLIWorkspace.bpo])
        #expect(country.status == 2)
        #expect(country.stderr.contains("country: unknown country code 'ZZ'"))
        #expect(try w.run(["subprocessors", "add", try entry(w, id: "sp-b", name: "B", file: "b.json"), "--start", "2026-02-30", "--as", CLIWorkspace.bpo]).status == 64)
        #expect(try w.run(["subprocessors", "remove", "sp-none", "--as", CLIWorkspace.bpo]).status == 2)
        let json = try w.run(["subprocessors", "list", "--org", "Atlantis Relation Client SAS", "--all", "--format", "json"]).stdout
        #expect((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])?.isEmpty == true)
    }

    @Test func validateWithTheProcessorsRegistersWarnsOfDriftAndExpiringEvidence() throws {
        let w = try CLIWorkspace()
        let org = "Atlantis Relation Client SAS"
        #expect(try w.run(["evidence", "add", "--id", "iso", "--measure", "isms-governance", "--title", "ISO/IEC 27001 certificate", "--issuer", "Certa", "--issued", "2024-01-01", "--expires", "2025-01-01", "--reference", "C-1", "--as", CLIWorkspace.bpo]).status == 0)
        #expect(try w.run(["subprocessors", "add", try entry(w, id: "sp-other", name: "Other Voice", file: "other.json"), "--as", CLIWorkspace.bpo]).status == 0)
        let example = CLIRunner.example("full-scenario.json")
        let plain = try w.run(["validate", example])
        #expect(!plain.stdout.contains("evidence.expired") && !plain.stdout.contains("register."))
        let checked = try w.run(["validate", example, "--registers-of", org])
        #expect(checked.status == 0, "warnings only: \(checked.stderr)")
        #expect(checked.stdout.contains("evidence.expired") && checked.stdout.contains("register.unknown-subprocessor") && checked.stdout.contains("register.service-not-covered"))
        #expect(try w.run(["validate", example, "--registers-of", "Nobody"]).status == 3)
    }

    @Test func evidenceIsRecordedListedWithDaysLeftAndRemoved() throws {
        let w = try CLIWorkspace()
        let add = try w.run([
            "evidence", "add", "--id", "iso27001", "--measure", "isms-governance", "--title", "ISO/IEC 27001:2022 certificate", "--issuer", "Certa SAS",
            "--issued", "2024-03-01", "--expires", "2099-03-01", "--reference", "CERT-118", "--as", CLIWorkspace.bpo,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        let list = try w.run(["evidence", "--as", CLIWorkspace.bpo])
        #expect(list.stdout.contains("iso27001") && list.stdout.contains("2099-03-01"))
        #expect(try w.run(["evidence", "add", "--id", "x", "--measure", "m", "--title", "t", "--issuer", "i", "--issued", "2024-13-01", "--reference", "r", "--as", CLIWorkspace.bpo]).status == 64)
        #expect(try w.run(["evidence", "remove", "iso27001", "--as", CLIWorkspace.bpo]).status == 0)
        #expect(try w.run(["evidence", "remove", "iso27001", "--as", CLIWorkspace.bpo]).status == 2)
    }
}
