import Foundation

/// A signature's moment as people read it: "30 November 2026, 10:14 (Europe/Paris, UTC+01:00)", or
/// "30 November 2026, 09:14 UTC" when the party gives no time zone.
///
/// Signatures are stored as ISO 8601 timestamps in UTC; they are printed in the signing party's time zone from Annex I,
/// named, with its offset at that moment, so a reader in another zone can still place it. A text that is not such a
/// timestamp comes back unchanged rather than being guessed at.
public enum SignatureTime {
    public static func written(_ timestamp: String, timeZone name: String? = nil) -> String {
        guard let date = parse(timestamp) else { return timestamp }
        let zone = name.flatMap(zone(named:))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
            let day = CalendarDate(String(format: "%04d-%02d-%02d", year, month, day))
        else { return timestamp }
        let clock = "\(day.longForm), \(String(format: "%02d:%02d", hour, minute))"
        guard let zone, let name else { return clock + " UTC" }
        return clock + " (\(name), \(offset(zone.secondsFromGMT(for: date))))"
    }

    /// Whether `name` is an IANA zone name the system knows ("Europe/Paris"); abbreviations are not, being ambiguous.
    public static func isKnownZone(_ name: String) -> Bool { zone(named: name) != nil }

    /// The zone of an IANA name ("Europe/Paris"); nil for anything else, abbreviations included, which are ambiguous.
    static func zone(named name: String) -> TimeZone? {
        guard name.contains("/") || name == "UTC", name.utf8.count <= 64, TimeZone.knownTimeZoneIdentifiers.contains(name) || name == "UTC" else { return nil }
        return TimeZone(identifier: name)
    }

    /// "UTC+01:00", "UTC-03:30", "UTC+00:00".
    static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return "UTC" + (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    static func parse(_ text: String) -> Date? {
        guard text.utf8.count <= 40 else { return nil }
        return (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }
}
