import Testing
@testable import SiftRender

@Suite struct RenderOptionsTests {
    @Test func plainTextByDefault() {
        #expect(RenderOptions().color == false)
    }
}
