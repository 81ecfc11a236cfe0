/// Length limits on text that people type. A limit holds for what a reader counts (grapheme clusters: "é" is one,
/// however it is encoded) and for what storage counts (UTF-8 bytes, at most four per allowed character), so a single
/// "character" stacked with thousands of combining marks cannot carry a megabyte past a 200-character limit.
public enum TextLimit {
    /// Whether `text` is longer than `characters` allows, by either count.
    public static func exceeds(_ text: some StringProtocol, _ characters: Int) -> Bool {
        text.utf8.count > characters * maximumBytesPerCharacter || text.count > characters
    }

    public static let maximumBytesPerCharacter = 4
}
