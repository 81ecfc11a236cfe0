import Foundation
import TripactCore
import TripactStore

/// A child process for the store's concurrency and crash tests: proposes and accepts versions in a loop on one database
/// file and prints "ack N" after each version it committed, flushing at once, so the parent knows what was acknowledged
/// even if this process is killed with SIGKILL.
///
/// Usage: store-writer DATABASE AGREEMENT DOCUMENT.json USER COUNT(0 = until killed) SEED
@main
struct StoreWriter {
    /// One proposal and acceptance; a conflict with another writer is an expected outcome, not a failure.
    static func round(_ store: TripactStore, _ document: AgreementDocument, reference: String, user: String, message: String) -> Result<Int, StoreError> {
        do throws(StoreError) {
            let head = try store.agreement(reference).head
            let version = try store.propose(document, on: reference, basedOn: head, by: user, message: message)
            try store.accept(nil, on: reference, by: user)
            return .success(version.number)
        } catch {
            return .failure(error)
        }
    }

    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 7, let count = Int(arguments[5]), let seed = Int(arguments[6]) else {
            FileHandle.standardError.write(Data("usage: store-writer DATABASE AGREEMENT DOCUMENT USER COUNT SEED\n".utf8))
            exit(64)
        }
        let (path, reference, user) = (arguments[1], arguments[2], arguments[4])
        let base = try DocumentCodec.decode(Data(contentsOf: URL(fileURLWithPath: arguments[3])))
        let store = try TripactStore(path: path)
        var iteration = 0
        while count == 0 || iteration < count {
            iteration += 1
            var document = base
            if let index = document.clauses.firstIndex(where: { $0.clause == "breach-notification" }) {
                document.clauses[index].parameters["hours"] = .integer(1 + (seed * 7_919 + iteration) % 96)
            }
            document.processing.retention = "Reviewed by writer \(seed), round \(iteration)."
            switch round(store, document, reference: reference, user: user, message: "writer \(seed) round \(iteration)") {
            case .success(let number): FileHandle.standardOutput.write(Data("ack \(number)\n".utf8))
            case .failure(.staleBase): continue
            case .failure(let error): throw error
            }
        }
    }
}
