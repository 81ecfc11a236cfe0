import ArgumentParser
import Foundation
import TripactAPIClient
import TripactCore
import TripactStore

/// `tripact import FILE --controller ORG --processor ORG --as USER`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Create an agreement from a document: version 1, proposed by your side. Its reference is the document's id."
    )
    @Argument(help: "The agreement document (tripact/1 JSON).") var file: String
    @Option(help: "The controller organisation.") var controller: String
    @Option(help: "The processor organisation.") var processor: String
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @Option(name: .shortAndLong, help: "A message for the log.") var message: String = "imported"
    @OptionGroup var store: StoreOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let read = try DocumentInput.read(file)
            let store = try store.open()
            let version = try CLIFailure.wrap { () throws(StoreError) in
                try store.importAgreement(read.document, controller: controller, processor: processor, by: user, message: message)
            }
            try FileInput.writeText("created agreement '\(version.agreement)', version 1 (sha256 \(version.contentHash.prefix(12)))\n")
        }
    }
}

/// `tripact propose AGREEMENT FILE --base N -m MSG --as USER`, or `tripact propose AGREEMENT --add-missing-clauses --base N …`
/// for a stored document that lacks clauses made mandatory since it was written; in the database or on a server.
struct ProposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "propose",
        abstract: "Propose a new version. Refused with exit 4 if the head is no longer --base: nothing is written, compare and propose again."
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Argument(help: "The proposed document (tripact/1 JSON); left out with --add-missing-clauses.") var file: String?
    @Option(help: "The version your edits start from.") var base: Int
    @Flag(help: "Propose version --base with every mandatory clause it lacks added, each in the library's default variant with its default values.")
    var addMissingClauses = false
    @Option(name: .shortAndLong, help: "What changed and why (with --add-missing-clauses, default: the clauses added).") var message: String?
    @Option(name: .customLong("as"), help: "Your e-mail address (against a database; on a server the token's user proposes).") var user: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if addMissingClauses == (file != nil) { throw ValidationError("give either the proposed document FILE or --add-missing-clauses, not both") }
        if !addMissingClauses, message == nil { throw ValidationError("say what changed and why with --message") }
    }

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            if let api = try remote.api(store: store) {
                try Acting.remote(user)
                var stored: AgreementDocument?
                if file == nil { stored = try await CLIFailure.remote { () async throws(RemoteFailure) in try await api.version(agreement, number: base).document } }
                guard let proposed = try proposal(stored: stored) else { return }
                let version = try await CLIFailure.remoteWrite(agreement: agreement, base: base, fieldPrefix: "document.") { () async throws(RemoteFailure) in
                    try await api.propose(agreement, document: proposed.document, base: base, message: proposed.message)
                }
                return try reportProposed(version.number, contentHash: version.contentHash)
            }
            let user = try Acting.local(user)
            let store = try store.openExisting()
            var stored: AgreementDocument?
            if file == nil { stored = try CLIFailure.wrap { () throws(StoreError) in try store.version(agreement, number: base).document } }
            guard let proposed = try proposal(stored: stored) else { return }
            let version = try CLIFailure.wrap { () throws(StoreError) in
                try store.propose(proposed.document, on: agreement, basedOn: base, by: user, message: proposed.message)
            }
            try reportProposed(version.number, contentHash: version.contentHash)
        }
    }

    /// The document and message to propose: the file's, or version `--base` (`stored`) with the mandatory clauses it
    /// lacks; nil (said) when it lacks none.
    private func proposal(stored: AgreementDocument?) throws(CLIFailure) -> (document: AgreementDocument, message: String)? {
        if let file { return (try DocumentInput.read(file).document, message ?? "") }
        guard let stored else { return nil }
        let (completed, added) = MissingClauses.adding(to: stored, library: try library.loadLibrary())
        guard !added.isEmpty else {
            try FileInput.writeText("version \(base) of '\(agreement)' lacks no mandatory clause; nothing proposed\n")
            return nil
        }
        return (completed, message ?? "Adds the clauses now required, in their standard wording: " + added.map(\.title).joined(separator: ", "))
    }

    private func reportProposed(_ number: Int, contentHash: String) throws(CLIFailure) {
        try FileInput.writeText("proposed version \(number) of '\(agreement)' (sha256 \(contentHash.prefix(12)))\n")
    }
}

/// `tripact accept AGREEMENT (ITEM… | --all | --only KEY,KEY | --except KEY,KEY) [--yes] --as USER`.
struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept", abstract: "Accept items of the head version for your side ('tripact show AGREEMENT --items' lists them).",
        discussion: """
            --only and --except take item keys and whole parts: clauses, terms, annex1, annex2, annex3 (measures and \
            assistance), annex4 (subprocessors), annex5. A key the head version does not have is named, and nothing is \
            accepted (exit 3). --only and --except first print, in words, what will be accepted and what stays open for \
            your side, then ask for "yes" on standard input; any other answer, or none, accepts nothing (exit 5). --yes \
            skips the question. --dry-run prints the same summary and changes nothing.
            """
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Argument(help: "Item keys, e.g. clause:breach-notification subprocessor:crm.") var items: [String] = []
    @Flag(help: "Accept every item of the head version.") var all = false
    @Option(help: "Accept only these items or parts, comma-separated (clause:audits,annex4); asks to confirm.") var only: String?
    @Option(help: "Accept every item but these items or parts, comma-separated; asks to confirm.") var except: String?
    @Flag(help: "Show what would be accepted, in words, and change nothing.") var dryRun = false
    @Flag(name: .shortAndLong, help: "Accept --only or --except without asking (for scripts); the summary is still printed.") var yes = false
    @Option(help: "The version you reviewed; refused (exit 4) if the head has moved since, so you never accept what you did not see.")
    var version: Int?
    @Option(name: .customLong("as"), help: "Your e-mail address (against a database; on a server the token's user accepts).") var user: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        let ways = [all, !items.isEmpty, only != nil, except != nil].filter { $0 }.count
        if ways != 1 { throw ValidationError("say what to accept in one way: item keys, --all, --only KEY,KEY or --except KEY,KEY") }
        for list in [only, except].compactMap({ $0 }) where Self.names(list).isEmpty {
            throw ValidationError("--only and --except take at least one item key or part")
        }
        if yes, dryRun { throw ValidationError("--dry-run changes nothing, so --yes has nothing to confirm; give one of them") }
    }

    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var selection: AcceptanceSelection {
        if let only { return .only(Self.names(only)) }
        if let except { return .except(Self.names(except)) }
        return all ? .everything : .only(items)
    }

    /// `--only` and `--except` pick items by parts and exclusions, where a slip accepts more than meant: they confirm.
    var isSelective: Bool { only != nil || except != nil }

    /// Whether the command will ask before accepting: what the store would refuse anyway (a viewer, a signed version)
    /// is refused before the question, so nobody answers "yes" to be told no.
    var asks: Bool { isSelective && !dryRun }

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            if let api = try remote.api(store: store) {
                try Acting.remote(user)
                let (before, side, head, document, signed) = try await CLIFailure.remote {
                    () async throws(RemoteFailure) -> ([ItemState], PartyRole, Int, AgreementDocument, Bool) in
                    let (summary, side, states) = try await api.agreement(agreement)
                    let (entry, document) = try await api.version(agreement, number: summary.head)
                    return (states, side, entry.number, document, summary.status == .signed)
                }
                if signed, asks { throw .store(.signedVersion(head, of: agreement)) }
                guard let chosen = try selected(before: before, party: side, head: head, document: document) else { return }
                let states = try await CLIFailure.remoteWrite(agreement: agreement, base: head) { () async throws(RemoteFailure) in
                    try await api.accept(agreement, items: chosen.keys, head: head)
                }
                return try reportAccepted(before: before, after: states, labels: chosen.labels)
            }
            let user = try Acting.local(user)
            let store = try store.openExisting()
            let (before, head, party) = try CLIFailure.wrap { () throws(StoreError) -> ([ItemState], Version, PartyRole?) in
                let account = try store.user(email: user)
                let party = try store.party(of: account, in: agreement)
                if asks { try account.requireNegotiator("accept items") }
                let summary = try store.agreement(agreement)
                if summary.status == .signed, asks { throw .signedVersion(summary.head, of: agreement) }
                return (try store.itemStates(agreement), try store.version(agreement), party)
            }
            guard let chosen = try selected(before: before, party: party, head: head.number, document: head.document) else { return }
            let states = try CLIFailure.wrap { () throws(StoreError) in try store.accept(chosen.keys, on: agreement, by: user, expectedHead: head.number) }
            try reportAccepted(before: before, after: states, labels: chosen.labels)
        }
    }

    /// The keys to accept of head version `head` and their labels; nil when nothing is to be accepted: after a dry run
    /// has printed its summary, or when the selection covers only items `party` has already accepted. `--only` and
    /// `--except` print the summary and go on only after a "yes" (or with `--yes`).
    private func selected(
        before: [ItemState], party: PartyRole?, head: Int, document: AgreementDocument
    ) throws(CLIFailure) -> (keys: [ItemKey], labels: ItemLabels)? {
        if let version, version != head { throw .store(.staleBase(agreement: agreement, base: version, head: head)) }
        let resolved: [ItemKey]
        switch selection.resolve(in: before.map(\.key)) {
        case .success(let keys): resolved = keys
        case .failure(let unknown): throw .store(.unknownItem(agreement: agreement, item: unknown.names.joined(separator: "', '")))
        }
        let labels = ItemLabels(document: document, library: try library.loadLibrary())
        // Named items and --all accept at once, as they always have: what they cover is exactly what was typed. Someone
        // who is not a party gets the store's refusal then.
        guard dryRun || isSelective else { return (resolved, labels) }
        guard let party else { throw .store(.notAParty(user: user ?? "", agreement: agreement)) }
        let summary = AcceptanceSummary(party: party, version: head, selected: resolved, states: before)
        guard !summary.toAccept.isEmpty else {
            try FileInput.writeText(AcceptanceSummary.nothingToAccept + "\n")
            return nil
        }
        try FileInput.writeText(Self.text(summary, labels: labels))
        if dryRun {
            try FileInput.writeText("Nothing was accepted (--dry-run).\n")
            return nil
        }
        if !yes { try ConfirmationInput.require(summary.confirmation + "?", refusal: "nothing was accepted") }
        return (summary.toAccept, labels)
    }

    /// The review page's words for a terminal, each item followed by its key, which is what the command line takes.
    static func text(_ summary: AcceptanceSummary, labels: ItemLabels) -> String {
        var out = summary.introduction + "\n"
        for key in summary.toAccept { out += "  \(labels.label(key))  (\(key.rawValue))\n" }
        if !summary.leftOpen.isEmpty {
            out += AcceptanceSummary.leftOpenHeading + "\n"
            for key in summary.leftOpen { out += "  \(labels.label(key))  (\(key.rawValue))\n" }
        }
        return out
    }

    private func reportAccepted(before: [ItemState], after states: [ItemState], labels: ItemLabels) throws(CLIFailure) {
        let newly = zip(before, states).filter { $0.0.acceptedBy != $0.1.acceptedBy }.map(\.1.key)
        let open = states.filter { !$0.isAgreed }.count
        let status = open == 0 ? "every item is agreed by both parties" : "\(open) item\(open == 1 ? "" : "s") still open"
        var out = "accepted \(newly.count) item\(newly.count == 1 ? "" : "s"); \(status)\n"
        if !all { for key in newly { out += "  \(labels.label(key))\n" } }
        try FileInput.writeText(out)
    }
}

/// `tripact sign AGREEMENT --as USER`.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", 
        abstract: "Sign the head version for your side. Refused (exit 5) while any item is open or any validation error stands."
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @Option(help: "The version you reviewed; refused (exit 4) if the head has moved since.") var version: Int?
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let library = try library.loadLibrary()
            let store = try store.openExisting()
            let status = try CLIFailure.wrap { () throws(StoreError) in try store.sign(agreement, by: user, library: library, expectedHead: version, clientAddress: "the tripact command line on the server") }
            let message = status == .signed ? "signed; both parties have now signed '\(agreement)'" : "signed; waiting for the other party's signature"
            try FileInput.writeText("\(message)\n")
        }
    }
}
