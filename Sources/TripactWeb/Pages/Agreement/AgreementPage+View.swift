import TripactCore
import TripactStore

extension AgreementPage {
    /// Writes the agreement page from its model, once for every user of the same view: the CSRF tokens go in when the
    /// cached page is served.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let reference = model.reference
            let head = model.head
            var page = Page(title: model.title)
            page.raw("<p>Controller: <strong>")
            page.text(model.summary.controller)
            page.raw("</strong>; processor: <strong>")
            page.text(model.summary.processor)
            page.raw("</strong>. You act for the \(model.party.rawValue).</p>")
            page.raw("<p>Status: <strong id=\"status\">")
            page.text(model.summary.standing)
            page.raw("</strong>; head version \(head.number) (sha256 <code>")
            page.text(String(head.contentHash.prefix(12)))
            page.raw("</code>)")
            page.raw("; open items: \(model.summary.openForController) for the controller, \(model.summary.openForProcessor) for the processor.</p>")
            model.needs.write(&page, session: session, actions: model.mayNegotiate)

            // The agreement itself, as printed, right below what needs the reader, with each item's margin; then the ways to
            // accept many items at once, the parts' forms, the validation and the notices.
            model.document.write(&page, session: session)
            if model.mayNegotiate {
                page.raw("<h2 id=\"accept-many\">Accept many items at once</h2>")
                page.raw("<form method=\"post\" action=\"\(SiteRoute.accept.link(reference))\">")
                page.csrf(session)
                page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\"><input type=\"hidden\" name=\"all\" value=\"yes\">")
                page.raw("<button type=\"submit\">Accept every item of version \(head.number) for the \(model.party.rawValue)</button></form>")
                writeSelectionForm(&page, session: session)
            }
            writeFormLinks(&page)
            writeFindings(&page, session: session)
            if !model.notices.isEmpty {
                page.raw("<h2>Subprocessor notices</h2>")
                NoticeViews.table(&page, model.notices, showAgreement: false)
            }
            writeSignatures(&page)
            writeVersions(&page)
            return page
        }

        /// The selection form under the items: a checkbox per part of the agreement with an item still open for the
        /// reader's side (the items' own boxes sit in their margins and belong to this form by its id), and the two ways on.
        private func writeSelectionForm(_ page: inout Page, session: TripactStore.Session) {
            guard !model.selectionGroups.isEmpty else { return }
            page.raw("<form id=\"select-items\" method=\"post\" action=\"\(SiteRoute.acceptReview.link(model.reference))\" class=\"selection\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(model.head.number)\">")
            page.raw("<fieldset><legend>Accept several items at once</legend><p>Check items in the margins of the agreement above, or whole parts here, then choose.</p><ul class=\"checks\">")
            for group in model.selectionGroups {
                page.raw("<li><label><input type=\"checkbox\" name=\"items[]\" value=\"")
                page.text(group.name)
                page.raw("\"> ")
                page.text(group.label)
                page.raw("</label></li>")
            }
            page.raw("</ul><button type=\"submit\" name=\"mode\" value=\"only\">Review: accept the checked items</button> ")
            page.raw("<button type=\"submit\" name=\"mode\" value=\"except\">Review: accept everything except the checked items</button></fieldset></form>")
        }

        /// The checkbox of one item in a margin of the document, tied to the selection form.
        static func writeSelectionBox(_ page: inout Page, key: ItemKey, label: String) {
            page.raw("<input type=\"checkbox\" form=\"select-items\" name=\"items[]\" value=\"")
            page.text(key.rawValue)
            page.raw("\" aria-label=\"Select ")
            page.text(label)
            page.raw("\"> ")
        }

        private func writeFormLinks(_ page: inout Page) {
            let reference = model.reference
            let forms: [[(SiteRoute, String)]] = [
                [
                    (.parties, "Annex I (parties)"), (.annex2, "Annex II (description of the processing)"), (.measures, "Annex III (measures)"),
                    (.subprocessors, "Annex IV (subprocessors)"), (.consumer, "Annex V (obligations towards data subjects)"),
                ],
                [
                    (.terms, "the terms (title, effective date, main agreement, commercial terms)"), (.locations, "the delivery locations (Annex II)"),
                    (.assistance, "the assistance measures (Annex III)"),
                ],
            ]
            for line in forms {
                page.raw("<p class=\"actions\">")
                for (index, (route, words)) in line.enumerated() {
                    if index > 0 { page.raw(" ") }
                    page.raw("<a href=\"\(route.link(reference))\">")
                    page.text("\(model.editVerb) \(words)")
                    page.raw("</a>")
                }
                page.raw("</p>")
            }
        }

        private func writeFindings(_ page: inout Page, session: TripactStore.Session) {
            page.raw("<h2 id=\"validation\">Validation against Article 28</h2>")
            if model.findings.isEmpty {
                page.raw("<p class=\"ok\">No findings.</p>")
            } else {
                page.raw("<ul class=\"findings\">")
                for finding in model.findings {
                    page.raw("<li class=\"")
                    page.text(finding.severity)
                    page.raw("\"><strong>\(finding.isError ? "Error" : "Warning")</strong>, <a href=\"")
                    page.text(finding.href)
                    page.raw("\">")
                    page.text(finding.place)
                    page.raw("</a>: ")
                    page.text(finding.message)
                    page.raw(" <small>(")
                    page.text(finding.article)
                    page.raw(")</small></li>")
                }
                page.raw("</ul>")
            }
            // A document stored before some clauses became mandatory fails validation until they are added: one proposal,
            // on the version shown, adds every missing one in the library's default wording.
            guard !model.missingClauses.isEmpty else { return }
            let titles = model.missingClauses
            page.raw("<form id=\"add-missing-clauses\" method=\"post\" action=\"\(SiteRoute.addMissingClauses.link(model.reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"base\" value=\"\(model.head.number)\"><p>")
            page.text(
                "This agreement lacks \(titles.count == 1 ? "a clause" : "\(titles.count) clauses") that every agreement like it now needs: \(titles.joined(separator: ", ")). "
                    + "You can propose them in one version, each in the library's standard wording with its usual values; the other side reviews them like any change."
            )
            page.raw("</p><p><button type=\"submit\">Add the missing clauses to your side's draft</button></p></form>")
        }

        private func writeSignatures(_ page: inout Page) {
            page.raw("<h2 id=\"signatures\">Signatures</h2>")
            for sentence in model.signatures {
                page.raw("<p class=\"signature\">")
                page.text(sentence)
                page.raw("</p>")
            }
            if let context = model.signedUpdates { Self.writeSignedUpdates(&page, context: context) }
            if model.offersSigning {
                // Signing is confirmed on its own page, which names the version, its hash and the parties.
                page.raw("<form method=\"get\" action=\"\(SiteRoute.sign.link(model.reference))\">")
                page.raw("<input type=\"hidden\" name=\"version\" value=\"\(model.head.number)\"><button type=\"submit\">Sign version \(model.head.number) for the \(model.party.rawValue)…</button></form>")
            } else if model.signatures.isEmpty, model.signedUpdates?.signedVersion == nil {
                page.raw("<p>Both parties sign once every item is accepted by both and no validation error stands.</p>")
            }
        }

        /// The signed version, the updates the agreement's own procedures made since, and the notices that made them.
        static func writeSignedUpdates(_ page: inout Page, context: RenderContext) {
            guard let signed = context.signedVersion, !context.updates.isEmpty else { return }
            page.raw("<p>Version \(signed.version) (sha256 <code>")
            page.text(String(signed.contentHash.prefix(12)))
            page.raw("</code>) was signed for ")
            page.text(context.signatures.sorted { $0.key.rawValue < $1.key.rawValue }.map { "the \($0.key.rawValue) by \($0.value.name) on \(SignatureTime.written($0.value.signedAt))" }.joined(separator: " and "))
            page.raw(". The versions since were made by the agreement's own procedure for changes of subprocessors, so the agreement stays signed; a negotiated change would need new signatures.</p>")
            page.raw("<div class=\"table-wrap\"><table id=\"signed-updates\"><caption>Signed version and later updates</caption><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">How</th><th scope=\"col\">Change</th><th scope=\"col\">Notice</th></tr></thead><tbody>")
            page.raw("<tr><td>\(signed.version)</td><td>signed by both parties</td><td></td><td></td></tr>")
            for update in context.updates {
                page.raw("<tr><td>\(update.version)</td><td>")
                page.text(update.sentence)
                page.raw("</td><td>")
                page.text(update.summary)
                page.raw("</td><td><a href=\"\(SiteRoute.notice.link(String(update.notice)))\">\(update.kind == .approval ? "approval" : "notice") \(update.notice)</a></td></tr>")
            }
            page.raw("</tbody></table></div>")
        }

        private func writeVersions(_ page: inout Page) {
            let reference = model.reference
            let head = model.head.number
            page.raw("<h2>Versions</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">By</th><th scope=\"col\">When</th><th scope=\"col\">Message</th><th scope=\"col\">Signed</th><th scope=\"col\">Print</th></tr></thead><tbody>")
            for entry in model.log {
                page.raw("<tr><td>\(entry.number)</td><td>")
                page.text("\(entry.author) (\(entry.party.rawValue))")
                page.raw("</td><td>")
                page.text(entry.createdAt)
                page.raw("</td><td>")
                page.text(entry.message)
                page.raw("</td><td>")
                page.text(entry.signedBy.map(\.rawValue).joined(separator: ", "))
                if model.carried.contains(entry.number), let signed = model.signedUpdates?.signedVersion {
                    page.raw("signatures of version \(signed.version) (updated by procedure)")
                }
                let number = String(entry.number)
                page.raw("</td><td><a href=\"\(SiteRoute.version.link(reference, number))\">print preview</a> · <a href=\"\(SiteRoute.versionDocx.link(reference, number))\">Word document</a></td></tr>")
            }
            page.raw("</tbody></table></div>")
            page.raw("<p><a href=\"\(SiteRoute.word.link(reference))\">Bring back a Word document the other side returned</a> (its tracked changes, edits and comments are proposed as a new version)</p>")
            guard model.log.count > 1 else { return }
            page.raw("<form method=\"get\" action=\"\(SiteRoute.compare.link(reference))\" class=\"actions\"><div><label for=\"from\">Compare version</label><select id=\"from\" name=\"from\">")
            for entry in model.log { page.option(String(entry.number), String(entry.number), selected: entry.number == head - 1) }
            page.raw("</select></div><div><label for=\"to\">with version</label><select id=\"to\" name=\"to\">")
            for entry in model.log { page.option(String(entry.number), String(entry.number), selected: entry.number == head) }
            page.raw("</select></div><button type=\"submit\">Show the redline</button></form>")
        }
    }
}
