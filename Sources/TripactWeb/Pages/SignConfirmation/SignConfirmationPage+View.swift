import TripactCore
import TripactStore

extension SignConfirmationPage {
    /// Writes the confirmation page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let reference = model.reference
            var page = Page(title: "Sign version \(model.head) for the \(model.party.rawValue)")
            page.backToAgreement(reference)
            if let warning = model.staleWarning {
                page.raw("<p class=\"warning\" role=\"alert\">")
                page.text(warning)
                page.raw("</p>")
            }
            page.raw("<dl class=\"facts\"><dt>Agreement</dt><dd>")
            page.text(model.title)
            page.raw("</dd><dt>Version</dt><dd>\(model.head) (<a href=\"\(SiteRoute.version.link(reference, String(model.head)))\">read the version as it prints</a>)</dd>")
            page.raw("<dt>Content hash (sha256)</dt><dd><code class=\"hash\">")
            page.text(model.contentHash)
            page.raw("</code></dd><dt>Controller</dt><dd>")
            page.text(model.controller)
            page.raw("</dd><dt>Processor</dt><dd>")
            page.text(model.processor)
            page.raw("</dd><dt>Signatory named in Annex I for the \(model.party.rawValue)</dt><dd>")
            page.text(model.signatory)
            page.raw("</dd><dt>Time printed with the signature</dt><dd>")
            page.text(model.timeZone)
            page.raw("</dd></dl>")
            if let whoSigns = model.whoSigns {
                writeWhoSigns(&page, whoSigns, session: session)
                writeOpenLinks(&page, session: session)
                return page
            }
            page.raw("<h2>What signing means</h2><ul>")
            page.raw("<li>You sign version \(model.head) as it stands, identified by its content hash: any later change needs a new version and new signatures.</li>")
            page.raw("<li>Tripact records your name, the time, the address your browser connects from and the hash in the agreement's audit log; ")
            page.raw("a signature cannot be withdrawn here.</li>")
            page.raw("<li>The agreement is signed once both parties have signed the same version [Art. 28(9): in writing, including in electronic form].</li></ul>")
            if let refusal = model.refusal {
                page.raw("<p class=\"error\">")
                page.text(refusal)
                page.raw("</p>")
                return page
            }
            if let waiting = model.waitingApproval {
                page.raw("<p class=\"warning\" role=\"status\">")
                page.text(waiting)
                page.raw("</p>")
            }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.sign.link(reference))\" class=\"actions\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(model.head)\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">")
            page.raw("<button type=\"submit\">Sign version \(model.head) for the \(model.party.rawValue)</button> <a href=\"\(SiteRoute.agreement.link(reference))\">Cancel</a></form>")
            return page
        }

        /// For anyone but the signatory: who must sign, and, to the side's admins and legal users, how to invite them.
        private func writeWhoSigns(_ page: inout Page, _ whoSigns: Model.WhoSigns, session: TripactStore.Session) {
            page.raw("<h2>Who signs</h2><p class=\"warning\">")
            page.text(whoSigns.warning)
            page.raw("</p>")
            guard let note = whoSigns.note else { return }
            page.raw("<p>")
            page.text(note)
            page.raw("</p>")
            guard let invite = whoSigns.invite else { return }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.signatoryInvitation.link(model.reference))\" class=\"actions\">")
            page.csrf(session)
            page.raw("<button type=\"submit\">")
            page.text(invite)
            page.raw("</button></form>")
        }

        /// The side's open signatory links: who each is for, until when it works, who made it, and a button that
        /// withdraws it (a withdrawn link answers like an expired one and creates no account).
        private func writeOpenLinks(_ page: inout Page, session: TripactStore.Session) {
            guard !model.openLinks.isEmpty else { return }
            page.raw("<section id=\"signatory-links\" aria-labelledby=\"signatory-links-heading\"><h2 id=\"signatory-links-heading\">Invitation links still open</h2>")
            page.raw("<p>Links your side made for its signatory that have not been used yet. Withdraw one that went to the wrong person or is no longer needed: it then answers as expired and creates no account.</p><ul>")
            for link in model.openLinks {
                page.raw("<li><span id=\"signatory-link-\(link.id)\">")
                page.text(link.description)
                page.raw("</span><form method=\"post\" action=\"\(SiteRoute.signatoryLinkWithdraw.link(model.reference))\" class=\"actions\">")
                page.csrf(session)
                page.raw("<input type=\"hidden\" name=\"link\" value=\"\(link.id)\"><button type=\"submit\" aria-describedby=\"signatory-link-\(link.id)\">")
                page.text(link.withdraw)
                page.raw("</button></form></li>")
            }
            page.raw("</ul></section>")
        }
    }
}
