import Testing
@testable import SiftAnalysis

@Suite struct LogScaleTests {
    /// Log-uniform draws are log-scaled; uniform ones spanning two decades are not.
    @Test func logUniformIsLogScaledAndUniformIsNot() {
        #expect(LogScale.applies(to: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1]))
        #expect(!LogScale.applies(to: [0.003, 0.25, 0.5, 0.75, 1]))
    }

    /// Values near the largest Double once overflowed the arithmetic midpoint to inf, so a linear spread
    /// was always taken as log-scaled.
    @Test func linearSpreadNearTheLargestDoubleIsNotLogScaled() {
        #expect(!LogScale.applies(to: [1.78e306, 0.9e308, 1.79e308]))
        #expect(LogScale.applies(to: [1.78e306, 1.78e307, 1.79e308]))
    }
}
