/// Writes canonical JSON (sorted keys, no white space, slashes and non-ASCII unescaped) straight into bytes.
///
/// The agreement document writes itself through this (`AgreementDocument+Canonical.swift`) instead of `JSONEncoder`,
/// whose `sortedKeys` pass through boxed containers was most of the cost of a content hash. Callers write an object's
/// keys in byte order themselves; the writer only places commas.
public struct CanonicalWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next key or element is the first of its object or array (no comma before it).
    private var atStart = true

    /// The byte ranges of the subtrees written through `marked(_:_:)`, when recording (nil otherwise): a document is
    /// written once and its items cut out of that one encoding (`AgreementItems.analyse`).
    var marks: [(subtree: ItemSubtree, range: Range<Int>)]?

    public init(capacity: Int = 16 * 1024) { bytes.reserveCapacity(capacity) }

    /// Writes a subtree that is an item of its own, recording where its bytes are.
    mutating func marked(_ subtree: ItemSubtree, _ write: (inout CanonicalWriter) -> Void) {
        let start = bytes.count
        write(&self)
        if marks != nil { marks!.append((subtree, start..<bytes.count)) }
    }

    /// Empties the writer for the next value, keeping its storage.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        atStart = true
    }

    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        atStart = true
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    public mutating func key(_ name: String) {
        if !atStart { bytes.append(UInt8(ascii: ",")) }
        atStart = false
        JSONNode.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes the key when `keys` is nil (the whole object) or names it (an item made of some members); says which.
    mutating func key(_ name: String, ifIn keys: Set<String>?) -> Bool {
        guard keys?.contains(name) ?? true else { return false }
        key(name)
        return true
    }

    public mutating func string(_ text: String) { JSONNode.writeString(text, to: &bytes) }

    mutating func bool(_ value: Bool) {
        let word: StaticString = value ? "true" : "false"
        bytes.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    mutating func integer(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    public mutating func array<Element>(_ elements: [Element], _ write: (inout CanonicalWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        atStart = true
        for element in elements {
            if !atStart { bytes.append(UInt8(ascii: ",")) }
            atStart = false
            write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    public mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    mutating func parameters(_ values: [String: ParameterValue]) {
        beginObject()
        for name in values.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            key(name)
            switch values[name]! {
            case .integer(let value): integer(value)
            case .boolean(let value): bool(value)
            case .string(let value): string(value)
            }
        }
        endObject()
    }
}
