import Testing
import TripactAPI

/// The header readings every request makes, read on bytes: the same answers as the rules they implement.
struct HeaderWordsTests {
    @Test func gzipIsAllowedByTheFirstCodingThatNamesItUnlessItsQualityIsZero() {
        #expect(HeaderWords.allowsGzip("gzip, deflate, br"))
        #expect(HeaderWords.allowsGzip("br;q=1.0, GZip ;q=0.8, *;q=0.1"))
        #expect(HeaderWords.allowsGzip("*"))
        #expect(HeaderWords.allowsGzip("identity, \t gzip"))
        #expect(HeaderWords.allowsGzip("gzip;level=1;q=0.5"))
        #expect(!HeaderWords.allowsGzip("gzip;q=0, identity"))
        #expect(!HeaderWords.allowsGzip("gzip;Q=0.000"))
        #expect(!HeaderWords.allowsGzip("*;q=0"))
        #expect(!HeaderWords.allowsGzip("br, deflate"))
        #expect(!HeaderWords.allowsGzip("xgzip, gzipx"))
        #expect(!HeaderWords.allowsGzip(""))
        #expect(!HeaderWords.allowsGzip(nil))
        // A q-value that is not a number does not refuse (as before: only a readable zero refuses).
        #expect(HeaderWords.allowsGzip("gzip;q=soon"))
    }

    @Test func aBearerTokenIsTheCredentialAfterTheSchemeInAnyCase() {
        #expect(HeaderWords.bearerToken("Bearer tripact_abc") == "tripact_abc")
        #expect(HeaderWords.bearerToken("bearer   tripact_abc \t") == "tripact_abc")
        #expect(HeaderWords.bearerToken("BEARER x") == "x")
        #expect(HeaderWords.bearerToken("Bearer ") == nil)
        #expect(HeaderWords.bearerToken("Bearer    ") == nil)
        #expect(HeaderWords.bearerToken("Basic dXNlcjpwYXNz") == nil)
        #expect(HeaderWords.bearerToken("Bearertripact_abc") == nil)
        #expect(HeaderWords.bearerToken("Beärer x") == nil)
        #expect(HeaderWords.bearerToken(nil) == nil)
    }

    @Test func onlyASegmentWithAPercentSignOrANulNeedsDecoding() {
        #expect(!HeaderWords.needsDecoding("lumen-telecom-atlantis-dpa"))
        #expect(!HeaderWords.needsDecoding("clause:audits"))
        #expect(HeaderWords.needsDecoding("party%3Acontroller"))
        #expect(HeaderWords.needsDecoding("a\u{0}b"))
    }
}
