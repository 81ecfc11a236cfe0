import ArgumentParser
import Foundation
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

/// `tripact propose AGREEMENT FILE --base N -m MSG --as USER`.
struct ProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "propose", 
        abstract: "Propose a new version. Refused with exit 4 if the head is no longer --base: nothing is written, compare and propose again."
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Argument(help: "The proposed document (tripact/1 JSON).") var file: String
    @Option(help: "The version your edits start from.") var base: Int
    @Option(name: .shortAndLong, help: "What changed and why.") var message: String
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let read = try DocumentInput.read(file)
            let store = try store.openExisting()
            let version = try CLIFailure.wrap { () throws(StoreError) in
                try store.propose(read.document, on: agreement, basedOn: base, by: user, message: message)
            }
            try FileInput.writeText("proposed version \(version.number) of '\(agreement)' (sha256 \(version.contentHash.prefix(12)))\n")
        }
    }
}

/// `tripact accept AGREEMENT (ITEM… | --all) --as USER`.
struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept items of the head version for your side ('tripact show AGREEMENT --items' lists them).")
    @Argument(help: "The agreement's reference.") var agreement: String
    @Argument(help: "Item keys, e.g. clause:breach-notification subprocessor:crm.") var items: [String] = []
    @Flag(help: "Accept every item of the head version.") var all = false
    @Option(help: "The version you reviewed; refused (exit 4) if the head has moved since, so you never accept what you did not see.")
    var version: Int?
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if all == !items.isEmpty { throw ValidationError("name the items to accept, or pass --all (not both)") }
    }

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            let keys = all ? nil : items.map { ItemKey(rawValue: $0) }
            let before = try CLIFailure.wrap { () throws(StoreError) in try store.itemStates(agreement) }
            let states = try CLIFailure.wrap { () throws(StoreError) in try store.accept(keys, on: agreement, by: user, expectedHead: version) }
            let newlyAccepted = zip(before, states).filter { $0.0.acceptedBy != $0.1.acceptedBy }.count
            let open = states.filter { !$0.isAgreed }.count
            let status = open == 0 ? "every item is agreed by both parties" : "\(open) item\(open == 1 ? "" : "s") still open"
            try FileInput.writeText("accepted \(newlyAccepted) item\(newlyAccepted == 1 ? "" : "s"); \(status)\n")
        }
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
            let status = try CLIFailure.wrap { () throws(StoreError) in try store.sign(agreement, by: user, library: library, expectedHead: version) }
            let message = status == .signed ? "signed; both parties have now signed '\(agreement)'" : "signed; waiting for the other party's signature"
            try FileInput.writeText("\(message)\n")
        }
    }
}
