/// The value of a clause parameter in an agreement document: JSON number, boolean or string.
public enum ParameterValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case integer(Int)
    case boolean(Bool)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            throw DecodingError.typeMismatch(
                ParameterValue.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected a whole number, true/false or a string")
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .boolean(let value): value ? "yes" : "no"
        case .string(let value): value
        }
    }

    public var integerValue: Int? { if case .integer(let v) = self { v } else { nil } }
    public var booleanValue: Bool? { if case .boolean(let v) = self { v } else { nil } }
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
}
