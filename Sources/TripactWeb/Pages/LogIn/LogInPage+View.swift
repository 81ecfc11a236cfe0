extension LogInPage {
    /// Writes the log-in form; `csrf` is the double-submit token, also set as a cookie, since there is no session yet.
    struct View {
        let model: Model

        func page(csrf: String) -> Page {
            var page = Page(title: "Log in")
            if let message = model.message { page.raw("<p class=\"error\" role=\"alert\" id=\"login-error\">"); page.text(message); page.raw("</p>") }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.login.link())\">")
            page.raw("<input type=\"hidden\" name=\"_csrf\" value=\"")
            page.text(csrf)
            page.raw("\">")
            page.raw("<label for=\"email\">E-mail</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required maxlength=\"254\" value=\"")
            page.text(model.email)
            page.raw("\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"72\">")
            page.raw("<p><button type=\"submit\">Log in</button></p></form>")
            return page
        }
    }
}
