import Foundation

/// Asks the person to confirm a change after the command has printed what it will do. The answer is the first line of
/// standard input, so a script can pipe "yes"; end of input is no answer, and no answer changes nothing.
enum ConfirmationInput {
    /// Whether `answer` confirms: "yes" or "y", in any case, with spaces around allowed.
    static func confirms(_ answer: String) -> Bool {
        ["yes", "y"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Prints `question` on standard error (standard output keeps only the summary, for a reader or a pipe) and reads
    /// the answer; throws, naming what was read, unless it confirms.
    static func require(_ question: String, refusal: String) throws(CLIFailure) {
        FileHandle.standardError.write(Data("\(question) [yes/no] ".utf8))
        guard let answer = Swift.readLine(strippingNewline: true) else {
            throw .notConfirmed("\(refusal): standard input ended before an answer (answer yes, or pass --yes to skip the question)")
        }
        guard confirms(answer) else { throw .notConfirmed("\(refusal): the answer was not yes") }
    }
}
