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

/// `tripact accept AGREEMENT (ITEM… | --all | --only KEY,KEY | --except KEY,KEY) --as USER`.
struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept", abstract: "Accept items of the head version for your side ('tripact show AGREEMENT --items' lists them).",
        discussion: """
            --only and --except take item keys and whole parts: clauses, terms, annex1, annex2, annex3 (measures and \
            assistance), annex4 (subprocessors), annex5. A key the head version does not have is named, and nothing is \
            accepted (exit 3). --dry-run lists what would be accepted and changes nothing.
            """
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Argument(help: "Item keys, e.g. clause:breach-notification subprocessor:crm.") var items: [String] = []
    @Flag(help: "Accept every item of the head version.") var all = false
    @Option(help: "Accept only these items or parts, comma-separated (clause:audits,annex4).") var only: String?
    @Option(help: "Accept every item but these items or parts, comma-separated.") var except: String?
    @Flag(help: "Show what would be accepted, in words, and change nothing.") var dryRun = false
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
    }

    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var selection: AcceptanceSelection {
        if let only { return .only(Self.names(only)) }
        if let except { return .except(Self.names(except)) }
        return all ? .everything : .only(items)
    }

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            if let api = try remote.api(store: store) {
                try Acting.remote(user)
                let (before, head, document) = try await CLIFailure.remote { () async throws(RemoteFailure) -> ([ItemState], Int, AgreementDocument) in
                    let (summary, states) = try await api.agreement(agreement)
                    let (entry, document) = try await api.version(agreement, number: summary.head)
                    return (states, entry.number, document)
                }
                guard let chosen = try selected(before: before, head: head, document: document) else { return }
                let states = try await CLIFailure.remoteWrite(agreement: agreement, base: head) { () async throws(RemoteFailure) in
                    try await api.accept(agreement, items: chosen.keys, head: head)
                }
                return try reportAccepted(before: before, after: states, labels: chosen.labels)
            }
            let user = try Acting.local(user)
            let store = try store.openExisting()
            let (before, head) = try CLIFailure.wrap { () throws(StoreError) in (try store.itemStates(agreement), try store.version(agreement)) }
            guard let chosen = try selected(before: before, head: head.number, document: head.document) else { return }
            let states = try CLIFailure.wrap { () throws(StoreError) in try store.accept(chosen.keys, on: agreement, by: user, expectedHead: head.number) }
            try reportAccepted(before: before, after: states, labels: chosen.labels)
        }
    }

    /// The keys to accept of head version `head` and their labels; nil after a dry run has listed them.
    private func selected(before: [ItemState], head: Int, document: AgreementDocument) throws(CLIFailure) -> (keys: [ItemKey], labels: ItemLabels)? {
        if let version, version != head { throw .store(.staleBase(agreement: agreement, base: version, head: head)) }
        let keys: [ItemKey]
        switch selection.resolve(in: before.map(\.key)) {
        case .success(let resolved): keys = resolved
        case .failure(let unknown): throw .store(.unknownItem(agreement: agreement, item: unknown.names.joined(separator: "', '")))
        }
        let labels = ItemLabels(document: document, library: try library.loadLibrary())
        guard !dryRun else {
            var out = "would accept \(keys.count) item\(keys.count == 1 ? "" : "s") of version \(head):\n"
            for key in keys { out += "  \(labels.label(key))  (\(key.rawValue))\n" }
            try FileInput.write(Data(out.utf8), to: nil)
            return nil
        }
        return (keys, labels)
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
