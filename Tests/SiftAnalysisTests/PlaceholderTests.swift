import Testing
@testable import SiftAnalysis

@Suite struct RequestTests {
    @Test func defaultsFollowScikitLearn() {
        let r = ImportanceRequest(metric: "val_loss")
        #expect(r.trees == 100)
        #expect(r.maxFeatures == nil)
        #expect(r.minSamplesLeaf == 1)
    }
}
