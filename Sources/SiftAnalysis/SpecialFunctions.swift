import Foundation

/// Special functions the p-values and Parzen estimators need: the regularised incomplete beta
/// function, Student-t tail probabilities and normal probability masses.
public enum SpecialFunctions {
    /// The regularised incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
    ///
    /// Evaluated by its continued fraction with the modified Lentz method (Numerical Recipes in C,
    /// 2nd ed., §6.4 `betai`/`betacf`; Lentz 1976, Thompson & Barnett 1986), using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where x > (a + 1)/(a + b + 2) so the fraction converges fast.
    /// The prefactor x^a (1−x)^b / (a B(a, b)) is formed in logs (`lgamma`). Returns NaN for
    /// arguments outside the domain. Relative accuracy is about 1e-14 for the df a p-value needs.
    public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1, a.isFinite, b.isFinite else { return .nan }
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(a, b, x) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b
    }

    /// The continued fraction of I_x(a, b) (Numerical Recipes eq. 6.4.5), by modified Lentz.
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let md = Double(m), m2 = 2 * md
            // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }

    /// Two-sided p-value of Student's t statistic with `df` degrees of freedom:
    /// P(|T| ≥ |t|) = I_{df/(df + t²)}(df/2, 1/2).
    public static func studentTTwoSided(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        return regularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t))
    }

    /// The standard normal upper tail Q(z) = P(Z > z) = erfc(z/√2)/2 (accurate in both tails).
    public static func normalSurvival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// The standard normal mass P(lower < Z ≤ upper), computed on the side where it does not cancel.
    public static func normalMass(_ lower: Double, _ upper: Double) -> Double {
        if lower >= upper { return 0 }
        if lower > 0 { return normalSurvival(lower) - normalSurvival(upper) }
        if upper < 0 { return normalSurvival(-upper) - normalSurvival(-lower) }
        return 1 - normalSurvival(upper) - normalSurvival(-lower)
    }

    /// The 97.5% quantile of the standard normal (SciPy's `norm.ppf(0.975)`), used for 95% intervals.
    public static let normalQuantile975 = 1.959963984540054
}
