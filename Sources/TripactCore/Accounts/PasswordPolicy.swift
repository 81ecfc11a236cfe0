/// The one rule for a password, whichever way it is set: the setup link, an invitation, the admin's "add a user" form,
/// `tripact user add` and `tripact user password`, and the demo.
///
/// bcrypt reads at most 72 bytes of a password and ignores the rest, so a longer one is refused rather than silently
/// cut: two passwords that share their first 72 bytes would otherwise be the same password.
public enum PasswordPolicy {
    public static let minimumCharacters = 12
    /// bcrypt's limit, in UTF-8 bytes (an accented letter takes two, many other characters three or four).
    public static let maximumBytes = 72

    /// The problem with `password`, named after `field` (the form field or the command's input), or nil when it is fine.
    public static func problem(_ password: String, field: String = "password") -> FieldProblem? {
        if password.unicodeScalars.contains(where: isControl) {
            return FieldProblem(field: field, message: "a password cannot contain control characters (tabs, line breaks, escapes)")
        }
        if password.count < minimumCharacters {
            return FieldProblem(field: field, message: "use at least \(minimumCharacters) characters (found \(password.count))")
        }
        if password.utf8.count > maximumBytes {
            return FieldProblem(
                field: field,
                message: "use at most \(maximumBytes) bytes (found \(password.utf8.count)): bcrypt, which stores passwords, reads no further; "
                    + "an accented letter counts two bytes"
            )
        }
        return nil
    }

    /// The problem with a password typed twice: they must match, then pass `problem(_:field:)`.
    public static func problem(_ password: String, repeated: String, field: String = "password") -> FieldProblem? {
        if let problem = problem(password, field: field) { return problem }
        guard password == repeated else { return FieldProblem(field: field, message: "the two passwords differ; type the same password twice") }
        return nil
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}

/// A refused field can be thrown where a single problem ends the operation (a password on the command line).
extension FieldProblem: Error {}
