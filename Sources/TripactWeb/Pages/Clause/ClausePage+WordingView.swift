import TripactCore
import TripactStore

extension ClausePage.View {
    /// The wording section: the head's, or the side's draft's with the head's folded below it.
    func writeWording(_ page: inout Page, _ wording: ClausePage.Wording) {
        switch wording {
        case .head(let number, let reading):
            page.raw("<section class=\"wording\" aria-labelledby=\"wording-heading\"><h2 id=\"wording-heading\">The wording in version \(number)</h2>")
            if let reading {
                writeReading(&page, reading)
            } else {
                page.raw("<p>This clause is not in version \(number).</p>")
            }
            page.raw("</section>")
        case .draft(let head, let drafted, let sent):
            page.raw("<section class=\"wording draft\" aria-labelledby=\"wording-heading\"><h2 id=\"wording-heading\">Your draft — not sent yet</h2>")
            page.raw("<p class=\"draft-note\" role=\"note\">")
            page.text(
                "This is the wording your side's draft gives the clause. The other side still reads version \(head) and sees your draft only once "
                    + "your side sends it. "
            )
            page.raw("<a href=\"\(SiteRoute.draft.link(model.reference))\">Review and send the draft</a></p>")
            if let drafted {
                writeReading(&page, drafted)
            } else {
                page.raw("<p>Your draft takes this clause out of the agreement.</p>")
            }
            page.raw("<details class=\"head-wording\"><summary>")
            page.text("The wording in version \(head), as both sides read it now, and your draft's changes to it")
            page.raw("</summary>")
            if let sent {
                if let redline = sent.redline {
                    page.raw("<h3>Your draft against version \(head)</h3><p class=\"hint\">Struck through: only in version \(head). Underlined: what your draft says instead.</p>")
                    page.raw(redline)
                }
                page.raw("<h3>Version \(head)</h3>")
                writeNonStandard(&page, sent.nonStandard)
                page.raw(sent.text)
            } else {
                page.raw("<p>This clause is not in version \(head): your draft adds it.</p>")
            }
            page.raw("</details></section>")
        }
    }

    /// One wording with its reading aids; the texts and redlines are the renderers' markup, every word escaped there.
    private func writeReading(_ page: inout Page, _ reading: ClausePage.Reading) {
        writeNonStandard(&page, reading.nonStandard)
        page.raw(reading.text)
        for variant in reading.variants {
            page.raw("<details class=\"variant\"><summary>")
            page.text(variant.summary)
            page.raw("</summary>")
            page.raw(variant.text)
            page.raw("</details>")
        }
        if let redline = reading.variantRedline { writeVariantRedline(&page, redline) }
        writeScales(&page, reading.scales)
    }

    private func writeNonStandard(_ page: inout Page, _ note: ClausePage.NonStandard?) {
        guard let note else { return }
        page.raw("<div class=\"non-standard\" role=\"note\"><p><strong>Non-standard wording.</strong> ")
        page.text(note.sentence)
        page.raw("</p><details class=\"wording-redline\"><summary>")
        page.text("Compared with the library's text (words taken out struck through, words put in underlined)")
        page.raw("</summary>")
        page.raw(note.redline)
        page.raw("</details></div>")
    }

    /// A select of the other variants (a GET, so it works without script and can be bookmarked) and, when one is
    /// chosen, the current wording against it.
    private func writeVariantRedline(_ page: inout Page, _ redline: ClausePage.Reading.VariantRedline) {
        page.raw("<form method=\"get\" action=\"\(SiteRoute.clause.link(model.reference, model.clause.id.rawValue, fragment: "variant-redline"))\" class=\"actions\">")
        page.raw("<div><label for=\"against\">Compare the current wording with the variant</label><select id=\"against\" name=\"against\">")
        for option in redline.options { page.option(option.key, option.label, selected: option.key == redline.against) }
        page.raw("</select></div><button type=\"submit\">Show the redline</button></form>")
        guard let words = redline.redline else { return }
        page.raw("<section class=\"variant-redline\" id=\"variant-redline\" aria-labelledby=\"variant-redline-heading\"><h3 id=\"variant-redline-heading\">")
        page.text(redline.heading)
        page.raw("</h3><p class=\"hint\">")
        page.text(redline.hint)
        page.raw("</p>")
        page.raw(words)
        page.raw("</section>")
    }

    /// Each parameter's value placed on a scale of the reader's own organisation's positions (never the other side's).
    private func writeScales(_ page: inout Page, _ scales: [ClausePage.Reading.Scale]) {
        guard !scales.isEmpty else { return }
        page.raw("<section class=\"scales\" aria-labelledby=\"scales-heading\"><h3 id=\"scales-heading\">Where the values sit against your playbook</h3>")
        page.raw("<p class=\"hint\">Your organisation's own positions; the other side never sees them.</p>")
        for scale in scales {
            page.raw("<div class=\"scale\"><p><strong>")
            page.text(scale.label)
            page.raw("</strong>: ")
            page.text(scale.sentence)
            page.raw("</p><ol class=\"scale-points\" aria-label=\"")
            page.text("\(scale.label), from your preferred position to your walk-away")
            page.raw("\">")
            for point in scale.points {
                page.raw(point.isValue ? "<li class=\"value\"><strong>" : "<li>")
                page.text(point.words)
                page.raw(point.isValue ? "</strong></li>" : "</li>")
            }
            page.raw("</ol></div>")
        }
        page.raw("</section>")
    }

    /// The own-wording form: the clause's text to edit and a rider, proposed like every other form.
    func writeWordingForm(_ page: inout Page, _ form: ClausePage.WordingForm, session: TripactStore.Session) {
        let entry = form.entry
        let base = model.entered.base
        page.raw("<section class=\"own-wording\" aria-labelledby=\"own-wording-heading\"><h2 id=\"own-wording-heading\">Your own wording</h2>")
        page.raw(form.isOpen ? "<details class=\"own-wording\" open>" : "<details class=\"own-wording\">")
        page.raw("<summary>Use your own wording or add a rider</summary>")
        if !entry.errors.isEmpty {
            page.raw("<p class=\"error\" role=\"alert\">The wording form has \(entry.errors.count) problem\(entry.errors.count == 1 ? "" : "s"); see the fields below. Nothing was saved.</p>")
        }
        page.raw("<form method=\"post\" action=\"\(SiteRoute.clauseWording.link(model.reference, model.clause.id.rawValue))\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(base)\">")
        page.raw("<p class=\"hint\" id=\"wording-hint\">")
        page.text(form.hint)
        page.raw("</p>")
        textarea(
            &page, name: "ownWording", label: "Use your own wording (replaces the text of the variant \u{201C}\(form.variantLabel)\u{201D})", value: form.ownWording, rows: 14,
            maximum: ClauseWording.maximumOwnWordingLength, error: entry.errors["ownWording"]
        )
        if form.hasOwnWording {
            page.raw("<div class=\"choice\"><input type=\"checkbox\" id=\"restore\" name=\"restore\" value=\"yes\"><label for=\"restore\">Go back to the library's text of the variant</label></div>")
        }
        textarea(
            &page, name: "rider", label: "Add a rider (paragraphs printed after the clause's text; leave empty for none)", value: form.rider, rows: 5,
            maximum: ClauseWording.maximumRiderLength, error: entry.errors["rider"]
        )
        textarea(
            &page, name: "message", id: "wording-message", label: "Message for the other side", value: entry.message, rows: 3, maximum: ClauseController.maximumMessageLength,
            error: entry.errors["wording-message"], required: true
        )
        page.proposeButton(base: base, session: session)
        page.raw("</form></details></section>")
    }

    private func textarea(
        _ page: inout Page, name: String, id: String? = nil, label: String, value: String, rows: Int, maximum: Int, error: String?, required: Bool = false
    ) {
        let id = id ?? name
        page.raw("<label for=\"\(id)\">")
        page.text(label)
        page.raw("</label><textarea id=\"\(id)\" name=\"\(name)\" rows=\"\(rows)\" cols=\"80\" maxlength=\"\(maximum)\" aria-describedby=\"")
        if error != nil { page.raw("\(id)-error ") }
        page.raw("wording-hint\"")
        if required { page.raw(" required") }
        if error != nil { page.raw(" aria-invalid=\"true\"") }
        page.raw(">")
        page.text(value)
        page.raw("</textarea>")
        ClauseController.error(&page, error, id: "\(id)-error")
    }
}
