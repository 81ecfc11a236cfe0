import Foundation

/// A signature's moment as people read it: "30 November 2026, 09:14 UTC".
///
/// Signatures are stored as ISO 8601 timestamps in UTC, so the time zone printed is always UTC; a text that is not
/// such a timestamp comes back unchanged rather than being guessed at.
public enum SignatureTime {
    public static func written(_ timestamp: String) -> String {
        guard let date = parse(timestamp) else { return timestamp }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
            let date = CalendarDate(String(format: "%04d-%02d-%02d", year, month, day))
        else { return timestamp }
        return "\(date.longForm), \(String(format: "%02d:%02d", hour, minute)) UTC"
    }

    private static func parse(_ text: String) -> Date? {
        guard text.utf8.count <= 40 else { return nil }
        return (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }
}
