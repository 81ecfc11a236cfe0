import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// A processor's published subprocessor list and the Atom feed of its changes: readable without log-in, and only
/// for a processor that chose to publish. Nothing confidential is shown: no contacts, no assessment references.
/// Countries and transfer mechanisms are named in words; the feed answers conditional requests, so feed readers can
/// poll it cheaply.
struct PublicRegisterController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get("public/:slug/subprocessors") { request, context in try page(request: request, context: context) }
        router.get("public/:slug/subprocessors.atom") { request, context in try feed(request: request, context: context) }
    }

    /// The time of the newest change, or of publication.
    private static func lastModified(_ register: PublicRegister) -> Date {
        ([register.publishedAt] + register.changes.map(\.proposedAt)).compactMap(HTTPCaching.date).max() ?? Date(timeIntervalSince1970: 0)
    }

    private func published(_ context: TripactRequestContext) throws -> PublicRegister {
        let slug = try context.pathParameter("slug")
        guard let register = try store.publicRegister(slug: slug) else { throw HTTPError(.notFound, message: "no public list at this address") }
        return register
    }

    private func page(request: Request, context: TripactRequestContext) throws -> Response {
        let register = try published(context)
        let library = configuration.library
        let feedPath = "/public/\(register.slug)/subprocessors.atom"
        var page = Page(title: "Subprocessors of \(register.organisation)")
        page.announceFeed(configuration.absolute(feedPath, request: request), title: "Changes to the subprocessors of \(register.organisation)")
        page.raw("<p>The entities that \(HTMLEscaping.escape(register.organisation)) engages to process personal data for its clients, and the changes it has announced. ")
        page.raw("<a href=\"/public/\(HTMLEscaping.escape(register.slug))/subprocessors.atom\">Follow the changes (Atom feed)</a>.</p>")
        page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Established in</th><th scope=\"col\">Processing locations</th><th scope=\"col\">What it does</th><th scope=\"col\">Transfer mechanism</th><th scope=\"col\">Its own subprocessors</th></tr></thead><tbody>")
        for entry in register.entries {
            page.raw("<tr><td>")
            page.text(entry.name)
            page.raw("</td><td>")
            page.text(library.countryName(entry.country))
            page.raw("</td><td>")
            page.text(entry.allCountries.map(library.countryName).joined(separator: ", "))
            page.raw("</td><td>")
            page.text(entry.description)
            page.raw("</td><td>")
            page.text(library.mechanismLabel(entry.transferMechanism))
            page.raw("</td><td>")
            page.text((entry.onwardSubprocessors ?? []).map { "\($0.name) (\(library.countryName($0.country)))" }.joined(separator: "; "))
            page.raw("</td></tr>")
        }
        page.raw("</tbody></table></div><h2>Changes</h2><ul>")
        for change in register.changes {
            page.raw("<li id=\"change-\(change.id)\">")
            page.text("\(change.proposedAt.prefix(10)): \(change.change.summary), from \(change.change.plannedStart.iso)")
            page.raw("</li>")
        }
        page.raw("</ul>")
        return page.response(session: context.session)
    }

    private func feed(request: Request, context: TripactRequestContext) throws -> Response {
        let register = try published(context)
        let xml = AtomFeed.render(register, library: configuration.library, base: configuration.absolute("/public/\(register.slug)/subprocessors", request: request))
        return HTTPCaching.response(xml, contentType: "application/atom+xml; charset=utf-8", lastModified: Self.lastModified(register), request: request)
    }
}

/// The Atom document (RFC 4287) of a public register: one entry per change, newest first. The change's message is
/// written for the controllers and stays out. Links are absolute (`base` is the list's address), as feed readers
/// that store entries apart from the feed need them.
enum AtomFeed {
    static func render(_ register: PublicRegister, library: ClauseLibrary, base: String) -> String {
        let updated = register.changes.map(\.proposedAt).max() ?? register.publishedAt
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <id>urn:tripact:register:\(escape(register.slug))</id>\n"
        xml += "  <title>Subprocessors of \(escape(register.organisation))</title>\n"
        xml += "  <updated>\(escape(rfc3339(updated)))</updated>\n"
        xml += "  <author><name>\(escape(register.organisation))</name></author>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(escape(base)).atom\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(base))\"/>\n"
        for change in register.changes {
            let entry = change.change.entry ?? change.change.previous
            var details = "\(change.change.summary), taking effect from \(change.change.plannedStart.iso)."
            if let entry, change.change.kind != .removal {
                details += " \(entry.name), established in \(library.countryName(entry.country))"
                details += entry.locations.isEmpty ? "" : ", processing also in \(entry.locations.map(library.countryName).joined(separator: ", "))"
                details += ": \(entry.description) Transfer mechanism: \(library.mechanismLabel(entry.transferMechanism))."
            }
            xml += "  <entry>\n"
            xml += "    <id>urn:tripact:register:\(escape(register.slug)):change:\(change.id)</id>\n"
            xml += "    <title>\(escape(change.change.summary.prefix(1).uppercased() + change.change.summary.dropFirst()))</title>\n"
            xml += "    <updated>\(escape(rfc3339(change.proposedAt)))</updated>\n"
            xml += "    <published>\(escape(rfc3339(change.proposedAt)))</published>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(base))#change-\(change.id)\"/>\n"
            xml += "    <content type=\"text\">\(escape(details))</content>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Our timestamps are ISO 8601 in UTC with fractional seconds, which RFC 3339 accepts as they are.
    static func rfc3339(_ timestamp: String) -> String { timestamp }

    /// XML escaping; characters XML 1.0 forbids are dropped.
    static func escape<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let value = scalar.value
                if value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000 {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
