/// Small, locale-free date arithmetic for store timestamps (proleptic Gregorian calendar, UTC).
enum SQLDateTime {
    /// Seconds since 1970-01-01 of `YYYY-MM-DD HH:MM:SS[.fraction]` (a `T` may stand for the space); nil
    /// when the text is not in that form.
    static func seconds(_ text: String) -> Double? {
        let u = Array(text.utf8)
        guard u.count >= 19, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "T"),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              let year = digits(u, 0, 4), let month = digits(u, 5, 2), let day = digits(u, 8, 2),
              let hour = digits(u, 11, 2), let minute = digits(u, 14, 2), let second = digits(u, 17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        if u.count > 19 {
            guard u[19] == UInt8(ascii: "."), u.count > 20 else { return nil }
            var scale = 0.1
            for b in u[20...] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) else { return nil }
                fraction += Double(b - UInt8(ascii: "0")) * scale
                scale /= 10
            }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for milliseconds since 1970-01-01 UTC (MLflow's `start_time`).
    static func iso8601(millisecondsSinceEpoch ms: Int64) -> String {
        let (secondsTotal, milli) = (ms.floorDiv(1000), ms.floorMod(1000))
        let days = secondsTotal.floorDiv(86_400)
        let rest = secondsTotal.floorMod(86_400)
        let (y, m, d) = civilFromDays(Int(days))
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(Int(rest / 3600), 2)):\(pad(Int(rest % 3600 / 60), 2))"
            + ":\(pad(Int(rest % 60), 2)).\(pad(Int(milli), 3))Z"
    }

    private static func digits(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for b in u[start..<(start + count)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) else { return nil }
            v = v * 10 + Int(b - UInt8(ascii: "0"))
        }
        return v
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { (self >= 0 ? self : self - (d - 1)) / d }
    func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}
