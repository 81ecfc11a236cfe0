import Testing
@testable import TripactWeb

/// A page's markup is what this module's literals say; every value interpolated into it is escaped, whatever it holds.
@Suite struct MarkupTests {
    @Test func interpolatedTextIsEscapedAndLiteralsAreMarkup() {
        let hostile = "\"><script>alert(1)</script>"
        let markup: Markup = "<a href=\"\(hostile)\">\(hostile)</a>"
        #expect(markup.html == "<a href=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>")
        let quote = "' onfocus='x"
        #expect(("<input value='\(quote)'>" as Markup).html == "<input value='&#39; onfocus=&#39;x'>")
    }

    @Test func aSubstringIsEscapedAsAStringIsAndANumberIsWrittenAsDigits() {
        let text = "a<b & c"
        let markup: Markup = "<td>\(text.prefix(3))</td><td>\(42)</td><td>\(-7)</td>"
        #expect(markup.html == "<td>a&lt;b</td><td>42</td><td>-7</td>")
    }

    @Test func conditionalMarkupIsWrittenOnlyWhenItsConditionHoldsAndItsOwnValuesAreEscaped() {
        let id = "x\"y"
        let on: Markup = "<input\(if: true, " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"")>"
        let off: Markup = "<input\(if: false, " aria-invalid=\"true\"")>"
        #expect(on.html == "<input aria-invalid=\"true\" aria-describedby=\"x&quot;y-error\">")
        #expect(off.html == "<input>")
    }

    @Test func aStringHoldingMarkupIsTextUnlessItIsMarkupItself() {
        let made = "<b>bold</b>"
        let piece: Markup = "<b>\("bold")</b>"
        #expect(("<p>\(made)</p>" as Markup).html == "<p>&lt;b&gt;bold&lt;/b&gt;</p>")
        #expect(("<p>\(piece)</p>" as Markup).html == "<p><b>bold</b></p>")
        var page = Page(title: "t")
        page.raw("<p>\(made)</p>")
        page.trusted("<hr>")
        #expect(page.body == "<p>&lt;b&gt;bold&lt;/b&gt;</p><hr>")
    }
}
