import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// Builds an HTML page. Every value goes in escaped: `text` escapes, and `raw` takes `Markup`, whose literal parts are
/// markup written in this module and whose interpolated strings are escaped. Only `trusted` takes a finished string,
/// and only for markup our renderers made (they escape what they write).
struct Page {
    private(set) var body = ""
    let title: String
    /// `<link>` elements for the head, written by `announceFeed`.
    private var headLinks = ""

    init(title: String) { self.title = title }

    mutating func raw(_ markup: Markup) { body += markup.html }

    /// Markup produced by our renderers (TripactCore's clause, annex and redline HTML), never a user's value.
    mutating func trusted(_ html: String) { body += html }

    /// Announces an Atom feed in the head, so browsers and feed readers find it from the page.
    mutating func announceFeed(_ href: String, title: String) {
        headLinks += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(HTMLEscaping.escape(title))\" href=\"\(HTMLEscaping.escape(href))\">\n"
    }
    mutating func text(_ value: String) { body += HTMLEscaping.escape(value) }

    /// One `<option>` of a select, value and label escaped: every select of every form writes its options here.
    mutating func option(_ value: String, _ label: String, selected: Bool = false) {
        raw("<option value=\"")
        text(value)
        raw(selected ? "\" selected>" : "\">")
        text(label)
        raw("</option>")
    }

    /// Where a form's CSRF token goes. The token is put in when the response is written, so a body can be cached
    /// and served to every user of the same view with their own token. `text` escapes `<`, so no user input can
    /// produce the marker.
    static let csrfMarker = "<tripact-csrf>"

    /// Table cells of text, each escaped: `<td>…</td>` for each value.
    mutating func cells(_ values: String...) {
        for value in values {
            raw("<td>")
            text(value)
            raw("</td>")
        }
    }

    /// The link back to the agreement that every page of one agreement starts with.
    mutating func backToAgreement(_ reference: String) {
        raw("<p><a href=\"\(SiteRoute.agreement.link(reference))\">Back to the agreement</a></p>")
    }

    /// A hidden CSRF field for a state-changing form. The session is the one the response is written for.
    mutating func csrf(_ session: TripactStore.Session) {
        raw("<input type=\"hidden\" name=\"_csrf\" value=\"\(Markup.trusted(Self.csrfMarker))\">")
    }

    /// The page with the site's header, navigation (with a log-out form when signed in) and styles, written straight
    /// into the response's bytes.
    func response(status: HTTPResponse.Status = .ok, session: TripactStore.Session?) -> Response {
        let head = Self.headStart(title: title, headLinks: headLinks)
        let navigation = Self.navigation(session)
        let bodyStart = Self.bodyStart(title: title)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(head.utf8.count + navigation.utf8.count + bodyStart.utf8.count + body.utf8.count + 64)
        buffer.writeString(head)
        buffer.writeString(navigation)
        buffer.writeString(bodyStart)
        Self.write(body, replacing: Self.csrfMarker, with: Self.token(session), into: &buffer)
        buffer.writeString(Self.tail)
        return Response(status: status, headers: Self.headers(), body: .init(byteBuffer: buffer))
    }

    /// Everything before the user's part of the header: the same for every user of a page.
    static func headStart(title: String, headLinks: String) -> String {
        var head = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        head += "<title>\(HTMLEscaping.escape(title)) — Tripact</title>\n\(headLinks)<style>\(Self.style)</style>\n</head>\n<body>\n"
        head += "<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site\"><a class=\"brand\" href=\"\(SiteRoute.dashboard.link())\">Tripact</a>"
        return head
    }

    /// The user's part of the header: links by role, who is signed in, and the log-out form with their token.
    static func navigation(_ session: TripactStore.Session?) -> String {
        guard let session else { return "" }
        var navigation = ""
        // An account made to sign one agreement reaches nothing else, so it is offered nothing else.
        let signingOnly = session.user.signingOnly != nil
        if session.user.role == .admin { navigation += "<a class=\"brand\" href=\"\(SiteRoute.admin.link())\">Administration</a>" }
        if !signingOnly { navigation += "<a class=\"brand\" href=\"\(SiteRoute.approvals.link())\">Approvals</a><a class=\"brand\" href=\"\(SiteRoute.apiTokens.link())\">API tokens</a>" }
        let role = signingOnly ? "signatory" : session.user.role.rawValue
        navigation += "<span class=\"who\">\(HTMLEscaping.escape(session.user.name)) (\(HTMLEscaping.escape(role)))</span>"
        navigation += "<form method=\"post\" action=\"\(SiteRoute.logout.link())\"><input type=\"hidden\" name=\"_csrf\" value=\"\(token(session))\"><button type=\"submit\">Log out</button></form>"
        return navigation
    }

    static func bodyStart(title: String) -> String { "</header>\n<main id=\"main\">\n<h1>\(HTMLEscaping.escape(title))</h1>\n" }
    static let tail = "\n</main>\n</body>\n</html>\n"

    /// The session's CSRF token as it goes into an attribute.
    static func token(_ session: TripactStore.Session?) -> String { HTMLEscaping.escape(session?.csrfToken ?? "") }

    static func headers() -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return headers
    }

    /// This page prepared for serving many times (see `PreparedPage`).
    func prepared() -> PreparedPage { PreparedPage(title: title, headLinks: headLinks, body: body) }

    /// Copies `text` into `buffer`, writing `replacement` wherever `marker` occurs; `memchr` finds the candidates.
    static func write(_ text: String, replacing marker: String, with replacement: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            let pattern = Array(marker.utf8)
            var start = 0
            var index = 0
            while index + pattern.count <= bytes.count, let found = memchr(base + index, Int32(pattern[0]), bytes.count - index) {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard index + pattern.count <= bytes.count else { break }
                if memcmp(base + index, pattern, pattern.count) == 0 {
                    buffer.writeBytes(UnsafeRawBufferPointer(start: base + start, count: index - start))
                    buffer.writeString(replacement)
                    index += pattern.count
                    start = index
                } else {
                    index += 1
                }
            }
            buffer.writeBytes(UnsafeRawBufferPointer(start: base + start, count: bytes.count - start))
        }
    }

    static let style = """
        html { font: 16px/1.5 "DejaVu Sans", Arial, sans-serif; color: #111; }
        body { margin: 0; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .3rem; }
        header.site { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: .6rem 1rem; background: #17324d; color: #fff; }
        header.site a.brand { color: #fff; font-weight: bold; text-decoration: none; } header.site .who { margin-left: auto; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        .table-wrap { overflow-x: auto; } .table-wrap table { overflow-wrap: normal; } fieldset { min-width: 0; } pre { white-space: pre-wrap; }
        .error { color: #900; } .ok { color: #060; } .warning { color: #850; }
        section.wording ol.paragraphs { list-style: none; padding-left: 0; } section.wording ol.paragraphs > li { margin-bottom: 0.6em; }
        section.wording ul { padding-left: 1.5em; } details.variant { margin: 0.4em 0; }
        section.wording .articles { font-size: 0.9em; color: #444; }
        label { display: block; margin: .4rem 0 .1rem; font-weight: 600; } input, select, textarea { font: inherit; max-width: 100%; }
        button { font: inherit; padding: .3rem .8rem; } :focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
        .actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; } .actions > * { min-width: 0; max-width: 100%; } form.inline { display: inline; }
        .choice { display: flex; align-items: center; gap: .5rem; margin: .3rem 0; } .choice input { flex: none; width: 1.5rem; height: 1.5rem; margin: 0; }
        input[type=checkbox], input[type=radio] { width: 1.5rem; height: 1.5rem; vertical-align: middle; }
        .choice label { display: inline; margin: 0; font-weight: normal; }
        ins { background: #dfd; } del { background: #fdd; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
        @media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .4rem; } }
        .needs-you { border: 1px solid #bbb; border-left: 4px solid #17324d; padding: .1rem 1rem .5rem; margin: 1rem 0; }
        .needs-you h2 { margin: .5rem 0; } .needs-you h3 { font-size: 1rem; margin: .8rem 0 .2rem; } .needs-you ul { margin: .2rem 0; padding-left: 1.2rem; }
        .needs-you li { margin: .25rem 0; } .needs-you form.inline { margin-left: .5rem; }
        nav.views ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
        nav.views a, .steps a, .count a { display: inline-block; min-height: 1.5rem; padding: .15rem 0; } nav.views a[aria-current] { font-weight: bold; color: #111; }
        .steps { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .4rem 0; }
        section.change { border-left: 4px solid #8a5a00; padding: .1rem 1rem; margin: 1.2rem 0; } section.change.added { border-color: #2e6b30; }
        section.change.removed { border-color: #9b1c1c; } section.change h2, section.item h2 { font-size: 1.15rem; margin: .6rem 0 .3rem; }
        section.change .kind { margin: .2rem 0; color: #444; } ul.fields { padding-left: 1.2rem; } ul.fields li { margin: .3rem 0; max-width: 80ch; }
        ul.fields .label { font-weight: 600; } .stance { display: inline-block; color: #444; font-style: italic; }
        .left-out { color: #555; font-style: italic; } section.item p, div.words p { max-width: 75ch; font-family: "DejaVu Serif", Georgia, serif; } section.item.added, section.item.removed, section.item.changed { border-left: 4px solid #8a5a00; padding-left: .8rem; }
        .status { font-weight: normal; color: #444; } tr.added { background: #efe; } tr.removed { background: #fee; }
        ins { text-decoration: underline; } del { text-decoration: line-through; }
        .conflict { border-left: 4px solid #900; background: #fff4f4; padding: .1rem .8rem; margin: .8rem 0; }
        .non-standard { border-left: 4px solid #8a5a00; background: #fff8e6; padding: .1rem .8rem; margin: .6rem 0; } .redline-words p { max-width: 75ch; font-family: "DejaVu Serif", Georgia, serif; }
        .own-wording textarea { width: 100%; box-sizing: border-box; } .hint { color: #444; max-width: 80ch; } details.own-wording > summary, details.wording-redline > summary { cursor: pointer; padding: .2rem 0; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        .document section.clause, .document section.annex { border-top: 1px solid #ddd; padding-top: .4rem; } .document ol.paragraphs { list-style: none; padding-left: 0; }
        .document ol.paragraphs > li, .document .redline-words p { max-width: 75ch; font-family: "DejaVu Serif", Georgia, serif; margin-bottom: .6em; }
        .document ol.paragraphs > li { padding-left: 2.6em; text-indent: -2.6em; } .document ol.paragraphs > li > .number { display: inline-block; min-width: 2.6em; text-indent: 0; }
        .document ol.paragraphs ul { text-indent: 0; margin: .3em 0 0; padding-left: 1.4em; } .document ol.paragraphs > li.list > .number { float: left; width: 2.6em; margin-left: -2.6em; }
        .document .articles { font-size: .9em; color: #444; } .document table.grid, .document table.facts, .document table.party { margin: .5rem 0; }
        aside.margin { border-left: 4px solid #888; background: #f6f6f6; padding: .1rem .7rem; margin: .4rem 0 .8rem; font-size: .95rem; }
        .document section.clause { display: flow-root; }
        .document table { display: block; max-width: 100%; overflow-x: auto; position: relative; }
        .document section.annex { position: relative; }
        @media (min-width: 64rem) { .document section.clause > aside.margin { float: right; width: 17rem; margin: 0 0 .8rem 1.5rem; } }
        .item-state p { margin: .25rem 0; } .item-state .redline-words p { font-size: .9rem; }
        aside.margin:has(.agreed) { border-color: #2e6b30; } aside.margin:has(.awaiting-you) { border-color: #8a5a00; } aside.margin:has(.disputed) { border-color: #9b1c1c; }
        .mark { font-size: .85rem; padding: 0 .35rem; border-radius: .2rem; background: #eee; white-space: nowrap; } .mark.agreed { background: #e3f1e3; }
        .mark.awaiting-you { background: #fff0cc; } .mark.disputed { background: #fde0e0; } .mark.changed { background: #dde8f6; }
        .margin-actions a, .doc-contents a { display: inline-block; min-height: 1.5rem; padding: .1rem 0; margin-right: .6rem; } td.margin-cell { min-width: 12rem; background: #f6f6f6; }
        .document section.annex { overflow-x: auto; } .document table { overflow-wrap: normal; }
        .review { border: 1px solid #bbb; padding: .1rem 1rem .6rem; margin: 1rem 0; } .doc-contents ol { list-style: none; padding-left: 0; } .doc-contents li { margin: .15rem 0; }
        @media (min-width: 64rem) { .doc-contents ol { columns: 2; column-gap: 2.5rem; } .doc-contents li { break-inside: avoid; } }
        @media (max-width: 40rem) { .doc-contents ol { max-height: 45vh; overflow-y: auto; border: 1px solid #bbb; padding: .2rem .6rem; } }
        ol.scale-points { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; padding: 0; margin: .2rem 0 .8rem; }
        ol.scale-points li { border-top: 4px solid #bbb; padding-top: .2rem; } ol.scale-points li.value { border-color: #17324d; }
        .comment.internal { border-left: 4px dashed #7a4b00; background: #fff6e0; padding: .1rem .7rem; } .internal-mark { color: #6b4200; margin: .2rem 0; }
        ol.redline-paragraphs { list-style: none; padding-left: 0; } ol.redline-paragraphs > li { max-width: 75ch; font-family: "DejaVu Serif", Georgia, serif; margin: 0 0 .6em; padding-left: 3em; }
        ol.redline-paragraphs > li > .number { display: inline-block; min-width: 3em; margin-left: -3em; }
        """
}
